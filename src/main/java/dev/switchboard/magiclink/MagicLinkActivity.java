package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One step in a magic link's audit trail ({@code magic_link_activity}). */
@Entity
@Table(name = "magic_link_activity")
public class MagicLinkActivity extends PanacheEntityBase {

    public static final String CREATED = "created";
    public static final String OPENED = "opened";
    public static final String INTEGRATION_SELECTED = "integration_selected";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";
    /** The organization changed the link ({@code PATCH}); the state before is a {@link MagicLinkVersion}. */
    public static final String EDITED = "edited";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "magic_link_id", nullable = false, updatable = false)
    public String magicLinkId;

    @Column(nullable = false, updatable = false)
    public String event;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    /** A JSON object, as compact JSON text. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    public String details;

    static List<MagicLinkActivity> ofLink(String magicLinkId) {
        return list("magicLinkId = ?1 order by id", magicLinkId);
    }
}
