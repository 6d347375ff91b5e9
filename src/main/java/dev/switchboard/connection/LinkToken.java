package dev.switchboard.connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.switchboard.catalog.IntegrationType;
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

    /** What the Connect modal offers (V18): set by the organization's backend, never by the embedding page. */
    @Column(name = "integration_type", nullable = false, updatable = false)
    public IntegrationType integrationType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "integration_allow_list", nullable = false, updatable = false, columnDefinition = "text[]")
    public List<String> integrationAllowList;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "integration_block_list", nullable = false, updatable = false, columnDefinition = "text[]")
    public List<String> integrationBlockList;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "integrations_with_endpoints", nullable = false, updatable = false, columnDefinition = "text[]")
    public List<String> integrationsWithEndpoints;

    @Column(nullable = false, updatable = false)
    public boolean sandbox;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "disabled_functions", nullable = false, updatable = false, columnDefinition = "text[]")
    public List<String> disabledFunctions;

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
