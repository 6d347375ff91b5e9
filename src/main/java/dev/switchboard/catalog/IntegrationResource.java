package dev.switchboard.catalog;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.error.ApiException;
import dev.switchboard.error.NotFoundBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.QueryParams;

@Path("/integrations")
@Tag(name = "Integrations", description = "The catalog: which systems a customer can connect, and what each can do.")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
@APIResponse(responseCode = "422", description = "Unknown integration_type", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
public class IntegrationResource {

    /** Private: the response needs a key. Five minutes: the catalog changes only with a release. */
    private static final CacheControl CACHE = CacheControl.valueOf("private, max-age=300");

    @Inject
    Catalog catalog;

    @GET
    @Path("/{integration_type}")
    @Operation(summary = "Integrations of a type", description = "Every integration of the type, its actions and "
            + "operations. Sent with an ETag; If-None-Match answers 304.")
    @APIResponse(responseCode = "200", description = "The integrations", content = @Content(schema = @Schema(implementation = IntegrationInfo.Page.class)))
    public Response ofType(
            @Parameter(description = "wms, freight, cart, carrier or erp") @PathParam("integration_type") String type,
            @jakarta.ws.rs.core.Context Request request) {
        return cached(catalog.typePage(type(type)), request);
    }

    @GET
    @Path("/{integration_type}/{integration_name}")
    @Operation(summary = "One integration", description = "The contract's envelope with exactly one element.")
    @APIResponse(responseCode = "200", description = "The integration", content = @Content(schema = @Schema(implementation = IntegrationInfo.Page.class)))
    @APIResponse(responseCode = "404", description = "No such integration of that type", content = @Content(schema = @Schema(implementation = NotFoundBody.class)))
    public Response one(@PathParam("integration_type") String type, @PathParam("integration_name") String name,
            @jakarta.ws.rs.core.Context Request request) {
        Integration integration = catalog.find(type(type), name)
                .orElseThrow(() -> ApiException.contractNotFound("Integration not found", name));
        return cached(catalog.singlePage(integration), request);
    }

    private static IntegrationType type(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ValidationProblem.of(ValidationProblem.PATH, "integration_type", "Missing data for required field.");
        }
        return QueryParams.wireValue(ValidationProblem.PATH, "integration_type", raw, IntegrationType.class);
    }

    private static Response cached(Catalog.Rendered page, Request request) {
        EntityTag etag = new EntityTag(page.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.cacheControl(CACHE).tag(etag).build();
        }
        return Response.ok(page.body(), MediaType.APPLICATION_JSON_TYPE).tag(etag).cacheControl(CACHE).build();
    }
}
