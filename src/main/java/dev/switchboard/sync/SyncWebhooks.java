package dev.switchboard.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.event.DataEvents;
import dev.switchboard.event.DataEvents.DataEvent;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.store.RecordStore.Change;
import dev.switchboard.wms.store.RecordStore.ChangeKind;

/**
 * The data webhooks of a page's changes, in Trackstar's envelope
 * {@code {connection_id, integration_name, integration_type, event_type, data, previous_attributes}}:
 * {@code <resource>.created} (no previous_attributes), {@code <resource>.updated} (the changed fields before, as dot
 * paths), and the sub-events {@code order.shipment.created} and {@code inbound-shipment.receipt.created} when a new
 * shipment or receipt appears (previous_attributes holds the array before, as Trackstar's schemas have it).
 * {@code data} is the record as the read API serves it, with {@code trackstar_created_date} and
 * {@code trackstar_updated_date}. Public for the writes of the unified API ({@code wms.api.WmsWrites}), whose
 * written records fire the same webhooks as a synced change.
 */
public final class SyncWebhooks {

    static final String HISTORICAL_SYNC_COMPLETED = "connection.historical-sync-completed";
    static final String FORCE_SYNC_COMPLETED = "connection.force-sync-completed";
    static final String SYNC_JOB_COMPLETED = "connection.sync-job-completed";

    /** Which sub-event a resource has: the array that grows, and the id field of its elements. */
    private record SubEvent(String eventType, String array, String idField) {
    }

    private SyncWebhooks() {
    }

    /** The connection a page belongs to, as the envelope names it. */
    public record Source(String connectionId, String integrationName, String integrationType) {
    }

    public static List<DataEvent> recordEvents(ObjectMapper json, Source source, WmsFunction function,
            List<Change> changes) {
        String resource = function.webhookResource().orElse(null);
        List<DataEvent> events = new ArrayList<>();
        if (resource == null) {
            return events;
        }
        SubEvent sub = switch (function) {
            case GET_ORDERS -> new SubEvent("order.shipment.created", "shipments", "shipment_id");
            case GET_INBOUND_SHIPMENTS -> new SubEvent("inbound-shipment.receipt.created", "receipts", "id");
            default -> null;
        };
        for (Change change : changes) {
            if (change.kind() == ChangeKind.UNCHANGED) {
                continue;
            }
            if (change.kind() == ChangeKind.CREATED || change.previous() == null) {
                events.add(DataEvent.split(resource + ".created",
                        () -> body(json, source, resource + ".created", data(change), null)));
                continue;
            }
            ObjectNode previous = PreviousAttributes.of(change.previous(), change.current());
            if (previous.isEmpty()) {
                continue;
            }
            events.add(DataEvent.split(resource + ".updated",
                    () -> body(json, source, resource + ".updated", data(change), previous)));
            if (sub != null
                    && grew(change.previous().get(sub.array()), change.current().get(sub.array()), sub.idField())) {
                JsonNode before = change.previous().get(sub.array());
                ObjectNode subPrevious = json.createObjectNode();
                subPrevious.set(sub.array(), before == null || before.isNull() ? json.createArrayNode() : before);
                events.add(DataEvent.split(sub.eventType(),
                        () -> body(json, source, sub.eventType(), data(change), subPrevious)));
            }
        }
        return events;
    }

    static DataEvent historicalSyncCompleted(ObjectMapper json, Source source, WmsFunction function, Instant oldest,
            Instant newest, Instant fallback) {
        return new DataEvent(HISTORICAL_SYNC_COMPLETED, () -> {
            ObjectNode data = json.createObjectNode();
            data.put("resource", resource(function));
            data.put("oldest_data_date", iso(oldest == null ? fallback : oldest));
            data.put("newest_data_date", iso(newest == null ? fallback : newest));
            return write(json, connectionEvent(json, source, HISTORICAL_SYNC_COMPLETED, data));
        });
    }

    /**
     * A forced run ({@code POST /connections/sync}) ended: one per function, like the historical sync's event, in the
     * contract's connection-event envelope. {@code data} is the run as the run log shows it ({@code SyncRun}), plus
     * {@code resource}: {@code status} is {@code succeeded} or {@code failed} (a failed forced run is retried on the
     * schedule; its retry sends nothing).
     */
    static DataEvent forceSyncCompleted(ObjectMapper json, Source source, SyncRepository.Run run) {
        return new DataEvent(FORCE_SYNC_COMPLETED, () -> {
            ObjectNode data = json.createObjectNode();
            data.put("resource", resource(run.function()));
            data.setAll((ObjectNode) json.valueToTree(SyncDtos.SyncRunView.of(run)));
            return write(json, connectionEvent(json, source, FORCE_SYNC_COMPLETED, data));
        });
    }

    /**
     * An on-demand back-fill ended, completed or failed (a cancelled one sends nothing: its caller cancelled it).
     * {@code data} is the job as {@code GET /connections/on-demand-syncs/{id}} answers it.
     */
    static DataEvent syncJobCompleted(ObjectMapper json, Source source, SyncRepository.Job job) {
        return new DataEvent(SYNC_JOB_COMPLETED, () -> write(json, connectionEvent(json, source, SYNC_JOB_COMPLETED,
                json.valueToTree(SyncDtos.OnDemandSyncView.of(job)))));
    }

    /** Trackstar's envelope of connection-level events ({@code GeneralConnections*WebhookSchema}). */
    private static ObjectNode connectionEvent(ObjectMapper json, Source source, String eventType, JsonNode data) {
        ObjectNode body = json.createObjectNode();
        body.put("connection_id", source.connectionId());
        body.put("integration_name", source.integrationName());
        body.put("integration_type", "general");
        body.put("event_type", eventType);
        body.set("data", data);
        return body;
    }

    /**
     * The resource a function syncs, as the historical-sync event names it: {@code orders}, {@code inventory_ledger}.
     */
    static String resource(WmsFunction function) {
        return function.value().substring("get_".length());
    }

    /** True when {@code after} holds an element (by {@code idField}, else by position) that {@code before} lacks. */
    static boolean grew(JsonNode before, JsonNode after, String idField) {
        if (after == null || !after.isArray() || after.isEmpty()) {
            return false;
        }
        if (before == null || !before.isArray()) {
            return true;
        }
        Set<String> known = new HashSet<>();
        for (JsonNode element : before) {
            JsonNode id = element.get(idField);
            if (id != null && !id.isNull()) {
                known.add(id.asText());
            }
        }
        for (JsonNode element : after) {
            JsonNode id = element.get(idField);
            if (id == null || id.isNull()) {
                return after.size() > before.size();
            }
            if (!known.contains(id.asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode data(Change change) {
        ObjectNode data = change.current().deepCopy();
        data.put("trackstar_created_date", iso(change.trackstarCreatedDate()));
        data.put("trackstar_updated_date", iso(change.trackstarUpdatedDate()));
        return data;
    }

    /** The record event's body, in parts when it is over the webhook limit ({@link WebhookParts}). */
    private static List<byte[]> body(ObjectMapper json, Source source, String eventType, ObjectNode data,
            ObjectNode previousAttributes) {
        ObjectNode body = json.createObjectNode();
        body.put("connection_id", source.connectionId());
        body.put("integration_name", source.integrationName());
        body.put("integration_type", source.integrationType());
        body.put("event_type", eventType);
        body.set("data", data);
        if (previousAttributes != null) {
            body.set("previous_attributes", previousAttributes);
        }
        return WebhookParts.fit(json, body, DataEvents.MAX_BODY_BYTES);
    }

    private static byte[] write(ObjectMapper json, ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
