package dev.switchboard.connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.Base62;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantEntity;
import io.quarkus.panache.common.Parameters;

/**
 * One customer's installed integration, in one organization and environment. Credentials and the access token are
 * stored only sealed ({@link dev.switchboard.crypto.SecretBox}); the token is found by its keyed hash.
 */
@Entity
@Table(name = "connection")
public class Connection extends TenantEntity {

    @Column(name = "integration_type", nullable = false, updatable = false)
    public IntegrationType integrationType;

    @Column(name = "integration_name", nullable = false, updatable = false)
    public String integrationName;

    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public ConnectionStatus status;

    /** Action values ({@code get_inventory}, ...): the catalog's actions minus the link's disabled functions. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "available_actions", nullable = false)
    public List<String> availableActions;

    @Column(name = "webhooks_disabled", nullable = false)
    public boolean webhooksDisabled;

    @Column(name = "magic_link_id")
    public String magicLinkId;

    @Column(name = "generated_sandbox", nullable = false, updatable = false)
    public boolean generatedSandbox;

    /** The customer's credentials as sealed JSON; null for a generated sandbox and after deletion. */
    public byte[] credentials;

    @Column(name = "access_token_hash")
    public byte[] accessTokenHash;

    /** The access token, sealed, so a reinstall and the connection.created webhook can hand out the same one. */
    @Column(name = "access_token")
    public byte[] accessToken;

    @Column(name = "times_used", nullable = false)
    public int timesUsed;

    @Column(name = "last_used")
    public Instant lastUsed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /**
     * Adds {@code count} uses, the last at {@code at}, to the connection (deleted or not: a read may race its
     * deletion).
     */
    static int recordUse(String id, long count, Instant at) {
        return update("timesUsed = timesUsed + ?1, lastUsed = case when lastUsed is null or lastUsed < ?2 then ?2 "
                + "else lastUsed end where id = ?3", (int) Math.min(Integer.MAX_VALUE, count), at, id);
    }

    static String newId() {
        return "conn_" + Base62.random(24);
    }

    public List<Action> actions() {
        return availableActions.stream().map(a -> Action.find(a).orElseThrow()).toList();
    }

    /** The unified-API endpoints of the available actions, such as {@code GET /wms/inventory}. */
    public List<String> availableEndpoints() {
        return actions().stream().map(a -> a.endpoint(integrationType)).toList();
    }

    static Optional<Connection> findActive(Tenant tenant, String id) {
        return find("id = ?1 and organizationId = ?2 and environment = ?3 and status = ?4", id, tenant.organizationId(),
                tenant.environment(), ConnectionStatus.ACTIVE).firstResultOptional();
    }

    /** The active connection whose access-token hash is one of {@code hashes} (one per encryption key held). */
    static Optional<Connection> findByAccessToken(Tenant tenant, List<byte[]> hashes) {
        return find("accessTokenHash in :hashes and organizationId = :org and environment = :env and status = :active",
                Parameters.with("hashes", hashes).and("org", tenant.organizationId()).and("env", tenant.environment())
                        .and("active", ConnectionStatus.ACTIVE))
                .firstResultOptional();
    }

    static Optional<Connection> findGeneratedSandbox(Tenant tenant, IntegrationType type) {
        return find("organizationId = ?1 and environment = ?2 and integrationType = ?3 and generatedSandbox = true "
                + "and status = ?4", tenant.organizationId(), tenant.environment(), type, ConnectionStatus.ACTIVE)
                .firstResultOptional();
    }

    /**
     * A keyset page of active connections, oldest first: those after {@code (afterCreatedAt, afterId)} when given,
     * optionally only one customer's or one integration's.
     */
    static List<Connection> page(Tenant tenant, String customerId, String integrationName, Instant afterCreatedAt,
            String afterId, int limit) {
        StringBuilder query = new StringBuilder("organizationId = :org and environment = :env and status = :active");
        Parameters params = Parameters.with("org", tenant.organizationId()).and("env", tenant.environment())
                .and("active", ConnectionStatus.ACTIVE);
        if (customerId != null) {
            query.append(" and customerId = :customer");
            params.and("customer", customerId);
        }
        if (integrationName != null) {
            query.append(" and integrationName = :name");
            params.and("name", integrationName);
        }
        if (afterCreatedAt != null) {
            query.append(" and (createdAt > :after or (createdAt = :after and id > :afterId))");
            params.and("after", afterCreatedAt).and("afterId", afterId);
        }
        return find(query.append(" order by createdAt, id").toString(), params).page(0, limit).list();
    }
}
