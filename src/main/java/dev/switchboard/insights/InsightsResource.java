package dev.switchboard.insights;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.auth.Caller;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.insights.InsightsDtos.Insights;

/** {@code GET /magic-links/{id}/insights}: one link's views, opens, selections, completions and their days. */
@Path("/magic-links/{magic_link_id}/insights")
@Tag(name = "Magic links")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked key", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "Organization suspended", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "422", description = "Unknown range", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
@APIResponse(responseCode = "429", description = "Rate limit exceeded", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class InsightsResource {

    static final String RANGE = "7d, 30d (default) or 90d: the last 7, 30 or 90 UTC days, today included. Anything else is a 422.";

    @Inject
    InsightsService insights;
    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Magic link insights", description = "Views (page loads by people, not by mail scanners), "
            + "unique viewer-days, opens, selections and completions per integration, failures, conversion "
            + "(completions / opens), the median time from open to completion, a daily series and the funnel. "
            + "Revoked links have insights too.")
    @APIResponse(responseCode = "200", description = "The link's insight", content = @Content(schema = @Schema(implementation = Insights.class)))
    @APIResponse(responseCode = "404", description = "Not a link of this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Insights forLink(@PathParam("magic_link_id") String id,
            @Parameter(description = RANGE, schema = @Schema(enumeration = { "7d", "30d",
                    "90d" })) @QueryParam("range") String range) {
        return insights.forLink(caller.tenant(), id, InsightRange.parse(range));
    }

    static <T> T collect(ValidationProblem problem, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ValidationProblem p) {
            p.body().detail().forEach((location, fields) -> fields
                    .forEach((field, messages) -> messages.forEach(message -> problem.add(location, field, message))));
            return null;
        }
    }
}
