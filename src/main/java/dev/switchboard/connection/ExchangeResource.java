package dev.switchboard.connection;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.auth.Caller;
import dev.switchboard.connection.ConnectionDtos.ExchangeInput;
import dev.switchboard.connection.ConnectionDtos.ExchangeResponse;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;

@Path("/link/exchange")
@Tag(name = "Link")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the write scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class ExchangeResource {

    @Inject
    ConnectionService connections;
    @Inject
    Caller caller;
    @Inject
    ConnectionSyncState sync;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange an auth code", description = "Trades the auth code of a completed install (one-time, "
            + "valid 10 minutes) for the connection's permanent access token. A reinstall answers with the same "
            + "connection_id and access_token as before.")
    @APIResponse(responseCode = "200", description = "The connection and its access token", content = @Content(schema = @Schema(implementation = ExchangeResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown, used, expired or another tenant's auth code (json.auth_code)", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public ExchangeResponse exchange(ExchangeInput input) {
        ExchangeInput body = ValidationProblem.requireBody(input);
        ValidationProblem problem = new ValidationProblem();
        if (body.authCode() == null || body.authCode().isBlank()) {
            problem.add(ValidationProblem.JSON, "auth_code", "Missing data for required field.");
        } else if (body.authCode().length() > 100) {
            problem.add(ValidationProblem.JSON, "auth_code", ConnectionService.BAD_AUTH_CODE);
        }
        ConnectionDtos.checkCustomerId(problem, body.customerId());
        problem.throwIfAny();
        return ExchangeResponse.of(connections.exchange(caller.tenant(), body.authCode(), body.customerId()), sync);
    }
}
