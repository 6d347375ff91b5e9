package dev.switchboard.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.switchboard.db.Jdbc;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.DataEvents;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.tenant.Tenant;

/**
 * The transactional outbox. Observes the domain events inside the transaction that fires them and writes one delivery
 * row per enabled endpoint of the tenant that subscribes to the type; a rollback of the change leaves no row, a commit
 * always leaves them. After a commit that queued something it wakes this instance's dispatcher (an event no endpoint
 * subscribes to, the common case, costs one look-up and nothing after). Nothing here touches the network.
 */
@Singleton
public class WebhookOutbox {

    @Inject
    Clock clock;
    @Inject
    Jdbc jdbc;
    @Inject
    DataSource dataSource;
    @Inject
    DeliveryStore deliveries;
    @Inject
    WebhookPayloads payloads;
    @Inject
    PayloadCipher cipher;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private static final Logger LOG = Logger.getLogger(WebhookOutbox.class);

    /** Marks a transaction that already has its wake-up registered. */
    private static final Object WAKE_AFTER_COMMIT = new Object();

    @Transactional(Transactional.TxType.MANDATORY)
    void onMagicLink(@Observes MagicLinkEvent event) {
        wakeAfterCommit(enqueue(event.tenant(), event.eventType(), () -> payloads.magicLink(event), false));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onConnection(@Observes ConnectionEvent event) {
        if (event.webhooksDisabled()) {
            return;
        }
        // connection.created carries the connection's access token: dropped from the row after its final attempt.
        wakeAfterCommit(enqueue(event.tenant(), event.eventType(), () -> payloads.connection(event),
                ConnectionEvent.CREATED.equals(event.eventType())));
    }

    /**
     * A sync page's data webhooks: one endpoint look-up per event type, one sealed body per event, and the delivery
     * rows in one JDBC batch, all in the page's transaction (a page is at most a few thousand records, so no
     * transaction writes more than that many rows per endpoint).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onData(@Observes DataEvents batch) {
        if (batch.events().isEmpty()) {
            return;
        }
        Map<String, List<String>> endpointsByType = new HashMap<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Timestamp at = Timestamp.from(now);
        int queued = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_DELIVERY)) {
            for (DataEvents.DataEvent event : batch.events()) {
                List<String> endpointIds = endpointsByType.computeIfAbsent(event.eventType(),
                        type -> subscribedEndpoints(batch.tenant(), type));
                if (endpointIds.isEmpty()) {
                    continue;
                }
                for (byte[] body : event.bodies()) {
                    if (body.length > WebhookPayloads.MAX_BYTES) {
                        // Producers cut what may be too large into parts (DataEvent.split), so this is a producer's
                        // bug; failing the page's transaction instead would stop the connection's sync for good.
                        LOG.errorf("Not queued: a %s event of %d bytes is over the 256 KiB limit", event.eventType(),
                                body.length);
                        continue;
                    }
                    String eventId = WebhookDelivery.newEventId();
                    byte[] sealed = cipher.seal(body, WebhookDelivery.payloadContext(eventId));
                    for (String endpointId : endpointIds) {
                        s.setString(1, WebhookDelivery.newId());
                        s.setString(2, endpointId);
                        s.setString(3, batch.tenant().organizationId());
                        s.setString(4, batch.tenant().environment().value());
                        s.setString(5, eventId);
                        s.setString(6, event.eventType());
                        s.setBytes(7, sealed);
                        s.setTimestamp(8, at);
                        s.setTimestamp(9, at);
                        s.addBatch();
                        queued++;
                    }
                }
            }
            if (queued > 0) {
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("queueing data webhooks failed", e);
        }
        if (queued > 0) {
            wakeAfterCommit(List.of(new WebhookDelivery()));
        }
    }

    private static final String INSERT_DELIVERY = """
            insert into webhook_delivery (id, endpoint_id, organization_id, environment, event_id, event_type, payload,
                                          sensitive, status, attempts, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, ?, ?, false, 'pending', 0, ?, ?)""";

    /** Once per transaction that queued deliveries: a claim round right after its commit, not at the next poll. */
    private void wakeAfterCommit(List<WebhookDelivery> queued) {
        if (queued.isEmpty() || transactions.getResource(WAKE_AFTER_COMMIT) != null) {
            return;
        }
        transactions.putResource(WAKE_AFTER_COMMIT, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {

            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }

    /**
     * Queues one event for every enabled endpoint of the tenant subscribed to its type; returns the rows written. The
     * body is made only when some endpoint wants it.
     */
    List<WebhookDelivery> enqueue(Tenant tenant, String eventType, Supplier<byte[]> body, boolean sensitive) {
        List<String> endpointIds = subscribedEndpoints(tenant, eventType);
        if (endpointIds.isEmpty()) {
            return List.of();
        }
        String eventId = WebhookDelivery.newEventId();
        byte[] sealed = cipher.seal(body.get(), WebhookDelivery.payloadContext(eventId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return endpointIds.stream()
                .map(endpointId -> deliveries.queue(tenant, endpointId, eventId, eventType, sealed, sensitive, now))
                .toList();
    }

    /**
     * The tenant's enabled endpoints that take this event type. Plain JDBC in the caller's transaction: it runs for
     * every event, and for most tenants finds nothing (through Hibernate's native query it was a seventh of the CPU of
     * a {@code POST /magic-links}, bench/README.md).
     */
    private List<String> subscribedEndpoints(Tenant tenant, String eventType) {
        return jdbc.list("looking up webhook endpoints", SUBSCRIBED, r -> r.getString(1), tenant.organizationId(),
                tenant.environment(), eventType);
    }

    private static final String SUBSCRIBED = """
            select id from webhook_endpoint
             where organization_id = ? and environment = ? and enabled and (cardinality(events) = 0 or ? = any(events))
             order by created_at, id""";
}
