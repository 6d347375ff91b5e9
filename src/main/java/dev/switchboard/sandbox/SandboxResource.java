package dev.switchboard.sandbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.auth.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.ConnectionDtos.ExchangeResponse;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.connection.ConnectionSyncState;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.QueryParams;

@Path("/sandbox/generate-sandbox/{integration_type}")
@Tag(name = "Sandbox", description = "A sandbox connection per type, to try the API without a customer.")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the write scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class SandboxResource {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    Caller caller;
    @Inject
    ConnectionSyncState sync;

    @POST
    @Operation(summary = "Generate the sandbox connection of a type", description = "One sandbox connection per "
            + "organization, environment and type: the first call creates it (and sends connection.created), every "
            + "later call answers with the same connection_id and access_token. Deleting it lets the next call make a "
            + "new one.")
    @APIResponse(responseCode = "200", description = "The sandbox connection and its access token", content = @Content(schema = @Schema(implementation = ExchangeResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown integration_type", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public ExchangeResponse generate(
            @Parameter(description = "wms, freight, cart, carrier or erp") @PathParam("integration_type") String integrationType) {
        IntegrationType type = QueryParams.wireValue(ValidationProblem.PATH, "integration_type", integrationType,
                IntegrationType.class);
        // The catalog is checked at start to hold a sandbox of every type.
        Integration sandbox = catalog.find(type, Integration.SANDBOX).orElseThrow();
        return ExchangeResponse.of(connections.generateSandbox(caller.tenant(), sandbox), sync);
    }
}
