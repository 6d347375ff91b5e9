package dev.switchboard.webhook;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.switchboard.auth.Tenant;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.MagicLinkEvent;

/**
 * The transactional outbox. Observes the domain events inside the transaction that fires them and writes one delivery
 * row per enabled endpoint of the tenant that subscribes to the type; a rollback of the change leaves no row, a commit
 * always leaves them. After the commit it wakes this instance's dispatcher. Nothing here touches the network.
 */
@Singleton
public class WebhookOutbox {

    @Inject
    EntityManager em;
    @Inject
    WebhookPayloads payloads;
    @Inject
    PayloadCipher cipher;
    @Inject
    WebhookDispatcher dispatcher;

    @Transactional(Transactional.TxType.MANDATORY)
    void onMagicLink(@Observes MagicLinkEvent event) {
        enqueue(event.tenant(), event.eventType(), payloads.magicLink(event), false);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onConnection(@Observes ConnectionEvent event) {
        if (event.webhooksDisabled()) {
            return;
        }
        // connection.created carries the connection's access token: dropped from the row after its final attempt.
        enqueue(event.tenant(), event.eventType(), payloads.connection(event), ConnectionEvent.CREATED.equals(event.eventType()));
    }

    void afterMagicLink(@Observes(during = TransactionPhase.AFTER_SUCCESS) MagicLinkEvent event) {
        dispatcher.wake();
    }

    void afterConnection(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConnectionEvent event) {
        dispatcher.wake();
    }

    /** Queues one event for every enabled endpoint of the tenant subscribed to its type; returns the rows written. */
    List<WebhookDelivery> enqueue(Tenant tenant, String eventType, byte[] body, boolean sensitive) {
        @SuppressWarnings("unchecked")
        List<String> endpointIds = em.createNativeQuery("""
                select id from webhook_endpoint
                 where organization_id = ?1 and environment = ?2 and enabled
                   and (cardinality(events) = 0 or ?3 = any(events))
                 order by created_at, id""")
                .setParameter(1, tenant.organizationId())
                .setParameter(2, tenant.environment().value())
                .setParameter(3, eventType)
                .getResultList();
        if (endpointIds.isEmpty()) {
            return List.of();
        }
        String eventId = WebhookDelivery.newEventId();
        byte[] sealed = cipher.seal(body, WebhookDelivery.payloadContext(eventId));
        return endpointIds.stream().map(endpointId -> queue(tenant, endpointId, eventId, eventType, sealed, sensitive)).toList();
    }

    /** Writes one delivery row, due now. */
    static WebhookDelivery queue(Tenant tenant, String endpointId, String eventId, String eventType, byte[] sealedPayload,
            boolean sensitive) {
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.persist();
        return delivery;
    }
}
