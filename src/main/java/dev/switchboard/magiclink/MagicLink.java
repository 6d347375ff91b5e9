package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantEntity;

/**
 * A magic link as stored ({@code magic_link}, see docs/ARCHITECTURE.md). Never deleted: revoking sets
 * {@link LinkStatus#REVOKED}. Whether it has expired is derived from {@link #expiresAt} when it is read.
 */
@Entity
@Table(name = "magic_link")
public class MagicLink extends TenantEntity {

    @Column(name = "integration_type", nullable = false, updatable = false)
    public IntegrationType integrationType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "integration_allow_list", nullable = false, columnDefinition = "text[]")
    public List<String> integrationAllowList;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "integration_block_list", nullable = false, columnDefinition = "text[]")
    public List<String> integrationBlockList;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "integrations_with_endpoints", nullable = false, columnDefinition = "text[]")
    public List<String> integrationsWithEndpoints;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "connection_id", updatable = false)
    public String connectionId;

    @Column(name = "redirect_url")
    public String redirectUrl;

    /** The organization's JSON object, as compact JSON text; null when none was given. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String metadata;

    @Column(nullable = false, updatable = false)
    public boolean sandbox;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "disabled_functions", nullable = false, columnDefinition = "text[]")
    public List<String> disabledFunctions;

    /** The stored status: never {@link LinkStatus#EXPIRED}; see {@link #statusAt(Instant)}. */
    @Column(nullable = false)
    public LinkStatus status;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "selected_integration")
    public String selectedIntegration;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "completed_connection_id")
    public String completedConnectionId;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoke_reason")
    public String revokeReason;

    @Column(name = "expired_event_at")
    public Instant expiredEventAt;

    /**
     * The number of the current state: 1 as created, one more per edit ({@code PATCH}); the states before are in
     * {@link MagicLinkVersion}. Not JPA's {@code @Version}: the customer's steps (opened, completed) do not change it.
     */
    @Column(nullable = false)
    public int version = 1;

    /** The status as clients see it: created or opened links past their expiry are expired. */
    public LinkStatus statusAt(Instant now) {
        return status.isOpenForUse() && !expiresAt.isAfter(now) ? LinkStatus.EXPIRED : status;
    }

    /** Can the customer still use it: neither completed, revoked nor expired. */
    public boolean isUsableAt(Instant now) {
        return statusAt(now).isOpenForUse();
    }

    static Optional<MagicLink> findForTenant(Tenant tenant, String id) {
        return find("id = ?1 and organizationId = ?2 and environment = ?3", id, tenant.organizationId(),
                tenant.environment())
                .firstResultOptional();
    }

    /** The tenant's link, locked for the rest of the transaction. */
    static Optional<MagicLink> findForTenantForUpdate(Tenant tenant, String id) {
        return find("id = ?1 and organizationId = ?2 and environment = ?3", id, tenant.organizationId(),
                tenant.environment())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Any tenant's link, locked for the rest of the transaction (the hosted page's transitions). */
    static Optional<MagicLink> findByIdForUpdate(String id) {
        return MagicLink.<MagicLink>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
