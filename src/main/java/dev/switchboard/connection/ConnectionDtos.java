package dev.switchboard.connection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.error.ValidationProblem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request and response bodies of /connections, /link/token, /link/exchange and the sandbox, as the contract has them.
 */
@RegisterForReflection
public final class ConnectionDtos {

    static final int MAX_CUSTOMER_ID = 255;
    static final int MAX_CONNECTION_ID = 255;

    private ConnectionDtos() {
    }

    @Schema(name = "Connection")
    public record ConnectionView(
            @Schema(required = true, examples = "conn_3fZq1xV9bT0cLmN2pQ4rS6uW") String connectionId,
            @Schema(required = true, examples = "shipbob") String integrationName,
            @Schema(required = true, nullable = true) String customerId,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true, nullable = true, description = "When the unified API last used the connection.") Instant lastUsed,
            @Schema(required = true, nullable = true, description = "Unified-API requests made with the connection.") Integer timesUsed,
            @Schema(required = true, nullable = true, description = "Deprecated: the newest last_crawl_end of sync_schedules.") Instant latestSync,
            @Schema(required = true, description = "One per function the connection syncs (none when its integration has no adapter).") List<SyncSchedule> syncSchedules,
            @Schema(required = true, description = "What stops or limits the connection's syncs: refused credentials (every function) or a refused permission (one function), until the cause is gone.") List<ConnectionError> errors,
            @Schema(required = true) List<String> availableActions,
            @Schema(required = true, description = "Deprecated: the GET /wms routes that answer for this connection (the functions it syncs).") List<String> availableEndpoints,
            @Schema(required = true) IntegrationType integrationType,
            @Schema(required = true, nullable = true) Boolean webhooksDisabled,
            @Schema(required = true, description = "Per function: whether its initial (historical) sync has completed (Trackstar 2026).") Map<String, Boolean> historicalSyncCompleted) {

        static ConnectionView of(Connection c, ConnectionSyncState.SyncState sync) {
            return new ConnectionView(c.id, c.integrationName, c.customerId, c.createdAt, c.lastUsed, c.timesUsed,
                    sync.latestSync(), sync.syncSchedules(), sync.errors(), c.availableActions,
                    sync.availableEndpoints(),
                    c.integrationType, c.webhooksDisabled, sync.historicalSyncCompleted());
        }
    }

    /** One function's schedule, as the contract has it; latest_sync and in_progress are its deprecated mirrors. */
    @Schema(name = "SyncSchedule")
    public record SyncSchedule(
            @Schema(required = true) String functionName,
            @Schema(required = true, nullable = true, description = "Deprecated: last_crawl_end.") Instant latestSync,
            @Schema(required = true, nullable = true) Instant lastCrawlStart,
            @Schema(required = true, nullable = true) Instant lastCrawlEnd,
            @Schema(required = true, description = "Seconds between scheduled runs.") int syncFrequency,
            @Schema(required = true, description = "Deprecated: sync_status is sync_in_progress or first_sync_in_progress.") boolean inProgress,
            @Schema(required = true, enumeration = {
                    "enabled", "disabled", "sync_in_progress", "first_sync_in_progress", "error" }) String syncStatus){
    }

    /** One cause that stops or limits the connection's syncs (the sync engine's {@code connection_error} rows). */
    @Schema(name = "ConnectionError")
    public record ConnectionError(
            @Schema(required = true, description = "The system's reason.") String errorMessage,
            @Schema(required = true) List<AffectedEndpoint> affectedEndpoints,
            @Schema(required = true, description = "When the cause was first met.") Instant firstSeen,
            @Schema(required = true, description = "When the cause was last met.") Instant lastSeen) {
    }

    @Schema(name = "AffectedEndpoints")
    public record AffectedEndpoint(
            @Schema(required = true, examples = "GET /wms/orders") String endpoint,
            @Schema(required = true, description = "True: the endpoint's data is not synced until the cause is gone.") boolean preventingSync) {
    }

    @Schema(name = "GetConnectionsResponse")
    public record ConnectionsPage(
            @Schema(required = true) List<ConnectionView> data,
            @Schema(required = true, nullable = true, description = "Pass as page_token for the next page; null on the last.") String nextToken,
            @Schema(required = true, description = "The number of connections in this page.") int totalCount) {
    }

    /** PATCH /connections: each field changes the connection only when present; customer_id may be null to clear it. */
    @Schema(name = "UpdateConnectionSchema", additionalProperties = Schema.False.class)
    public static final class UpdateConnectionInput {

        @Schema(hidden = true)
        private final ValidationProblem problem = new ValidationProblem();
        @Schema(hidden = true)
        private boolean customerIdGiven;
        private String customerId;
        private Boolean webhooksDisabled;

        @JsonProperty("customer_id")
        @Schema(nullable = true, maxLength = MAX_CUSTOMER_ID)
        public void setCustomerId(String customerId) {
            this.customerIdGiven = true;
            this.customerId = customerId;
            if (customerId != null && customerId.length() > MAX_CUSTOMER_ID) {
                problem.add(ValidationProblem.JSON, "customer_id",
                        "Longer than maximum length " + MAX_CUSTOMER_ID + ".");
            }
        }

        @JsonProperty("webhooks_disabled")
        public void setWebhooksDisabled(Boolean webhooksDisabled) {
            if (webhooksDisabled == null) {
                problem.add(ValidationProblem.JSON, "webhooks_disabled", "Field may not be null.");
            }
            this.webhooksDisabled = webhooksDisabled;
        }

        ConnectionService.Changes changes() {
            problem.throwIfAny();
            return new ConnectionService.Changes(customerIdGiven, customerId, webhooksDisabled);
        }
    }

    @Schema(name = "UpdateResponseSchema")
    public record UpdateResponse(@Schema(required = true) String id, @Schema(required = true) String object,
            @Schema(required = true) boolean updated) {
    }

    @Schema(name = "DeleteConnectionResponse")
    public record DeleteResponse(@Schema(required = true) String id, @Schema(required = true) String object,
            @Schema(required = true) boolean deleted) {
    }

    @Schema(name = "LinkTokenInputSchema", additionalProperties = Schema.False.class)
    public record LinkTokenInput(
            @Schema(maxLength = MAX_CONNECTION_ID, description = "An active connection to reinstall instead of creating a new one.") String connectionId,
            @Schema(description = "Switchboard extension: the customer the new connection is recorded under.", nullable = true, maxLength = MAX_CUSTOMER_ID) String customerId) {
    }

    @Schema(name = "LinkTokenResponseSchema")
    public record LinkTokenResponse(
            @Schema(required = true, description = "Opens the embedded Connect modal once, within 30 minutes.") String linkToken) {
    }

    @Schema(name = "ExchangeInputSchema", additionalProperties = Schema.False.class)
    public record ExchangeInput(
            @Schema(required = true, maxLength = 100, description = "The code the Connect modal returned after an install.") String authCode,
            @Schema(nullable = true, maxLength = MAX_CUSTOMER_ID, description = "Recorded on the connection when given.") String customerId) {
    }

    @Schema(name = "ExchangeResponse", description = "The contract's ExchangeResponse (and ExchangeResponseSandbox).")
    public record ExchangeResponse(
            @Schema(required = true, description = "The connection's permanent access token (x-trackstar-access-token).") String accessToken,
            @Schema(required = true) String connectionId,
            @Schema(required = true) String integrationName,
            @Schema(required = true, nullable = true) String customerId,
            @Schema(required = true) List<String> availableActions,
            @Schema(required = true, description = "Deprecated: the unified-API endpoints of available_actions.") List<String> availableEndpoints) {

        public static ExchangeResponse of(ConnectionService.WithAccessToken result, ConnectionSyncState sync) {
            Connection c = result.connection();
            return new ExchangeResponse(result.accessToken(), c.id, c.integrationName, c.customerId, c.availableActions,
                    sync.availableEndpoints(c));
        }
    }

    static void checkConnectionId(ValidationProblem problem, String connectionId) {
        if (connectionId != null && connectionId.length() > MAX_CONNECTION_ID) {
            problem.add(ValidationProblem.JSON, "connection_id",
                    "Longer than maximum length " + MAX_CONNECTION_ID + ".");
        }
    }

    static void checkCustomerId(ValidationProblem problem, String customerId) {
        if (customerId != null && customerId.length() > MAX_CUSTOMER_ID) {
            problem.add(ValidationProblem.JSON, "customer_id", "Longer than maximum length " + MAX_CUSTOMER_ID + ".");
        }
    }
}
