package dev.switchboard.event;

import java.time.Instant;
import java.util.Map;

import dev.switchboard.tenant.Tenant;

/**
 * A step in a magic link's life. {@code eventType} is the webhook event name: {@code magic_link.created},
 * {@code magic_link.opened}, {@code magic_link.updated}, {@code magic_link.completed}, {@code magic_link.revoked},
 * {@code magic_link.expired} or {@code install.failed}. {@code data} holds the event's details (never credentials);
 * {@code metadata} is the link's own metadata object as the organization gave it, or an empty map.
 * {@code previousAttributes} is set only on {@code magic_link.updated}: the fields the edit changed, as they were.
 */
public record MagicLinkEvent(Tenant tenant, String eventType, String magicLinkId, String customerId, Instant occurredAt,
        Map<String, Object> data, Map<String, Object> metadata, Map<String, Object> previousAttributes) {

    /** An event without {@code previous_attributes}. */
    public MagicLinkEvent(Tenant tenant, String eventType, String magicLinkId, String customerId, Instant occurredAt,
            Map<String, Object> data, Map<String, Object> metadata) {
        this(tenant, eventType, magicLinkId, customerId, occurredAt, data, metadata, null);
    }

    public static final String CREATED = "magic_link.created";
    public static final String OPENED = "magic_link.opened";
    public static final String UPDATED = "magic_link.updated";
    public static final String COMPLETED = "magic_link.completed";
    public static final String REVOKED = "magic_link.revoked";
    public static final String EXPIRED = "magic_link.expired";
    public static final String INSTALL_FAILED = "install.failed";
}
