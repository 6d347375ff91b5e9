package dev.switchboard.writes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.StorableText;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.sync.RefusedCalls;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Passthrough;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.WmsAdapters;
import dev.switchboard.wms.api.WmsReads;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Trackstar's {@code POST /wms/passthrough}: a request to the connection's system's own API, sent by its adapter
 * ({@link WmsAdapter#passthrough}) with the system's auth injected, the path confined to the system's API and the
 * caller's auth headers dropped, on the same per-credential budget as syncs and writes. The system's answer comes
 * back whatever its status, as {@code 200 {status_code, headers, body}}; not normalised, not stored, no webhook, no
 * Idempotency-Key (Trackstar excludes passthrough from it).
 *
 * <p>
 * Connection health ({@link RefusedCalls}, the rule syncs and writes follow): refused credentials block the connection
 * and become its {@code credentials} error. A passthrough's path is the caller's, and some of a system's endpoints
 * answer 401 for reasons of their own (another auth scheme, an account-level route), so a 401 answer is confirmed
 * first with the adapter's own credential check ({@link WmsAdapter#verifyCredentials}, the one an install makes, which
 * refreshes a token that merely expired): only its refusal records the error. An exception the adapter throws as
 * {@code CREDENTIALS_REJECTED} (a token refresh the system refused) needs no confirmation. A 403 answer records
 * nothing: it is about the caller's path, which is no function of the unified API, so it neither blocks a sync nor
 * names an endpoint of ours; the caller sees it in {@code status_code}.
 */
@ApplicationScoped
public class WmsPassthrough {

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int MAX_ENTRIES = 50;
    static final int MAX_TEXT = 2048;
    /** The most elements of one list or object in {@code data}, the bound of a write body's arrays. */
    static final int MAX_ITEMS = WriteBodies.MAX_ITEMS;

    /** The passthrough body, for the API documentation and Jackson. */
    public record Input(String method, String path, JsonNode data, Map<String, String> headers,
            Map<String, String> params) {
    }

    /** The answer: the system's status, headers and body (JSON when it was JSON, else its text). */
    public record Output(int statusCode, Map<String, String> headers, JsonNode body) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    WmsReads reads;
    @Inject
    WmsAdapters adapters;
    @Inject
    ConnectionService connections;
    @Inject
    RefusedCalls refusedCalls;

    /**
     * The system's answer (200), or a refusal that is not the system's answer: 422, 429, 501, or origin integration.
     */
    public WmsWrites.Outcome send(Tenant tenant, String accessToken, Input input) {
        WmsReads.ReadConnection connection;
        try (Connection c = dataSource.getConnection()) {
            connection = reads.connection(c, tenant, accessToken);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the connection failed", e);
        }
        Passthrough.Request request = check(input);
        WmsAdapter adapter = adapters.find(connection.integrationName())
                .filter(a -> connection.type() == IntegrationType.WMS)
                .orElseThrow(() -> reads.notImplemented(connection, "passthrough"));
        AdapterContext context = QuarkusTransaction.requiringNew()
                .call(() -> connections.adapterContext(tenant, connection.id()));
        try {
            Passthrough.Response answer = adapter.passthrough(context, request);
            if (answer.statusCode() == 401) {
                confirmCredentials(connection, adapter, context);
            }
            return new WmsWrites.Outcome(200, new Output(answer.statusCode(), answer.headers(), answer.body()), false);
        } catch (AdapterException e) {
            if (e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED) {
                refusedCalls.refused(connection.id(), "passthrough", RefusedCalls.PASSTHROUGH, null, e);
            }
            RuntimeException failure = switch (e.kind()) {
                case RATE_LIMITED -> {
                    Duration wait = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
                    long seconds = Math.max(1, wait.toSeconds());
                    yield ApiException.rateLimited(seconds, Map.of("Retry-After", Long.toString(seconds)));
                }
                case PERMANENT -> e.status() == 501
                        ? reads.notImplemented(connection, "passthrough")
                        : e.status() == 400
                                ? ValidationProblem.of(ValidationProblem.JSON, "path", e.getMessage())
                                : null;
                default -> null;
            };
            if (failure != null) {
                throw failure;
            }
            // The system refused the connection's credentials or did not answer: its status, origin integration.
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("origin", "integration");
            return new WmsWrites.Outcome(e.status() >= 400 && e.status() <= 599 ? e.status() : 504, body, false);
        }
    }

    /**
     * The system answered a passthrough 401: does it refuse the connection's credentials, or only that path? The
     * adapter's credential check decides; its refusal is the connection's {@code credentials} error. Anything else it
     * meets (a timeout, a 5xx, its budget spent) leaves the connection as it was: the caller has the 401 either way.
     */
    private void confirmCredentials(WmsReads.ReadConnection connection, WmsAdapter adapter, AdapterContext context) {
        try {
            adapter.verifyCredentials(context);
        } catch (AdapterException refused) {
            if (refused.kind() == AdapterException.Kind.CREDENTIALS_REJECTED) {
                refusedCalls.refused(connection.id(), "passthrough", RefusedCalls.PASSTHROUGH, null, refused);
            }
        }
    }

    /** Method, path, headers and params: present, bounded, storable; all problems in one 422. */
    static Passthrough.Request check(Input input) {
        ValidationProblem problem = new ValidationProblem();
        if (input == null) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, "A body is required.");
        }
        String method = input.method() == null ? null : input.method().toUpperCase(Locale.ROOT);
        if (method == null) {
            problem.add(ValidationProblem.JSON, "method", "Missing data for required field.");
        } else if (!METHODS.contains(method)) {
            problem.add(ValidationProblem.JSON, "method", "Must be one of: " + String.join(", ", METHODS) + ".");
        }
        if (input.path() == null || input.path().isBlank()) {
            problem.add(ValidationProblem.JSON, "path", "Missing data for required field.");
        } else if (input.path().length() > MAX_TEXT) {
            problem.add(ValidationProblem.JSON, "path", "Longer than maximum length " + MAX_TEXT + ".");
        }
        checkMap(problem, "headers", input.headers());
        checkMap(problem, "params", input.params());
        if (input.data() != null && !input.data().isNull() && !input.data().isContainerNode()) {
            problem.add(ValidationProblem.JSON, "data", "Must be an object or a list.");
        } else if (input.data() != null) {
            checkData(problem, "data", input.data());
        }
        problem.throwIfAny();
        return new Passthrough.Request(method, input.path(), input.data(), input.headers(), input.params());
    }

    private static void checkMap(ValidationProblem problem, String field, Map<String, String> map) {
        if (map == null) {
            return;
        }
        if (map.size() > MAX_ENTRIES) {
            problem.add(ValidationProblem.JSON, field, "At most " + MAX_ENTRIES + " entries.");
            return;
        }
        map.forEach((name, value) -> {
            if (name.isEmpty() || name.length() > 256 || !StorableText.isStorable(name)) {
                problem.add(ValidationProblem.JSON, field, "Names of 1 to 256 characters.");
            } else if (value == null) {
                problem.add(ValidationProblem.JSON, field + "." + name, "Field may not be null.");
            } else if (value.length() > MAX_TEXT) {
                problem.add(ValidationProblem.JSON, field + "." + name, "Longer than maximum length " + MAX_TEXT
                        + ".");
            } else if (!StorableText.isStorable(value)) {
                problem.add(ValidationProblem.JSON, field + "." + name, StorableText.MESSAGE);
            }
        });
    }

    /**
     * {@code data} goes to the system as it is, so only its bounds are ours: lists and objects of at most
     * {@value #MAX_ITEMS} entries and storable text at every depth (the body's own limits, {@code InputLimits}, bound
     * the rest), each problem at its dot path.
     */
    private static void checkData(ValidationProblem problem, String path, JsonNode node) {
        if (node.isTextual()) {
            if (!StorableText.isStorable(node.asText())) {
                problem.add(ValidationProblem.JSON, path, StorableText.MESSAGE);
            }
            return;
        }
        if (!node.isContainerNode()) {
            return;
        }
        if (node.size() > MAX_ITEMS) {
            problem.add(ValidationProblem.JSON, path, "Longer than maximum length " + MAX_ITEMS + ".");
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkData(problem, path + "." + i, node.get(i));
            }
            return;
        }
        for (var it = node.fields(); it.hasNext();) {
            var member = it.next();
            if (!StorableText.isStorable(member.getKey())) {
                problem.add(ValidationProblem.JSON, path, StorableText.MESSAGE);
            } else {
                checkData(problem, path + "." + member.getKey(), member.getValue());
            }
        }
    }
}
