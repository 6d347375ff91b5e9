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
import dev.switchboard.connection.ConnectionDtos.LinkTokenInput;
import dev.switchboard.connection.ConnectionDtos.LinkTokenResponse;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;

@Path("/link/token")
@Tag(name = "Link", description = "The embedded flow: a link token opens the Connect modal; the install it completes "
        + "yields an auth code, exchanged for the connection's access token.")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the write scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class LinkTokenResource {

    @Inject
    LinkTokenService linkTokens;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a link token", description = "Single use, valid 30 minutes. With connection_id, the "
            + "install reinstalls that connection (same id, same access token). The JSON body may be empty.")
    @APIResponse(responseCode = "200", description = "The link token", content = @Content(schema = @Schema(implementation = LinkTokenResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown connection_id, or a bad field", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public LinkTokenResponse create(LinkTokenInput input) {
        LinkTokenInput body = input == null ? new LinkTokenInput(null, null) : input;
        ValidationProblem problem = new ValidationProblem();
        ConnectionDtos.checkCustomerId(problem, body.customerId());
        ConnectionDtos.checkConnectionId(problem, body.connectionId());
        problem.throwIfAny();
        return new LinkTokenResponse(linkTokens.create(caller.tenant(), body.connectionId(), body.customerId()));
    }
}
