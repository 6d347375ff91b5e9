package dev.switchboard.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.error.ApiException;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.MagicLinkEvent;

/**
 * The JSON bodies receivers get. Connection events are exactly the contract's {@code connection.created} and
 * {@code connection.deleted} webhooks; magic-link events are
 * {@code {"event_type","magic_link_id","customer_id","occurred_at","data","metadata"}}, and
 * {@code magic_link.updated} adds {@code previous_attributes}. Timestamps are ISO 8601 UTC,
 * whole seconds. A body over 256 KiB is refused where the event is raised (413), so nothing unsendable is queued.
 */
@Singleton
public class WebhookPayloads {

    /** The largest body a webhook may have. Services that raise events with large metadata can check against it. */
    public static final int MAX_BYTES = 256 * 1024;

    @Inject
    ObjectMapper json;

    byte[] magicLink(MagicLinkEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_type", event.eventType());
        body.put("magic_link_id", event.magicLinkId());
        body.put("customer_id", event.customerId());
        body.put("occurred_at", event.occurredAt());
        body.put("data", event.data() == null ? Map.of() : event.data());
        body.put("metadata", event.metadata() == null ? Map.of() : event.metadata());
        if (event.previousAttributes() != null) {
            body.put("previous_attributes", event.previousAttributes());
        }
        return write(body);
    }

    byte[] connection(ConnectionEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (ConnectionEvent.CREATED.equals(event.eventType())) {
            data.put("created_date", event.occurredAt());
            data.put("access_token", event.accessToken());
        } else {
            data.put("deleted_date", event.occurredAt());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection_id", event.connectionId());
        body.put("event_type", event.eventType());
        body.put("integration_name", event.integrationName());
        body.put("integration_type", event.integrationType() == null ? null : event.integrationType().value());
        body.put("data", data);
        return write(body);
    }

    byte[] test(String endpointId, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_type", EventTypes.TEST);
        body.put("webhook_id", endpointId);
        body.put("occurred_at", at);
        body.put("data", Map.of("message", "A test event from Switchboard. Answer with a 2xx status."));
        return write(body);
    }

    private byte[] write(Map<String, Object> body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "A webhook event could not be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE",
                    "The webhook this change would send is larger than 256 KiB ("
                            + bytes.length + " bytes); send less data or metadata.");
        }
        return bytes;
    }
}
