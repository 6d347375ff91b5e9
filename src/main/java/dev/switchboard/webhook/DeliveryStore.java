package dev.switchboard.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.common.Base62;
import dev.switchboard.common.WireValue;
import dev.switchboard.db.Jdbc;
import dev.switchboard.tenant.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The dispatchers' SQL over the outbox. Claims take due rows with {@code SELECT ... FOR UPDATE SKIP LOCKED}, mark them
 * {@code sending} with a lease and a fresh lease token, and commit before anything is sent; so any number of instances
 * can claim side by side and no row is claimed twice while its lease runs. Results are written only by the holder of
 * the current lease token (a fencing token): a dispatcher whose lease ran out and was reclaimed cannot overwrite the new
 * holder's outcome. Leases that expire (a crashed instance) are claimed again, so every row is sent at least once.
 */
@ApplicationScoped
public class DeliveryStore {

    static final String ENDPOINT_DISABLED = "Not sent: the endpoint is disabled.";

    /** A claimed delivery and what sending it needs of its endpoint. */
    public record Claim(String deliveryId, String leaseToken, String endpointId, String eventId, String eventType,
            byte[] payload, boolean sensitive, int attempts, String url, SignatureScheme scheme, byte[] secret,
            byte[] previousSecret, Instant previousSecretExpiresAt, boolean endpointEnabled) {
    }

    private static final String CLAIM = """
            with due as (
                select id from webhook_delivery
                 where (status = 'pending' and next_attempt_at <= now())
                    or (status = 'sending' and lease_expires_at <= now())
                 order by next_attempt_at
                 limit ?
                   for update skip locked
            ), claimed as (
                update webhook_delivery d
                   set status = 'sending', attempts = d.attempts + 1, lease_token = ?,
                       lease_expires_at = now() + ? * interval '1 millisecond', last_attempt_at = now()
                  from due
                 where d.id = due.id
                returning d.id, d.lease_token, d.endpoint_id, d.event_id, d.event_type, d.payload, d.sensitive, d.attempts
            )
            select c.*, e.url, e.signature_scheme, e.secret, e.previous_secret, e.previous_secret_expires_at, e.enabled
              from claimed c join webhook_endpoint e on e.id = c.endpoint_id
            """;

    /** Fails an endpoint's deliveries that wait for an attempt (it was disabled). Parameters: last_error, endpoint id. */
    static final String FAIL_QUEUED = """
            update webhook_delivery set status = 'failed', next_attempt_at = null, completed_at = now(), last_error = ?,
                   payload = case when sensitive then null else payload end
             where endpoint_id = ? and status = 'pending'""";

    private static final String SETTLE_WHERE = " where id = ? and lease_token = ? and status = 'sending'";

    @Inject
    DataSource dataSource;
    @Inject
    Jdbc jdbc;

    /**
     * Queues one delivery, due now, in the caller's transaction (the outbox: it commits with the change it reports).
     * Returns the row as written, for the API's answer.
     */
    public WebhookDelivery queue(Tenant tenant, String endpointId, String eventId, String eventType, byte[] sealedPayload,
            boolean sensitive, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = WebhookDelivery.newId();
        delivery.endpointId = endpointId;
        delivery.organizationId = tenant.organizationId();
        delivery.environment = tenant.environment();
        delivery.eventId = eventId;
        delivery.eventType = eventType;
        delivery.payload = sealedPayload;
        delivery.sensitive = sensitive;
        delivery.status = DeliveryStatus.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        jdbc.update("queueing a webhook delivery", """
                insert into webhook_delivery (id, endpoint_id, organization_id, environment, event_id, event_type, payload,
                    sensitive, status, attempts, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", delivery.id, delivery.endpointId, delivery.organizationId,
                delivery.environment, delivery.eventId, delivery.eventType, delivery.payload, delivery.sensitive,
                delivery.status, delivery.attempts, delivery.nextAttemptAt, delivery.createdAt);
        return delivery;
    }

    /** Fails the endpoint's deliveries that wait for an attempt, in the caller's transaction (it was disabled). */
    public void failQueued(String endpointId) {
        jdbc.update("failing queued webhook deliveries", FAIL_QUEUED, ENDPOINT_DISABLED, endpointId);
    }

    /** Claims up to {@code limit} due deliveries for {@code lease}, in a transaction of its own. */
    public List<Claim> claim(int limit, Duration lease) {
        String token = Base62.random(16);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Claim> claims = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setInt(1, limit);
                s.setString(2, token);
                s.setLong(3, lease.toMillis());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Timestamp previousExpires = r.getTimestamp("previous_secret_expires_at");
                        claims.add(new Claim(r.getString("id"), r.getString("lease_token"), r.getString("endpoint_id"),
                                r.getString("event_id"), r.getString("event_type"), r.getBytes("payload"),
                                r.getBoolean("sensitive"), r.getInt("attempts"), r.getString("url"),
                                WireValue.parse(SignatureScheme.class, r.getString("signature_scheme")), r.getBytes("secret"),
                                r.getBytes("previous_secret"), previousExpires == null ? null : previousExpires.toInstant(),
                                r.getBoolean("enabled")));
                    }
                }
            }
            return claims;
        });
    }

    /** A 2xx: done. Sensitive payloads are dropped. */
    public boolean succeeded(Claim claim, AttemptResult result) {
        return settle(claim, "succeeded", null, result);
    }

    /** A failed attempt with another to come after {@code delay}. */
    public boolean retry(Claim claim, AttemptResult result, Duration delay) {
        return settle(claim, "pending", delay, result);
    }

    /** The last attempt failed (or the endpoint said 410). With {@code disableReason}, also disables the endpoint. */
    public boolean failed(Claim claim, AttemptResult result, String disableReason) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                boolean settled = settle(c, claim, "failed", null, result);
                if (settled && disableReason != null) {
                    disableEndpoint(c, claim.endpointId(), disableReason);
                }
                return settled;
            }
        });
    }

    /** Gives a claimed row back without counting an attempt (the endpoint was disabled meanwhile). */
    public boolean abandon(Claim claim) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                    update webhook_delivery set status = 'failed', attempts = attempts - 1, lease_token = null,
                           lease_expires_at = null, next_attempt_at = null, completed_at = now(), last_error = ?,
                           payload = case when sensitive then null else payload end""" + SETTLE_WHERE)) {
                s.setString(1, ENDPOINT_DISABLED);
                s.setString(2, claim.deliveryId());
                s.setString(3, claim.leaseToken());
                return s.executeUpdate() == 1;
            }
        });
    }

    private boolean settle(Claim claim, String status, Duration delay, AttemptResult result) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return settle(c, claim, status, delay, result);
            }
        });
    }

    private static boolean settle(Connection c, Claim claim, String status, Duration delay, AttemptResult result)
            throws SQLException {
        boolean last = !"pending".equals(status);
        String sql = "update webhook_delivery set status = ?, lease_token = null, lease_expires_at = null,"
                + " last_status_code = ?, last_latency_ms = ?, last_error = ?,"
                + (last ? " next_attempt_at = null, completed_at = now(), payload = case when sensitive then null else payload end"
                        : " next_attempt_at = now() + ? * interval '1 millisecond'")
                + SETTLE_WHERE;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, status);
            if (result.statusCode() == null) {
                s.setNull(i++, Types.INTEGER);
            } else {
                s.setInt(i++, result.statusCode());
            }
            s.setInt(i++, (int) Math.min(Integer.MAX_VALUE, result.latencyMs()));
            s.setString(i++, result.error());
            if (!last) {
                s.setLong(i++, delay.toMillis());
            }
            s.setString(i++, claim.deliveryId());
            s.setString(i, claim.leaseToken());
            return s.executeUpdate() == 1;
        }
    }

    private static void disableEndpoint(Connection c, String endpointId, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update webhook_endpoint set enabled = false, disabled_reason = ?,"
                + " updated_at = now() where id = ?")) {
            s.setString(1, reason);
            s.setString(2, endpointId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(FAIL_QUEUED)) {
            s.setString(1, ENDPOINT_DISABLED);
            s.setString(2, endpointId);
            s.executeUpdate();
        }
    }

    /** Rows waiting for an attempt and rows being sent, across all tenants (the queue-depth gauges). */
    public long[] depth() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select count(*) filter (where status = 'pending'), count(*) filter (where status = 'sending')"
                            + " from webhook_delivery where status in ('pending', 'sending')");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return new long[] { r.getLong(1), r.getLong(2) };
            }
        });
    }
}
