package dev.switchboard.magiclink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.db.Jdbc;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.tenant.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * {@code Idempotency-Key} for creating requests, per organization and environment and a scope within them, kept 24
 * hours ({@code idempotency_key}). {@code POST /magic-links} uses the organization-wide scope ({@link #ORGANIZATION});
 * the unified WMS writes use the connection's id, since Trackstar scopes their keys per connection. A request first
 * <em>claims</em> its key in a transaction of its own, so a concurrent
 * duplicate sees the claim at once (409); the response is stored by {@link #complete} in the same transaction as the
 * object it describes, so a replay never answers for something that was rolled back. A failed request releases its
 * claim, and the client may retry with the same key. A claim left by a crashed instance is taken over after a minute.
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;
    /** The scope of keys that belong to the organization and environment as a whole. */
    public static final String ORGANIZATION = "";

    /** What a claim found: the key is ours to use, or a finished response to replay. */
    public record Claim(boolean owned, int status, String body) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    ObjectMapper json;

    /** The key from the header: null when absent; a 422 at {@code headers.Idempotency-Key} when unusable. */
    public static String checkKey(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isBlank()) {
            throw ValidationProblem.of(ValidationProblem.HEADERS, HEADER, "Must not be empty.");
        }
        if (raw.length() > MAX_KEY_LENGTH) {
            throw ValidationProblem.of(ValidationProblem.HEADERS, HEADER,
                    "Longer than maximum length " + MAX_KEY_LENGTH + ".");
        }
        if (!dev.switchboard.common.StorableText.isStorable(raw)) {
            throw ValidationProblem.of(ValidationProblem.HEADERS, HEADER, dev.switchboard.common.StorableText.MESSAGE);
        }
        return raw;
    }

    /** SHA-256 of the endpoint and the body as canonical JSON (keys sorted, no whitespace, absent = null). */
    public byte[] requestHash(String endpoint, Object body) {
        try {
            String canonical = json.writeValueAsString(canonical(json.valueToTree(body)));
            return MessageDigest.getInstance("SHA-256")
                    .digest((endpoint + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a request body", e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    /**
     * Claims the key for this request (committed at once), or returns the stored response of an earlier identical
     * request. A different request under the same key is a 422; an identical one still in flight is a 409.
     */
    public Claim claim(Tenant tenant, String key, byte[] requestHash) {
        return claim(tenant, ORGANIZATION, key, requestHash);
    }

    /** {@link #claim(Tenant, String, byte[])} within {@code scope} (a connection id). */
    public Claim claim(Tenant tenant, String scope, String key, byte[] requestHash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int claimed = jdbc.update("claiming an idempotency key",
                    """
                            insert into idempotency_key (organization_id, environment, scope, key, request_hash, state, created_at, expires_at)
                            values (?, ?, ?, ?, ?, 'in_flight', now(), now() + interval '24 hours')
                            on conflict (organization_id, environment, scope, key) do update
                                set request_hash = excluded.request_hash, state = 'in_flight', response_status = null,
                                    response_body = null, created_at = excluded.created_at, expires_at = excluded.expires_at
                                where idempotency_key.expires_at <= now()
                                   or (idempotency_key.state = 'in_flight' and idempotency_key.created_at < now() - interval '1 minute')
                            """,
                    tenant.organizationId(), tenant.environment(), scope, key, requestHash);
            if (claimed == 1) {
                return new Claim(true, 0, null);
            }
            Optional<Stored> stored = jdbc.first("reading an idempotency key", """
                    select request_hash, state, response_status, response_body from idempotency_key
                    where organization_id = ? and environment = ? and scope = ? and key = ?
                    """, r -> new Stored(r.getBytes(1), r.getString(2), r.getInt(3), r.getString(4)),
                    tenant.organizationId(), tenant.environment(), scope, key);
            if (stored.isEmpty()) {
                // Released between our insert attempt and this read: the client may simply retry.
                throw inFlight();
            }
            Stored row = stored.get();
            if (!Arrays.equals(row.requestHash(), requestHash)) {
                throw ValidationProblem.of(ValidationProblem.HEADERS, HEADER,
                        "This key was already used with a different request. Use a new key for a new request.");
            }
            if ("in_flight".equals(row.state())) {
                throw inFlight();
            }
            return new Claim(false, row.status(), row.body());
        });
    }

    private record Stored(byte[] requestHash, String state, int status, String body) {
    }

    /** Stores the response of the request that claimed the key; call inside the transaction that made the object. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Tenant tenant, String key, int status, Object body) {
        complete(tenant, ORGANIZATION, key, status, body);
    }

    /** {@link #complete(Tenant, String, int, Object)} within {@code scope}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Tenant tenant, String scope, String key, int status, Object body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
        jdbc.update("storing an idempotent response", """
                update idempotency_key set state = 'done', response_status = ?, response_body = ?
                where organization_id = ? and environment = ? and scope = ? and key = ? and state = 'in_flight'
                """, status, text, tenant.organizationId(), tenant.environment(), scope, key);
    }

    /** Gives the key back after a failed request, so the client can retry with it. */
    public void release(Tenant tenant, String key) {
        release(tenant, ORGANIZATION, key);
    }

    /** {@link #release(Tenant, String)} within {@code scope}. */
    public void release(Tenant tenant, String scope, String key) {
        QuarkusTransaction.requiringNew().run(() -> jdbc.update("releasing an idempotency key", """
                delete from idempotency_key
                where organization_id = ? and environment = ? and scope = ? and key = ? and state = 'in_flight'
                """, tenant.organizationId(), tenant.environment(), scope, key));
    }

    /** Deletes keys past their 24 hours; returns how many. */
    @Transactional
    public int purgeExpired(int batch) {
        return jdbc.update("purging idempotency keys", """
                delete from idempotency_key where ctid in (
                    select ctid from idempotency_key where expires_at <= now() limit ? for update skip locked)
                """, batch);
    }

    private static ApiException inFlight() {
        return ApiException.conflict("IDEMPOTENCY_KEY_IN_USE",
                "A request with this Idempotency-Key is still being processed. Retry after it has finished.");
    }
}
