package dev.switchboard.insights;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.QueryParams;
import dev.switchboard.insights.InsightsDtos.Insights;

/** {@code GET /insights/magic-links}: the organization's links together, from the daily rollup. */
@Path("/insights/magic-links")
@Tag(name = "Magic links")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked key", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "Organization suspended", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "429", description = "Rate limit exceeded", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class OrganizationInsightsResource {

    @Inject
    InsightsService insights;
    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Magic link insights of the organization", description = "The same measures as one "
            + "link's, over every link of the organization and environment, or of one integration_type or "
            + "customer_id. Answers from daily rollups, so its cost does not grow with the number of links; the median is exact, "
            + "read through an index within the one 10%-wide duration bucket that holds it.")
    @APIResponse(responseCode = "200", description = "The insight", content = @Content(schema = @Schema(implementation = Insights.class)))
    @APIResponse(responseCode = "422", description = "Unknown range or integration_type, customer_id too long", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public Insights forOrganization(
            @Parameter(description = InsightsResource.RANGE, schema = @Schema(enumeration = { "7d", "30d",
                    "90d" })) @QueryParam("range") String range,
            @Parameter(description = "wms, freight, cart, carrier or erp") @QueryParam("integration_type") String integrationType,
            @Parameter(description = "Only this customer's links") @QueryParam("customer_id") String customerId) {
        ValidationProblem problem = new ValidationProblem();
        InsightRange window = InsightsResource.collect(problem, () -> InsightRange.parse(range));
        IntegrationType type = InsightsResource.collect(problem,
                () -> QueryParams.wireValue(ValidationProblem.QUERY, "integration_type",
                        integrationType, IntegrationType.class));
        String customer = InsightsResource.collect(problem,
                () -> QueryParams.stringParam("customer_id", customerId, 255));
        problem.throwIfAny();
        return insights.forOrganization(caller.tenant(), window, type,
                customer == null || customer.isEmpty() ? null : customer);
    }
}
