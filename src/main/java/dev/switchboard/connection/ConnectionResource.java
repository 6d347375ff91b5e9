package dev.switchboard.connection;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import dev.switchboard.connection.ConnectionDtos.ConnectionView;
import dev.switchboard.connection.ConnectionDtos.ConnectionsPage;
import dev.switchboard.connection.ConnectionDtos.DeleteResponse;
import dev.switchboard.connection.ConnectionDtos.UpdateConnectionInput;
import dev.switchboard.connection.ConnectionDtos.UpdateResponse;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.NotFoundBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.http.KeysetPage;
import dev.switchboard.http.QueryParams;

@Path("/connections")
@Tag(name = "Connections", description = "Customers' installed integrations. Changed and deleted with the connection's "
        + "access token (x-trackstar-access-token).")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid API key, or (PATCH, DELETE) INVALID_ACCESS_TOKEN", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
public class ConnectionResource {

    static final String ACCESS_TOKEN_HEADER = "x-trackstar-access-token";

    @Inject
    ConnectionService connections;
    @Inject
    Caller caller;
    @Inject
    ConnectionSyncState sync;

    @GET
    @Operation(summary = "List connections", description = "Active connections, oldest first, in pages of `limit` "
            + "(1..1000, default 100); next_token is the page_token of the next page. total_count is the number of "
            + "connections in this page, as the contract defines it.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = ConnectionsPage.class)))
    public ConnectionsPage list(@QueryParam("page_token") String pageToken, @QueryParam("limit") String limitParam,
            @Parameter(description = "Only this customer's connections") @QueryParam("customer_id") String customerId,
            @Parameter(description = "Only connections of this integration") @QueryParam("integration_name") String integrationName) {
        int limit = QueryParams.intParam("limit", limitParam, 100, 1, 1000);
        String customer = emptyToNull(
                QueryParams.stringParam("customer_id", customerId, ConnectionDtos.MAX_CUSTOMER_ID));
        String integration = emptyToNull(QueryParams.stringParam("integration_name", integrationName, 100));
        KeysetCursor after = KeysetCursor.parse(pageToken);
        KeysetPage<Connection> page = KeysetPage.of(connections.page(caller.tenant(), customer, integration, after,
                KeysetPage.fetchSize(limit)), limit, c -> new KeysetCursor(c.createdAt, c.id));
        Map<String, ConnectionSyncState.SyncState> states = sync.of(page.items());
        return new ConnectionsPage(page.items().stream().map(c -> ConnectionView.of(c, states.get(c.id))).toList(),
                page.nextToken(), page.items().size());
    }

    @GET
    @Path("/{connection_id}")
    @Operation(summary = "Get a connection", description = "The list envelope with exactly this connection.")
    @APIResponse(responseCode = "200", description = "The connection", content = @Content(schema = @Schema(implementation = ConnectionsPage.class)))
    @APIResponse(responseCode = "404", description = "No such active connection in this organization and environment", content = @Content(schema = @Schema(implementation = NotFoundBody.class)))
    public ConnectionsPage one(@PathParam("connection_id") String connectionId) {
        Connection connection = connections.get(caller.tenant(), connectionId);
        return new ConnectionsPage(
                List.of(ConnectionView.of(connection, sync.of(List.of(connection)).get(connection.id))),
                null, 1);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update the connection of an access token", description = "customer_id (null clears it) and "
            + "webhooks_disabled; fields left out stay as they are.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = UpdateResponse.class)))
    public UpdateResponse update(
            @Parameter(required = true, description = "The connection's access token") @HeaderParam(ACCESS_TOKEN_HEADER) String accessToken,
            UpdateConnectionInput input) {
        String token = requireAccessToken(accessToken);
        ConnectionService.Changes changes = ValidationProblem.requireBody(input).changes();
        return new UpdateResponse(connections.update(caller.tenant(), token, changes).id, "connection", true);
    }

    @DELETE
    @Operation(summary = "Delete the connection of an access token", description = "The access token stops working "
            + "at once; the stored credentials are erased; connection.deleted is sent.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeleteResponse.class)))
    public DeleteResponse delete(
            @Parameter(required = true, description = "The connection's access token") @HeaderParam(ACCESS_TOKEN_HEADER) String accessToken) {
        return new DeleteResponse(connections.delete(caller.tenant(), requireAccessToken(accessToken)).id, "connection",
                true);
    }

    private static String requireAccessToken(String header) {
        if (header == null || header.isBlank()) {
            throw ValidationProblem.of(ValidationProblem.HEADERS, ACCESS_TOKEN_HEADER,
                    "Missing data for required field.");
        }
        return header.strip();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
