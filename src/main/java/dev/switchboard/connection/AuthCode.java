package dev.switchboard.connection;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantEntity;

/** What a completed install yields: exchanged once (POST /link/exchange), within 10 minutes. Stored as its SHA-256. */
@Entity
@Table(name = "auth_code")
public class AuthCode extends TenantEntity {

    @Column(name = "code_hash", nullable = false, updatable = false)
    public byte[] codeHash;

    @Column(name = "connection_id", nullable = false, updatable = false)
    public String connectionId;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    static Optional<AuthCode> findUsable(Tenant tenant, byte[] hash, Instant now) {
        return find("codeHash = ?1 and organizationId = ?2 and environment = ?3 and usedAt is null and expiresAt > ?4",
                hash, tenant.organizationId(), tenant.environment(), now).firstResultOptional();
    }

    /** Marks the code used if no one else has; true for exactly one caller. */
    static boolean markUsed(String id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null and expiresAt > ?1", now, id) == 1;
    }
}
