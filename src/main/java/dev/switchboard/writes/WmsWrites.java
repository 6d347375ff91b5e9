package dev.switchboard.writes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.WriteSchemas;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.DataEvents;
import dev.switchboard.event.DataEvents.DataEvent;
import dev.switchboard.magiclink.IdempotencyStore;
import dev.switchboard.sync.RefusedCalls;
import dev.switchboard.sync.SyncWebhooks;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.WmsAdapters;
import dev.switchboard.wms.adapter.Write;
import dev.switchboard.wms.api.WmsReads;
import dev.switchboard.wms.store.RecordStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The write side of the unified WMS API: forwarded to the connection's system synchronously, never queued. Per
 * request:
 * <ol>
 * <li>the access token and the action's gate, exactly as the reads ({@link WmsReads}: 401, 403, 501);</li>
 * <li>the body against the integration's schema ({@link WriteBodies}: 422s; unknown fields become
 * {@code unused_fields});</li>
 * <li>the {@code Idempotency-Key}, per connection ({@link IdempotencyStore}): a replay answers the first success;</li>
 * <li>the adapter's {@link WmsAdapter#write} (no transaction or database connection is held while the system
 * answers); a refusal keeps the system's status with {@code {"error", "origin": "integration"}}, and refused
 * credentials or a refused permission become connection errors as a sync's do ({@link RefusedCalls});</li>
 * <li>one transaction: the returned record into the store ({@link RecordStore#applyWritten}), the
 * {@code trackstar_tags} the body carried, its data webhook as a sync would fire it, and the idempotent response.</li>
 * </ol>
 */
@ApplicationScoped
public class WmsWrites {

    /** The most tags one record holds. */
    static final int MAX_TAGS = 100;

    /** A write's answer: its status and JSON body, and whether it is a replay of an earlier request. */
    public record Outcome(int status, Object body, boolean replayed) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    WmsReads reads;
    @Inject
    WriteSchemas schemas;
    @Inject
    WmsAdapters adapters;
    @Inject
    ConnectionService connections;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    RecordStore store;
    @Inject
    Event<DataEvents> dataEvents;
    @Inject
    RefusedCalls refusedCalls;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    /**
     * One write. {@code recordId} is the path's id ({@code pathName} names it for a 422), null for a create;
     * {@code rawKey} is the Idempotency-Key header.
     */
    public Outcome write(Tenant tenant, String accessToken, Action action, String pathName, String recordId,
            JsonNode body, String rawKey) {
        String key = IdempotencyStore.checkKey(rawKey);
        WmsReads.ReadConnection connection = gate(tenant, accessToken, action, pathName, recordId);
        WmsAdapter adapter = adapters.find(connection.integrationName())
                .filter(a -> a.writes().contains(action))
                .orElseThrow(() -> reads.notImplemented(connection, action.value()));
        if (body != null && body.path("trackstar_tags").size() > MAX_TAGS) {
            // Named whatever else the body gets wrong: the schema's own bound on lists is far larger.
            throw ValidationProblem.of(ValidationProblem.JSON, "trackstar_tags", "At most " + MAX_TAGS + " tags.");
        }
        WriteBodies.Checked checked = WriteBodies.check(body, schemas.schema(action, connection.integrationName()));
        ObjectNode accepted = checked.accepted();
        JsonNode tags = accepted.remove("trackstar_tags");
        if (tags != null) {
            // The same rule as PUT .../trackstar-tags: a string or a one-key object, each at most 255 characters.
            checkTags(tags);
        }
        if (key != null) {
            IdempotencyStore.Claim claim = idempotency.claim(tenant, connection.id(), key,
                    idempotency.requestHash(action.value() + " " + recordId, body == null ? json.nullNode() : body));
            if (!claim.owned()) {
                return new Outcome(claim.status(), claim.body(), true);
            }
        }
        try {
            AdapterContext context = QuarkusTransaction.requiringNew()
                    .call(() -> connections.adapterContext(tenant, connection.id()));
            Instant started = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Write.Result result;
            try {
                result = adapter.write(context, new Write.Request(action, recordId, accepted));
            } catch (AdapterException e) {
                // Refused credentials or permission: the connection's health, as a sync's refusal would be.
                refusedCalls.refused(connection.id(), action.value(), action.endpoint(connection.type()),
                        Write.functionOf(action), e);
                return refused(connection, action, recordId, e);
            }
            ObjectNode response = QuarkusTransaction.requiringNew()
                    .call(() -> commit(tenant, connection, action, started, result, tags, checked.unused(), key));
            return new Outcome(200, response, false);
        } catch (RuntimeException e) {
            if (key != null) {
                idempotency.release(tenant, connection.id(), key);
            }
            throw e;
        }
    }

    /**
     * {@code PUT /wms/{resource}/{id}/trackstar-tags}: replaces the record's tags. Switchboard's own metadata, never
     * sent to the system; the record must be in the store (the contract's 404 otherwise).
     */
    public Outcome tag(Tenant tenant, String accessToken, String resource, String pathName, String recordId,
            JsonNode body) {
        WmsFunction function = WmsReads.TAGGED.get(resource);
        Action readAction = function == WmsFunction.GET_INBOUND_SHIPMENTS
                ? Action.GET_INBOUND_SHIPMENT
                : Action.find(function.value()).orElseThrow();
        WmsReads.ReadConnection connection;
        try (Connection c = dataSource.getConnection()) {
            connection = reads.connection(c, tenant, accessToken);
            WmsReads.checkPathParameters(Map.of(pathName, recordId));
            reads.gate(c, tenant, connection, readAction.value(), function.value());
        } catch (SQLException e) {
            throw new IllegalStateException("reading the connection failed", e);
        }
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        schema.set("required", json.createArrayNode().add("trackstar_tags"));
        schema.putObject("properties").putObject("trackstar_tags").put("type", "array").putObject("items");
        WriteBodies.Checked checked = WriteBodies.check(body, schema);
        JsonNode tags = checked.accepted().get("trackstar_tags");
        if (tags.size() > MAX_TAGS) {
            throw ValidationProblem.of(ValidationProblem.JSON, "trackstar_tags", "At most " + MAX_TAGS + " tags.");
        }
        checkTags(tags);
        RecordStore.Scope scope = new RecordStore.Scope(tenant, connection.id(), function);
        ObjectNode response = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!store.setTags(c, scope, recordId, write(tags))) {
                    throw ApiException.contractNotFound(notFound(function), recordId);
                }
                return response(c, scope, recordId, checked.unused());
            }
        });
        return new Outcome(200, response, false);
    }

    /** A tag is a non-empty string or an object of one key with a string value ({@code {"priority": "high"}}). */
    static void checkTags(JsonNode tags) {
        ValidationProblem problem = new ValidationProblem();
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            boolean ok = tag.isTextual() && tag.asText().length() <= 255
                    || tag.isObject() && tag.size() == 1 && tag.elements().next().isTextual()
                            && tag.fieldNames().next().length() <= 255
                            && tag.elements().next().asText().length() <= 255;
            if (!ok) {
                problem.add(ValidationProblem.JSON, "trackstar_tags." + i,
                        "A tag is a string or an object with one key and a string value, each at most 255 characters.");
            }
        }
        problem.throwIfAny();
    }

    private WmsReads.ReadConnection gate(Tenant tenant, String accessToken, Action action, String pathName,
            String recordId) {
        try (Connection c = dataSource.getConnection()) {
            WmsReads.ReadConnection connection = reads.connection(c, tenant, accessToken);
            if (recordId != null) {
                WmsReads.checkPathParameters(Map.of(pathName, recordId));
            }
            reads.gate(c, tenant, connection, action.value(), action.value());
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the connection failed", e);
        }
    }

    private ObjectNode commit(Tenant tenant, WmsReads.ReadConnection connection, Action action, Instant started,
            Write.Result result, JsonNode tags, List<String> unused, String key) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RecordStore.Scope scope = new RecordStore.Scope(tenant, connection.id(), result.function());
        try (Connection c = dataSource.getConnection()) {
            // The system did it: a refused permission of this action, seen before, is gone.
            refusedCalls.succeeded(c, tenant, connection.id(), action.value(), started);
            RecordStore.Change change = store.applyWritten(c, scope, result.record(), now);
            if (tags != null && WmsReads.TAGGED.containsValue(result.function())) {
                store.setTags(c, scope, change.recordId(), write(tags));
            }
            if (!webhooksDisabled(c, connection.id())) {
                List<DataEvent> events = SyncWebhooks.recordEvents(json, new SyncWebhooks.Source(connection.id(),
                        connection.integrationName(), connection.type().value()), result.function(), List.of(change));
                if (!events.isEmpty()) {
                    dataEvents.fire(new DataEvents(tenant, events));
                }
            }
            ObjectNode response = response(c, scope, change.recordId(), unused);
            if (key != null) {
                idempotency.complete(tenant, connection.id(), key, 200, response);
            }
            return response;
        }
    }

    /** {@code {"data": <the record as the reads serve it>, "id", "unused_fields"}}. */
    private ObjectNode response(Connection c, RecordStore.Scope scope, String recordId, List<String> unused)
            throws SQLException {
        String text = reads.record(c, scope.tenant(), scope.connectionId(), scope.function(), recordId);
        if (text == null) {
            throw ApiException.contractNotFound(notFound(scope.function()), recordId);
        }
        ObjectNode response = json.createObjectNode();
        try {
            response.set("data", json.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record is not JSON", e);
        }
        response.put("id", recordId);
        ArrayNode fields = response.putArray("unused_fields");
        unused.forEach(fields::add);
        return response;
    }

    private static boolean webhooksDisabled(Connection c, String connectionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select webhooks_disabled from connection where id = ?")) {
            s.setString(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    /**
     * The system refused or failed: 501 for an action it lacks, the contract's 404 for a record it does not have, 429
     * when its budget is spent, and otherwise its own status (504 when it did not answer) with {@code origin:
     * integration}.
     */
    private Outcome refused(WmsReads.ReadConnection connection, Action action, String recordId, AdapterException e) {
        if (e.status() == 501) {
            throw reads.notImplemented(connection, action.value());
        }
        if (e.kind() == AdapterException.Kind.PERMANENT && e.status() == 404 && recordId != null) {
            throw ApiException.contractNotFound(notFound(Write.functionOf(action)), recordId);
        }
        if (e.kind() == AdapterException.Kind.RATE_LIMITED) {
            Duration wait = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
            throw ApiException.rateLimited(Math.max(1, wait.toSeconds()),
                    Map.of("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        }
        int status = e.status() >= 400 && e.status() <= 599 ? e.status() : 504;
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("origin", "integration");
        return new Outcome(status, body, false);
    }

    static String notFound(WmsFunction function) {
        return switch (function) {
            case GET_ORDERS -> "Order not found";
            case GET_PRODUCTS -> "Product not found";
            case GET_INVENTORY -> "Inventory item not found";
            case GET_INBOUND_SHIPMENTS -> "Inbound shipment not found";
            case GET_RETURNS -> "Return not found";
            case GET_WAREHOUSES -> "Warehouse not found";
            default -> "Record not found";
        };
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
