package dev.switchboard.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.switchboard.tenant.Scope;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantEntity;

/** An organization's API key in one environment. Only the SHA-256 of the key is stored. */
@Entity
@Table(name = "api_key")
public class ApiKey extends TenantEntity {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public Scope scope;

    @Column(name = "key_hash", nullable = false, updatable = false)
    public byte[] keyHash;

    @Column(name = "key_prefix", nullable = false, updatable = false)
    public String keyPrefix;

    @Column(name = "rate_limit_per_hour", nullable = false)
    public int rateLimitPerHour;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "rolled_from_id", updatable = false)
    public String rolledFromId;

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    static Optional<ApiKey> findByHash(byte[] hash) {
        return find("keyHash", hash).firstResultOptional();
    }

    static Optional<ApiKey> findForTenant(Tenant tenant, String id) {
        return find("id = ?1 and organizationId = ?2 and environment = ?3", id, tenant.organizationId(),
                tenant.environment())
                .firstResultOptional();
    }

    static List<ApiKey> listForTenant(Tenant tenant) {
        return list("organizationId = ?1 and environment = ?2 order by createdAt, id", tenant.organizationId(),
                tenant.environment());
    }

    static long countUsableAdmins(Tenant tenant, Instant now) {
        return count("organizationId = ?1 and environment = ?2 and scope = ?3 and revokedAt is null "
                + "and (expiresAt is null or expiresAt > ?4)", tenant.organizationId(), tenant.environment(),
                Scope.ADMIN, now);
    }

    /** Records a use, at most once a minute per key whatever the number of instances. */
    static void touch(String id, Instant now) {
        update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)", now, id,
                now.minusSeconds(60));
    }
}
