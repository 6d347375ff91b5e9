package dev.switchboard.sandbox.wms;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.auth.Caller;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;

/**
 * Trackstar's sandbox simulation endpoints. They act on the sandbox connection named by the access token; the
 * answer is the record as the simulated WMS now shows it, in Trackstar's read schema, which Switchboard's store and
 * read API show after the next sync (or at once after {@code POST /connections/sync}).
 */
@Path("/sandbox/simulate")
@Tag(name = "Sandbox", description = "A sandbox connection per type, to try the API without a customer.")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "NOT_A_SANDBOX_CONNECTION: the access token names a connection to a real system", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "401", description = "Invalid API key, or INVALID_ACCESS_TOKEN: a missing, unknown or deleted token, or one of another organization or environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the write scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "422", description = "Missing access token, or a malformed partial", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
public class SimulationResource {

    static final String ACCESS_TOKEN_HEADER = "x-trackstar-access-token";

    /** {@code {"data": {...}}}: the simulated record, Trackstar's single-item envelope. */
    public record SimulatedRecord(
            @Schema(description = "The order (OrderSchema) or return (ReturnSchema) as the sandbox now shows it") ObjectNode data) {
    }

    @Inject
    SandboxSimulations simulations;
    @Inject
    Caller caller;

    @PUT
    @Path("/orders/{order_id}/fulfill")
    @Operation(summary = "Simulate fulfilling a sandbox order", description = "Ships the order's unshipped units now "
            + "(partial=true: about half of them; the order becomes partially_fulfilled), with a shipment, packages "
            + "and tracking numbers. Inventory, bills and the ledger move with it.")
    @APIResponse(responseCode = "200", description = "The order after the simulation", content = @Content(schema = @Schema(implementation = SimulatedRecord.class)))
    @APIResponse(responseCode = "404", description = "The sandbox has no such order", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ORDER_ALREADY_FULFILLED or ORDER_CANCELLED", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SimulatedRecord fulfill(
            @Parameter(required = true, description = "The sandbox connection's access token") @HeaderParam(ACCESS_TOKEN_HEADER) String accessToken,
            @PathParam("order_id") String orderId,
            @Parameter(description = "true to ship only part of the order (default false)") @QueryParam("partial") String partial) {
        return new SimulatedRecord(simulations.fulfillOrder(caller.tenant(), requireAccessToken(accessToken), orderId,
                booleanParam("partial", partial)));
    }

    @PUT
    @Path("/returns/{return_id}/receive")
    @Operation(summary = "Simulate receiving a sandbox return", description = "The return arrives and is received "
            + "now; units in good condition are restocked.")
    @APIResponse(responseCode = "200", description = "The return after the simulation", content = @Content(schema = @Schema(implementation = SimulatedRecord.class)))
    @APIResponse(responseCode = "404", description = "The sandbox has no such return", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "RETURN_ALREADY_RECEIVED or RETURN_CANCELLED", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SimulatedRecord receive(
            @Parameter(required = true, description = "The sandbox connection's access token") @HeaderParam(ACCESS_TOKEN_HEADER) String accessToken,
            @PathParam("return_id") String returnId) {
        return new SimulatedRecord(
                simulations.receiveReturn(caller.tenant(), requireAccessToken(accessToken), returnId));
    }

    static String requireAccessToken(String header) {
        if (header == null || header.isBlank()) {
            throw ValidationProblem.of(ValidationProblem.HEADERS, ACCESS_TOKEN_HEADER,
                    "Missing data for required field.");
        }
        return header.strip();
    }

    private static boolean booleanParam(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        return switch (raw.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ValidationProblem.of(ValidationProblem.QUERY, name, "Not a valid boolean.");
        };
    }
}
