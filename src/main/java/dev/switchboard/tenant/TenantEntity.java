package dev.switchboard.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The columns every tenant-owned row has, written once: its id, the organization and environment it belongs to, and
 * when it was created. None of them changes after the insert. Every query of such a row names the tenant.
 */
@MappedSuperclass
public abstract class TenantEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "organization_id", nullable = false, updatable = false)
    public String organizationId;

    @Column(nullable = false, updatable = false)
    public Environment environment;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public Tenant tenant() {
        return new Tenant(organizationId, environment);
    }
}
