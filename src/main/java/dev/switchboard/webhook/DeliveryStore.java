package dev.switchboard.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * the current lease token (a fencing token): a dispatcher whose lease ran out and was reclaimed cannot overwrite the
 * new
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

    /**
     * Fair claims. Due work is taken per endpoint (at most {@code maxInFlightPerEndpoint} of an endpoint's deliveries
     * are in flight across all instances, and {@code maxInFlightPerOrganization} of an organization's), then
     * interleaved: each organization's first delivery before anyone's second, and within an organization each
     * endpoint's first before any endpoint's second. A tenant whose endpoints are slow or down holds only its own few
     * slots, so everyone else's deliveries keep flowing. Deliveries of a suspended organization wait (and resume on
     * reactivation). Leases that ran out (a crashed instance) come first.
     * Parameters: endpoint cap, organization cap, limit (stale leases), limit, lease token, lease in milliseconds.
     */
    private static final String CLAIM = """
            with endpoints as (
                select e.id, e.organization_id,
                       ? - (select count(*) from webhook_delivery s where s.status = 'sending' and s.endpoint_id = e.id
                               and s.lease_expires_at > now()) as endpoint_free,
                       ? - (select count(*) from webhook_delivery s where s.status = 'sending'
                               and s.organization_id = e.organization_id and s.lease_expires_at > now()) as org_free
                  from webhook_endpoint e
                  join organization o on o.id = e.organization_id and o.status = 'active'
                 where exists (select 1 from webhook_delivery p
                                where p.endpoint_id = e.id and p.status = 'pending' and p.next_attempt_at <= now())
            ), fair as (
                select d.id, x.organization_id, x.org_free, d.next_attempt_at,
                       row_number() over (partition by x.id order by d.next_attempt_at) as endpoint_turn
                  from endpoints x
                  cross join lateral (
                      select w.id, w.next_attempt_at from webhook_delivery w
                       where w.endpoint_id = x.id and w.status = 'pending' and w.next_attempt_at <= now()
                       order by w.next_attempt_at
                       limit greatest(least(x.endpoint_free, x.org_free), 0)
                         for update skip locked) d
            ), ranked as (
                select id, next_attempt_at, endpoint_turn, org_free,
                       row_number() over (partition by organization_id order by endpoint_turn, next_attempt_at) as org_turn
                  from fair
            ), stale as (
                select w.id from webhook_delivery w
                 where w.status = 'sending' and w.lease_expires_at <= now()
                   and exists (select 1 from organization o where o.id = w.organization_id and o.status = 'active')
                 order by w.lease_expires_at
                 limit ?
                   for update skip locked
            ), due as (
                select id from (
                    select id, 0::bigint as org_turn, 0::bigint as endpoint_turn, now() as at from stale
                    union all
                    select id, org_turn, endpoint_turn, next_attempt_at from ranked where org_turn <= org_free
                ) all_due
                 order by org_turn, endpoint_turn, at
                 limit ?
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

    /**
     * Fails an endpoint's deliveries that wait for an attempt (it was disabled). Parameters: last_error, endpoint id.
     */
    static final String FAIL_QUEUED = """
            update webhook_delivery set status = 'failed', next_attempt_at = null, completed_at = now(), last_error = ?,
                   payload = case when sensitive then null else payload end
             where endpoint_id = ? and status = 'pending'""";

    private static final String SETTLE_WHERE = " where id = ? and lease_token = ? and status = 'sending'";

    @Inject
    Jdbc jdbc;
    @Inject
    dev.switchboard.config.SwitchboardConfig config;

    /**
     * Queues one delivery, due now, in the caller's transaction (the outbox: it commits with the change it reports).
     * Returns the row as written, for the API's answer.
     */
    public WebhookDelivery queue(Tenant tenant, String endpointId, String eventId, String eventType,
            byte[] sealedPayload,
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
        jdbc.update("queueing a webhook delivery",
                """
                        insert into webhook_delivery (id, endpoint_id, organization_id, environment, event_id, event_type, payload,
                            sensitive, status, attempts, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                delivery.id, delivery.endpointId, delivery.organizationId,
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
        return QuarkusTransaction.requiringNew().call(() -> jdbc.list("claiming webhook deliveries", CLAIM,
                DeliveryStore::claim, config.webhooks().maxInFlightPerEndpoint(),
                config.webhooks().maxInFlightPerOrganization(), limit, limit, token, lease.toMillis()));
    }

    private static Claim claim(ResultSet r) throws SQLException {
        return new Claim(r.getString("id"), r.getString("lease_token"), r.getString("endpoint_id"),
                r.getString("event_id"), r.getString("event_type"), r.getBytes("payload"), r.getBoolean("sensitive"),
                r.getInt("attempts"), r.getString("url"),
                WireValue.parse(SignatureScheme.class, r.getString("signature_scheme")), r.getBytes("secret"),
                r.getBytes("previous_secret"), Jdbc.instant(r, "previous_secret_expires_at"), r.getBoolean("enabled"));
    }

    /** A 2xx: done. Sensitive payloads are dropped. */
    public boolean succeeded(Claim claim, AttemptResult result) {
        return QuarkusTransaction.requiringNew().call(() -> settle(claim, "succeeded", null, result));
    }

    /** A failed attempt with another to come after {@code delay}. */
    public boolean retry(Claim claim, AttemptResult result, Duration delay) {
        return QuarkusTransaction.requiringNew().call(() -> settle(claim, "pending", delay, result));
    }

    /** The last attempt failed (or the endpoint said 410). With {@code disableReason}, also disables the endpoint. */
    public boolean failed(Claim claim, AttemptResult result, String disableReason) {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean settled = settle(claim, "failed", null, result);
            if (settled && disableReason != null) {
                jdbc.update("disabling a webhook endpoint", "update webhook_endpoint set enabled = false, "
                        + "disabled_reason = ?, updated_at = now() where id = ?", disableReason, claim.endpointId());
                failQueued(claim.endpointId());
            }
            return settled;
        });
    }

    /** Gives a claimed row back without counting an attempt (the endpoint was disabled meanwhile). */
    public boolean abandon(Claim claim) {
        return QuarkusTransaction.requiringNew().call(() -> jdbc.update("abandoning a webhook delivery", """
                update webhook_delivery set status = 'failed', attempts = attempts - 1, lease_token = null,
                       lease_expires_at = null, next_attempt_at = null, completed_at = now(), last_error = ?,
                       payload = case when sensitive then null else payload end""" + SETTLE_WHERE,
                ENDPOINT_DISABLED, claim.deliveryId(), claim.leaseToken()) == 1);
    }

    /** Writes an attempt's outcome, if this claim still holds the row's lease (in the caller's transaction). */
    private boolean settle(Claim claim, String status, Duration delay, AttemptResult result) {
        boolean last = !"pending".equals(status);
        String sql = "update webhook_delivery set status = ?, lease_token = null, lease_expires_at = null,"
                + " last_status_code = ?, last_latency_ms = ?, last_error = ?,"
                + (last
                        ? " next_attempt_at = null, completed_at = now(), payload = case when sensitive then null else payload end"
                        : " next_attempt_at = now() + ? * interval '1 millisecond'")
                + SETTLE_WHERE;
        List<Object> parameters = new ArrayList<>(Arrays.asList(status, result.statusCode(),
                (int) Math.min(Integer.MAX_VALUE, result.latencyMs()), result.error()));
        if (!last) {
            parameters.add(delay.toMillis());
        }
        parameters.add(claim.deliveryId());
        parameters.add(claim.leaseToken());
        return jdbc.update("settling a webhook delivery", sql, parameters.toArray()) == 1;
    }

    /** Rows waiting for an attempt and rows being sent, across all tenants (the queue-depth gauges). */
    public long[] depth() {
        return QuarkusTransaction.requiringNew().call(() -> jdbc.first("counting webhook deliveries",
                "select count(*) filter (where status = 'pending'), count(*) filter (where status = 'sending')"
                        + " from webhook_delivery where status in ('pending', 'sending')",
                r -> new long[]{ r.getLong(1), r.getLong(2) }).orElseThrow());
    }
}
