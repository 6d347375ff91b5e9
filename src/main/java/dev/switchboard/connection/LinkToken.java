package dev.switchboard.connection;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.switchboard.tenant.TenantEntity;

/** A link token (POST /link/token): opens the embedded Connect modal once, within 30 minutes. Stored as its SHA-256. */
@Entity
@Table(name = "link_token")
public class LinkToken extends TenantEntity {

    @Column(name = "token_hash", nullable = false, updatable = false)
    public byte[] tokenHash;

    @Column(name = "customer_id", updatable = false)
    public String customerId;

    @Column(name = "connection_id", updatable = false)
    public String connectionId;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    static Optional<LinkToken> findUsable(byte[] hash, Instant now) {
        return find("tokenHash = ?1 and usedAt is null and expiresAt > ?2", hash, now).firstResultOptional();
    }

    /** Marks the token used if no one else has; true for exactly one caller. */
    static boolean markUsed(String id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null and expiresAt > ?1", now, id) == 1;
    }
}
