package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.switchboard.common.Base62;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A state a magic link had before an edit ({@code magic_link_version}, V14): part of the {@link MagicLink} aggregate,
 * written once by {@link MagicLinkService#edit} in the edit's transaction, under the link's row lock, and never
 * changed or deleted (revoking a link keeps its versions).
 */
@Entity
@Table(name = "magic_link_version")
public class MagicLinkVersion extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "magic_link_id", nullable = false, updatable = false)
    public String magicLinkId;

    /** The number of the state kept here: 1 is the link as created. */
    @Column(nullable = false, updatable = false)
    public int version;

    /** When the edit that replaced this state was made. */
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** The API key that made the edit (its id; the secret is never stored). */
    @Column(name = "api_key_id", nullable = false, updatable = false)
    public String apiKeyId;

    /** The editable state as {@link MagicLinkDtos.LinkState} JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    public String state;

    static String newId() {
        return "mlv_" + Base62.random(24);
    }

    /**
     * Up to {@code limit} versions of a link, newest first, after the keyset position ({@code createdAt},
     * {@code version}) when given.
     */
    static List<MagicLinkVersion> page(String magicLinkId, Instant afterCreatedAt, Integer afterVersion, int limit) {
        if (afterCreatedAt == null) {
            return find("magicLinkId = ?1 order by createdAt desc, version desc", magicLinkId).page(0, limit).list();
        }
        return find("magicLinkId = ?1 and (createdAt < ?2 or (createdAt = ?2 and version < ?3)) "
                + "order by createdAt desc, version desc", magicLinkId, afterCreatedAt, afterVersion)
                .page(0, limit).list();
    }
}
