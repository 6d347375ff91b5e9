package dev.switchboard.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.switchboard.common.Base62;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantEntity;

/**
 * One event queued for one endpoint: the outbox row, a JDBC aggregate (docs/ARCHITECTURE.md, "Data access"). Every
 * write goes through {@link DeliveryStore}: queued in the transaction of the change ({@link WebhookOutbox}), claimed,
 * sent and settled by the dispatchers (plain SQL, leases, fencing tokens). This mapping only reads, for the API.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends TenantEntity {

    @Column(name = "endpoint_id", nullable = false, updatable = false)
    public String endpointId;

    @Column(name = "event_id", nullable = false, updatable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    /** Encrypted JSON body; null once dropped. */
    public byte[] payload;

    @Column(nullable = false)
    public boolean sensitive;

    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_token")
    public String leaseToken;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_latency_ms")
    public Integer lastLatencyMs;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "completed_at")
    public Instant completedAt;

    static String newId() {
        return "whd_" + Base62.random(24);
    }

    static String newEventId() {
        return "evt_" + Base62.random(24);
    }

    /** The encryption context of a payload: its event, so every endpoint's copy and every redelivery shares it. */
    static String payloadContext(String eventId) {
        return "webhook_event.payload:" + eventId;
    }

    static Optional<WebhookDelivery> findForTenant(Tenant tenant, String id) {
        return find("id = ?1 and organizationId = ?2 and environment = ?3", id, tenant.organizationId(),
                tenant.environment())
                .firstResultOptional();
    }

    /** Newest first, keyset-paged: the deliveries created before {@code (beforeCreatedAt, beforeId)}. */
    static List<WebhookDelivery> page(String endpointId, DeliveryStatus status, WebhookDelivery before, int limit) {
        StringBuilder query = new StringBuilder("endpointId = :endpoint");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("endpoint", endpointId);
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (before != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", before.createdAt).and("id", before.id);
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), params).page(0, limit).list();
    }
}
