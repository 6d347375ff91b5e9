package dev.switchboard.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.switchboard.common.Base62;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantEntity;

/** Where an organization wants its events, in one environment. Secrets are stored encrypted ({@link PayloadCipher}). */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends TenantEntity {

    @Column(nullable = false)
    public String url;

    public String description;

    /** Subscribed event types; empty means all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> events = new ArrayList<>();

    @Column(name = "signature_scheme", nullable = false)
    public SignatureScheme signatureScheme;

    @Column(nullable = false)
    public byte[] secret;

    @Column(name = "previous_secret")
    public byte[] previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static String newId() {
        return "wh_" + Base62.random(24);
    }

    /** The encryption context of this endpoint's secrets, so a secret cannot be moved to another row. */
    static String secretContext(String endpointId) {
        return "webhook_endpoint.secret:" + endpointId;
    }

    static Optional<WebhookEndpoint> findForTenant(Tenant tenant, String id) {
        return find("id = ?1 and organizationId = ?2 and environment = ?3", id, tenant.organizationId(),
                tenant.environment())
                .firstResultOptional();
    }

    static List<WebhookEndpoint> listForTenant(Tenant tenant) {
        return list("organizationId = ?1 and environment = ?2 order by createdAt, id", tenant.organizationId(),
                tenant.environment());
    }

    static long countForTenant(Tenant tenant) {
        return count("organizationId = ?1 and environment = ?2", tenant.organizationId(), tenant.environment());
    }
}
