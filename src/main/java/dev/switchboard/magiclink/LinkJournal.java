package dev.switchboard.magiclink;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.event.MagicLinkEvent;

/**
 * How a link's transitions are recorded, shared by the organization's API ({@link MagicLinkService}) and the link's
 * lifecycle ({@link LinkLifecycle}): a row in {@code magic_link_activity} and a {@link MagicLinkEvent}, both in the
 * transaction of the change, and the {@code expired} event recorded once, before whatever comes after it.
 */
@ApplicationScoped
class LinkJournal {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Inject
    Clock clock;
    @Inject
    Event<MagicLinkEvent> events;
    @Inject
    ObjectMapper json;

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    void activity(MagicLink link, String event, Instant at, Map<String, Object> details) {
        MagicLinkActivity row = new MagicLinkActivity();
        row.magicLinkId = link.id;
        row.event = event;
        row.occurredAt = at;
        row.details = write(details);
        row.persist();
    }

    void fire(MagicLink link, String type, Instant at, Map<String, Object> data) {
        fire(link, type, at, data, null);
    }

    /** An event whose webhook carries {@code previous_attributes} (the changed fields before the change). */
    void fire(MagicLink link, String type, Instant at, Map<String, Object> data, Map<String, Object> previous) {
        events.fire(new MagicLinkEvent(link.tenant(), type, link.id, link.customerId, at,
                Collections.unmodifiableMap(new LinkedHashMap<>(data)), metadata(link),
                previous == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(previous))));
    }

    /** Records the link's {@code expired} event if it expired unused and it was not recorded yet. */
    void recordExpiryIfDue(MagicLink link, Instant now) {
        if (link.expiredEventAt != null || link.statusAt(now) != LinkStatus.EXPIRED) {
            return;
        }
        link.expiredEventAt = now;
        Map<String, Object> details = Map.of("expires_at", link.expiresAt.toString());
        activity(link, MagicLinkActivity.EXPIRED, link.expiresAt, details);
        fire(link, MagicLinkEvent.EXPIRED, link.expiresAt, details);
    }

    Map<String, Object> metadata(MagicLink link) {
        return link.metadata == null ? Map.of() : parse(link.metadata);
    }

    Map<String, Object> parse(String object) {
        try {
            return json.readValue(object, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON object cannot be read", e);
        }
    }

    private String write(Map<String, Object> object) {
        try {
            return json.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise activity details", e);
        }
    }
}
