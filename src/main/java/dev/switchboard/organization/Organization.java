package dev.switchboard.organization;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant. Everything else belongs to one, in one environment. */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public OrganizationStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Keyset page in creation order: organizations created after {@code (afterCreatedAt, afterId)}. */
    static List<Organization> page(Instant afterCreatedAt, String afterId, int limit) {
        if (afterCreatedAt == null) {
            return find("order by createdAt, id").page(0, limit).list();
        }
        return find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id", afterCreatedAt, afterId)
                .page(0, limit).list();
    }
}
