package dev.switchboard.organization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.OrganizationStatus;
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

    /** Shown to the organization's customers instead of {@link #name} when set. */
    @Column(name = "display_name")
    public String displayName;

    /** An https image shown on the hosted pages. */
    @Column(name = "logo_url")
    public String logoUrl;

    /** The accent colour of the hosted pages, {@code #rrggbb} in lowercase. */
    @Column(name = "brand_color")
    public String brandColor;

    @Column(name = "support_email")
    public String supportEmail;

    /** Origins ({@code https://app.example.com}) that may embed the Connect modal and receive its messages. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_origins", nullable = false)
    public List<String> allowedOrigins = new ArrayList<>();

    // The test environment's branding (V10); the columns above are the live environment's.
    @Column(name = "test_display_name")
    public String testDisplayName;

    @Column(name = "test_logo_url")
    public String testLogoUrl;

    @Column(name = "test_brand_color")
    public String testBrandColor;

    @Column(name = "test_support_email")
    public String testSupportEmail;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "test_allowed_origins", nullable = false)
    public List<String> testAllowedOrigins = new ArrayList<>();

    /**
     * The organization as the customers of one environment see it: for live, the entity itself; for test, a detached
     * copy (never persisted) whose branding fields hold the test environment's. Null when there is no such
     * organization. Hosted pages and the Connect modal read branding and allowed origins only through this.
     */
    public static Organization asSeenIn(String id, Environment environment) {
        Organization org = findById(id);
        if (org == null || environment == Environment.LIVE) {
            return org;
        }
        Organization copy = new Organization();
        copy.id = org.id;
        copy.name = org.name;
        copy.status = org.status;
        copy.createdAt = org.createdAt;
        copy.displayName = org.testDisplayName;
        copy.logoUrl = org.testLogoUrl;
        copy.brandColor = org.testBrandColor;
        copy.supportEmail = org.testSupportEmail;
        copy.allowedOrigins = List.copyOf(org.testAllowedOrigins);
        copy.initialSyncDays = org.initialSyncDays;
        return copy;
    }

    /** How many days back a new connection's initial sync reaches (1..1095; Trackstar's default is 30). */
    @Column(name = "initial_sync_days", nullable = false)
    public int initialSyncDays = 30;

    /** The name the organization's customers see. */
    public String publicName() {
        return displayName != null ? displayName : name;
    }

    /** Keyset page in creation order: organizations created after {@code (afterCreatedAt, afterId)}. */
    static List<Organization> page(Instant afterCreatedAt, String afterId, int limit) {
        if (afterCreatedAt == null) {
            return find("order by createdAt, id").page(0, limit).list();
        }
        return find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id", afterCreatedAt, afterId)
                .page(0, limit).list();
    }
}
