package dev.switchboard.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.switchboard.tenant.Tenant;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.MagicLinkEvent;

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
    DataSource dataSource;
    @Inject
    WebhookPayloads payloads;
    @Inject
    PayloadCipher cipher;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    TransactionSynchronizationRegistry transactions;

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
        return endpointIds.stream().map(endpointId -> queue(tenant, endpointId, eventId, eventType, sealed, sensitive, now))
                .toList();
    }

    /**
     * The tenant's enabled endpoints that take this event type. Plain JDBC in the caller's transaction: it runs for
     * every event, and for most tenants finds nothing (through Hibernate's native query it was a seventh of the CPU of
     * a {@code POST /magic-links}, bench/README.md).
     */
    private List<String> subscribedEndpoints(Tenant tenant, String eventType) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SUBSCRIBED)) {
            s.setString(1, tenant.organizationId());
            s.setString(2, tenant.environment().value());
            s.setString(3, eventType);
            try (ResultSet r = s.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (r.next()) {
                    ids.add(r.getString(1));
                }
                return ids;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up webhook endpoints failed", e);
        }
    }

    private static final String SUBSCRIBED = """
            select id from webhook_endpoint
             where organization_id = ? and environment = ? and enabled and (cardinality(events) = 0 or ? = any(events))
             order by created_at, id""";

    /** Writes one delivery row, due now. */
    static WebhookDelivery queue(Tenant tenant, String endpointId, String eventId, String eventType, byte[] sealedPayload,
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
        delivery.persist();
        return delivery;
    }
}
