package dev.switchboard.sandbox.wms;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;

/**
 * Simulations of what a system refuses, to try connection health ({@code errors[]}, {@code connection-error.*}) on
 * the sandbox: the next sync meets the refusal as it would meet a vendor's 401 or 403. Same access rules as the other
 * simulations: the organization's key and the sandbox connection's access token.
 */
@Path("/sandbox/simulate")
@Tag(name = "Sandbox", description = "A sandbox connection per type, to try the API without a customer.")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "NOT_A_SANDBOX_CONNECTION: the access token names a connection to a real system", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "401", description = "Invalid API key, or INVALID_ACCESS_TOKEN: a missing, unknown or deleted token, or one of another organization or environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the write scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "422", description = "Missing access token, or an unknown function", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
public class AccessSimulationResource {

    /** What the simulated system now refuses. */
    public record AccessSimulated(
            @Schema(required = true, examples = "conn_3fZq1xV9bT0cLmN2pQ4rS6uW") String connectionId,
            @Schema(required = true, examples = "credentials_revoked", enumeration = {
                    "credentials_revoked", "permission_denied", "permission_granted" }) String simulated,
            @Schema(required = true, nullable = true, description = "The function, for a permission") String functionName){
    }

    @Inject
    SandboxAccess access;
    @Inject
    Caller caller;

    @PUT
    @Path("/credentials/revoke")
    @Operation(summary = "Simulate revoked credentials", description = "The sandbox system revokes the credentials "
            + "the connection holds: its next sync is refused as by a vendor's 401, every function stops, and the "
            + "connection shows the error in errors[] (connection-error.created) until it is reinstalled with other "
            + "credentials (a magic link or POST /link/token with connection_id).")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = AccessSimulated.class)))
    public AccessSimulated revoke(
            @Parameter(required = true, description = "The sandbox connection's access token") @HeaderParam(SimulationResource.ACCESS_TOKEN_HEADER) String accessToken) {
        return new AccessSimulated(access.revokeCredentials(caller.tenant(),
                SimulationResource.requireAccessToken(accessToken)), "credentials_revoked", null);
    }

    @PUT
    @Path("/permissions/{function_name}/deny")
    @Operation(summary = "Simulate a missing permission", description = "The sandbox system refuses one function "
            + "(get_orders, get_inventory, ...) to the connection's credentials, as by a vendor's 403: that function "
            + "stops syncing and shows in errors[]; the others go on.")
    @APIResponse(responseCode = "200", description = "Denied", content = @Content(schema = @Schema(implementation = AccessSimulated.class)))
    public AccessSimulated deny(
            @Parameter(required = true, description = "The sandbox connection's access token") @HeaderParam(SimulationResource.ACCESS_TOKEN_HEADER) String accessToken,
            @PathParam("function_name") String functionName) {
        return permission(accessToken, functionName, true);
    }

    @PUT
    @Path("/permissions/{function_name}/grant")
    @Operation(summary = "Simulate a permission granted again", description = "The sandbox system allows the "
            + "function again. The error goes once the function completes a run (after a reinstall unblocks it).")
    @APIResponse(responseCode = "200", description = "Granted", content = @Content(schema = @Schema(implementation = AccessSimulated.class)))
    public AccessSimulated grant(
            @Parameter(required = true, description = "The sandbox connection's access token") @HeaderParam(SimulationResource.ACCESS_TOKEN_HEADER) String accessToken,
            @PathParam("function_name") String functionName) {
        return permission(accessToken, functionName, false);
    }

    private AccessSimulated permission(String accessToken, String functionName, boolean denied) {
        String id = access.setPermission(caller.tenant(), SimulationResource.requireAccessToken(accessToken),
                functionName, denied);
        return new AccessSimulated(id, denied ? "permission_denied" : "permission_granted", functionName);
    }
}
