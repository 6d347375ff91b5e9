package dev.switchboard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.connection.ConnectionDtos.AffectedEndpoint;
import dev.switchboard.connection.ConnectionDtos.ConnectionError;
import dev.switchboard.event.DataEvents;
import dev.switchboard.event.DataEvents.DataEvent;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;

/**
 * A connection's health: Trackstar's {@code errors[]} and the {@code connection-error.*} webhooks, kept in
 * {@code connection_error} (a JDBC aggregate written only here). One row per cause: the system refused the
 * credentials ({@code credentials}, every function blocked) or one function ({@code permission:<function>}, that
 * function blocked), or a function's runs keep failing otherwise ({@code failing:<function>}, after
 * {@link #FAILURES_BEFORE_ERROR} in a row; not blocked). Each change happens in the transaction of the sync run (or
 * reinstall) that saw it, with its
 * webhook queued in the same transaction:
 * <ul>
 * <li>a first failure creates the error ({@code connection-error.created});</li>
 * <li>the same cause again bumps {@code last_seen} and takes the newest message ({@code connection-error.updated},
 * with the whole error as it was in {@code previous_attributes});</li>
 * <li>the cause gone deletes it ({@code connection-error.deleted}): a complete run of the function proves both its
 * permission and the credentials; a reinstall brings credentials the system has just accepted, and drops the errors of
 * functions the connection no longer syncs.</li>
 * </ul>
 * The webhooks are connection-level: sent even for a connection with {@code webhooks_disabled}, which stops record
 * events only.
 */
@ApplicationScoped
public class ConnectionErrors {

    static final String CREATED = "connection-error.created";
    static final String UPDATED = "connection-error.updated";
    static final String DELETED = "connection-error.deleted";

    static final String CREDENTIALS = "credentials";
    private static final String PERMISSION = "permission:";
    private static final String FAILING = "failing:";
    /** Failed runs in a row of one function (timeouts, 5xx, malformed answers) before they become an error. */
    static final int FAILURES_BEFORE_ERROR = 3;
    /** Bounds what one error stores of a system's reason (the adapters already cut theirs to a few hundred). */
    private static final int MAX_MESSAGE = 1_000;
    private static final int MAX_URL = 2_000;

    /** One stored error. */
    record Row(String connectionId, String cause, Tenant tenant, String integrationName, String errorMessage,
            String failedUrl, List<AffectedEndpoint> affectedEndpoints, Instant firstSeen, Instant lastSeen,
            Instant updatedAt) {

        ConnectionError view() {
            return new ConnectionError(errorMessage, affectedEndpoints, firstSeen, lastSeen);
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Event<DataEvents> events;

    /**
     * The sync engine blocked a connection or a function (after a run's refusal, or a write's or passthrough's:
     * {@link RefusedCalls}): record the error (or bump it), in the transaction that blocked it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onBlocked(@Observes SyncBlocked blocked) throws SQLException {
        boolean credentials = blocked.kind() == AdapterException.Kind.CREDENTIALS_REJECTED;
        String cause = credentials ? CREDENTIALS : PERMISSION + blocked.function().value();
        try (Connection c = dataSource.getConnection()) {
            List<WmsFunction> affected = credentials
                    ? SyncRepository.schedules(c, List.of(blocked.connectionId())).stream()
                            .map(SyncRepository.Schedule::function).distinct().sorted().toList()
                    : List.of(blocked.function());
            // A write or passthrough names its route; a sync run, its function's list route.
            String own = blocked.endpoint() != null
                    ? blocked.endpoint()
                    : SyncFunctions.listEndpoint(blocked.integrationType(), blocked.function());
            List<AffectedEndpoint> endpoints = new ArrayList<>();
            for (WmsFunction f : affected) {
                // Blocked until the cause is gone: nothing of these functions syncs meanwhile.
                AffectedEndpoint endpoint = new AffectedEndpoint(
                        SyncFunctions.listEndpoint(blocked.integrationType(), f), true);
                if (!endpoints.contains(endpoint)) {
                    endpoints.add(endpoint);
                }
            }
            if (endpoints.isEmpty()) {
                endpoints.add(new AffectedEndpoint(own, true));
            }
            String failedUrl = blocked.failedUrl() != null && !blocked.failedUrl().isBlank()
                    ? blocked.failedUrl()
                    : own.substring(own.indexOf(' ') + 1);
            record(c, blocked.tenant(), blocked.connectionId(), cause, blocked.integrationName(),
                    bounded(blocked.message(), MAX_MESSAGE), bounded(failedUrl, MAX_URL), endpoints, blocked.at());
        }
    }

    /**
     * A function's runs have failed {@code failures} times in a row for reasons that are not a refusal (the system
     * timed out, answered 5xx or malformed JSON): an error of its own ({@code failing:<function>}), which the next
     * complete run of the function resolves. The function is not blocked; its schedule keeps trying with a backoff.
     */
    void failing(Connection c, Tenant tenant, String connectionId, String integrationName, String integrationType,
            WmsFunction function, int failures, String lastFailure, Instant now) throws SQLException {
        String endpoint = SyncFunctions.listEndpoint(integrationType, function);
        record(c, tenant, connectionId, FAILING + function.value(), integrationName,
                bounded(function.value() + " has failed " + failures + " times in a row; Switchboard keeps trying. "
                        + "Last failure: " + lastFailure, MAX_MESSAGE),
                endpoint.substring(4), List.of(new AffectedEndpoint(endpoint, true)), now);
    }

    /**
     * A write ({@code action}, answered at the unified route {@code endpoint}) met a refused permission: an error of
     * its own, {@code permission:<action>} (write actions and read functions have distinct names), affecting that
     * route with {@code preventing_sync: false}. The system may let the credentials read what they may not write, so
     * no sync stops, and the route stays open: the next write is sent to the system again, a refusal bumps
     * {@code last_seen} and a success resolves it ({@link #writeSucceeded}); a reinstall drops it too, as it drops
     * every error of a function it does not sync.
     */
    void writeRefused(Connection c, Tenant tenant, String connectionId, String integrationName, String action,
            String endpoint, AdapterException refusal, Instant now) throws SQLException {
        String failedUrl = refusal.failedUrl() != null && !refusal.failedUrl().isBlank()
                ? refusal.failedUrl()
                : endpoint.substring(endpoint.indexOf(' ') + 1);
        record(c, tenant, connectionId, PERMISSION + action, integrationName, bounded(refusal.getMessage(),
                MAX_MESSAGE), bounded(failedUrl, MAX_URL), List.of(new AffectedEndpoint(endpoint, false)), now);
    }

    /**
     * A write of {@code action} that started at {@code started} succeeded: the system granted its permission, so its
     * error, if one was last seen before the write started, is gone. Called in the write's own transaction.
     */
    void writeSucceeded(Connection c, Tenant tenant, String connectionId, String action, Instant started)
            throws SQLException {
        delete(c, tenant, connectionId, "cause = ? and last_seen <= ?", PERMISSION + action, started);
    }

    private void record(Connection c, Tenant tenant, String connectionId, String cause, String integrationName,
            String message, String failedUrl, List<AffectedEndpoint> endpoints, Instant now) throws SQLException {
        Optional<Row> before = find(c, connectionId, cause, true);
        String endpointsJson = write(endpoints);
        if (before.isEmpty()) {
            int inserted = SyncRepository.update(c, """
                    insert into connection_error (connection_id, cause, organization_id, environment, integration_name,
                                                  error_message, failed_url, affected_endpoints, first_seen, last_seen,
                                                  updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                    on conflict (connection_id, cause) do nothing""",
                    connectionId, cause, tenant.organizationId(), tenant.environment().value(), integrationName,
                    message, failedUrl, endpointsJson, now, now, now);
            if (inserted == 0) {
                // Another run of the connection met the same cause at the same time and committed first.
                before = find(c, connectionId, cause, true);
            }
        }
        if (before.isPresent()) {
            SyncRepository.update(c, """
                    update connection_error set last_seen = greatest(last_seen, ?), error_message = ?, failed_url = ?,
                           affected_endpoints = ?::jsonb, updated_at = ?
                     where connection_id = ? and cause = ?""", now, message, failedUrl, endpointsJson, now,
                    connectionId, cause);
        }
        Row after = find(c, connectionId, cause, false).orElseThrow();
        fire(tenant, before.isEmpty() ? CREATED : UPDATED, after, before.orElse(null));
    }

    /**
     * A complete run of {@code function}, started at {@code runStarted}: the system answered it with these
     * credentials, so neither its permission nor the credentials are refused any longer. Only errors last seen before
     * the run started go: a run that was already under way when another run met the refusal proves nothing about it.
     * Called in the run's last transaction.
     */
    void resolved(Connection c, Tenant tenant, String connectionId, WmsFunction function, Instant runStarted)
            throws SQLException {
        delete(c, tenant, connectionId, "cause in (?, ?, ?) and last_seen <= ?", CREDENTIALS,
                PERMISSION + function.value(), FAILING + function.value(), runStarted);
    }

    /**
     * A reinstall: the system has just accepted the new credentials, so their error goes; so do those of functions the
     * connection no longer syncs. A permission error stays until its function completes a run (the reinstall
     * unblocks the function, so that run comes at once).
     */
    void reinstalled(Connection c, Tenant tenant, String connectionId, Set<WmsFunction> synced) throws SQLException {
        List<String> kept = synced.stream().flatMap(f -> java.util.stream.Stream.of(PERMISSION + f.value(),
                FAILING + f.value())).toList();
        try (PreparedStatement s = c.prepareStatement("select cause from connection_error where connection_id = ? "
                + "and (cause = ? or not (cause = any(?)))")) {
            s.setString(1, connectionId);
            s.setString(2, CREDENTIALS);
            s.setArray(3, c.createArrayOf("text", kept.toArray()));
            List<String> gone = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    gone.add(r.getString(1));
                }
            }
            for (String cause : gone) {
                delete(c, tenant, connectionId, "cause = ?", cause);
            }
        }
    }

    /** A deleted connection's errors go with it, silently: {@code connection.deleted} says it all. */
    static void connectionDeleted(Connection c, String connectionId) throws SQLException {
        SyncRepository.update(c, "delete from connection_error where connection_id = ?", connectionId);
    }

    /** The errors of some connections, oldest first, for the connection object. */
    static List<Row> of(Connection c, Collection<String> connectionIds) throws SQLException {
        List<Row> out = new ArrayList<>();
        if (connectionIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from connection_error "
                + "where connection_id = any(?) order by connection_id, first_seen, cause")) {
            s.setArray(1, c.createArrayOf("text", connectionIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
        }
        return out;
    }

    private void delete(Connection c, Tenant tenant, String connectionId, String condition, Object... params)
            throws SQLException {
        Object[] all = new Object[params.length + 1];
        all[0] = connectionId;
        System.arraycopy(params, 0, all, 1, params.length);
        try (PreparedStatement s = c.prepareStatement("delete from connection_error where connection_id = ? and "
                + condition + " returning " + COLUMNS)) {
            SyncRepository.bind(s, all);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fire(tenant, DELETED, row(r), null);
                }
            }
        }
    }

    private static final String COLUMNS = """
            connection_id, cause, organization_id, environment, integration_name, error_message, failed_url,
            affected_endpoints::text, first_seen, last_seen, updated_at""";

    private Optional<Row> find(Connection c, String connectionId, String cause, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from connection_error where "
                + "connection_id = ? and cause = ?" + (lock ? " for update" : ""))) {
            s.setString(1, connectionId);
            s.setString(2, cause);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private static final ObjectMapper READER = new ObjectMapper();

    private static Row row(ResultSet r) throws SQLException {
        List<AffectedEndpoint> endpoints = new ArrayList<>();
        try {
            for (var node : READER.readTree(r.getString(8))) {
                endpoints.add(new AffectedEndpoint(node.path("endpoint").asText(),
                        node.path("preventing_sync").asBoolean()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connection_error.affected_endpoints is not JSON", e);
        }
        return new Row(r.getString(1), r.getString(2), new Tenant(r.getString(3),
                dev.switchboard.common.WireValue.parse(dev.switchboard.tenant.Environment.class, r.getString(4))),
                r.getString(5), r.getString(6), r.getString(7), List.copyOf(endpoints), SyncRepository.instant(r, 9),
                SyncRepository.instant(r, 10), SyncRepository.instant(r, 11));
    }

    private String write(List<AffectedEndpoint> endpoints) {
        ArrayNode array = json.createArrayNode();
        for (AffectedEndpoint e : endpoints) {
            array.addObject().put("endpoint", e.endpoint()).put("preventing_sync", e.preventingSync());
        }
        return array.toString();
    }

    /** Queues the webhook in the current transaction; its body is made only if an endpoint subscribes. */
    private void fire(Tenant tenant, String eventType, Row error, Row previous) {
        events.fire(new DataEvents(tenant, List.of(new DataEvent(eventType, () -> body(eventType, error, previous)))));
    }

    /** The contract's {@code GeneralConnectionErrors*WebhookSchema}. */
    byte[] body(String eventType, Row error, Row previous) {
        ObjectNode body = json.createObjectNode();
        body.put("connection_id", error.connectionId());
        body.put("integration_name", error.integrationName());
        body.put("integration_type", "general");
        body.put("event_type", eventType);
        body.set("data", schema(error));
        if (previous != null) {
            body.set("previous_attributes", schema(previous));
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ConnectionErrorSchema}: the error as the webhooks carry it. */
    private ObjectNode schema(Row error) {
        ObjectNode data = json.createObjectNode();
        data.put("failed_url", error.failedUrl());
        ArrayNode endpoints = data.putArray("affected_endpoints");
        for (AffectedEndpoint e : error.affectedEndpoints()) {
            endpoints.addObject().put("endpoint", e.endpoint()).put("preventing_sync", e.preventingSync());
        }
        data.put("integration_name", error.integrationName());
        data.put("error_message", error.errorMessage());
        data.put("created_date", SyncWebhooks.iso(error.firstSeen()));
        data.put("updated_date", SyncWebhooks.iso(error.updatedAt()));
        data.put("last_seen", SyncWebhooks.iso(error.lastSeen()));
        return data;
    }

    private static String bounded(String text, int max) {
        String t = text == null || text.isBlank() ? "The system refused the request." : text.replace('\0', ' ');
        return t.length() <= max ? t : t.substring(0, max) + "...";
    }
}
