package dev.switchboard.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.event.DataEvents;
import dev.switchboard.event.DataEvents.DataEvent;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.store.RecordStore.Change;
import dev.switchboard.wms.store.RecordStore.ChangeKind;

/** A change whose webhook is over 256 KiB is sent in parts that each fit and validate, and lose nothing. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookPartsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SyncWebhooks.Source source = new SyncWebhooks.Source("conn_x", "test-scripted", "wms");

    private ObjectNode order(int lineItems, String status, int quantity) {
        ObjectNode o = json.createObjectNode();
        o.put("id", "o1");
        o.put("order_number", "SO-1");
        o.put("status", status);
        o.put("created_date", "2026-01-01T00:00:00Z");
        o.put("updated_date", "2026-01-02T00:00:00Z");
        ArrayNode items = o.putArray("line_items");
        for (int i = 0; i < lineItems; i++) {
            items.addObject().put("product_id", "p" + i).put("sku", "SKU-" + "x".repeat(60) + i)
                    .put("quantity", i == 7 ? quantity : 1).put("unit_price", 9.5).put("discount_amount", 0)
                    .put("is_picked", false);
        }
        o.putArray("shipments");
        return o;
    }

    private List<ObjectNode> bodies(DataEvent event) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        for (byte[] body : event.bodies()) {
            assertTrue(body.length <= DataEvents.MAX_BODY_BYTES, "a part of " + body.length + " bytes");
            out.add((ObjectNode) json.readTree(body));
        }
        return out;
    }

    @Test
    void a_small_change_is_one_body() throws IOException {
        ObjectNode before = order(3, "open", 1);
        ObjectNode after = order(3, "fulfilled", 1);
        List<DataEvent> events = SyncWebhooks.recordEvents(json, source, WmsFunction.GET_ORDERS,
                List.of(new Change(ChangeKind.UPDATED, "o1", before, after, Instant.EPOCH, Instant.EPOCH)));
        assertEquals(1, events.size());
        List<ObjectNode> bodies = bodies(events.get(0));
        assertEquals(1, bodies.size());
        assertEquals(after.get("line_items"), bodies.get(0).at("/data/line_items"));
    }

    @Test
    void an_update_over_256_kib_comes_in_parts_that_fit_validate_and_add_up_to_the_change() throws IOException {
        ObjectNode before = order(4000, "open", 1);
        ObjectNode after = order(4000, "fulfilled", 5);
        assertTrue(json.writeValueAsBytes(after).length > 2 * DataEvents.MAX_BODY_BYTES);
        List<DataEvent> events = SyncWebhooks.recordEvents(json, source, WmsFunction.GET_ORDERS,
                List.of(new Change(ChangeKind.UPDATED, "o1", before, after, Instant.EPOCH, Instant.EPOCH)));
        assertEquals(1, events.size());
        List<ObjectNode> parts = bodies(events.get(0));
        assertTrue(parts.size() >= 3, "parts: " + parts.size());

        ArrayNode lineItems = json.createArrayNode();
        ObjectNode previous = json.createObjectNode();
        ObjectNode fields = json.createObjectNode();
        for (ObjectNode part : parts) {
            ValidationReport report = WebhookSchemas.validate("WmsOrdersUpdatedWebhookSchema", part.toString());
            assertFalse(report.hasErrors(), report.getMessages().toString());
            assertEquals("order.updated", part.get("event_type").asText());
            assertEquals("conn_x", part.get("connection_id").asText());
            assertEquals("o1", part.at("/data/id").asText(), "every part names the record");
            assertEquals("1970-01-01T00:00:00Z", part.at("/data/trackstar_updated_date").asText());
            part.get("data").fields().forEachRemaining(e -> {
                if (e.getKey().equals("line_items")) {
                    lineItems.addAll((ArrayNode) e.getValue());
                } else {
                    fields.set(e.getKey(), e.getValue());
                }
            });
            previous.setAll((ObjectNode) part.get("previous_attributes"));
        }
        assertEquals(after.get("line_items"), lineItems, "the line items, in order, across the parts");
        for (String f : List.of("order_number", "status", "created_date", "updated_date", "shipments")) {
            assertEquals(after.get(f), fields.get(f), f);
        }
        assertEquals(PreviousAttributes.of(before, after), previous, "previous_attributes, across the parts");
        assertEquals("open", previous.get("status").asText());
        assertEquals(1, previous.get("line_items.7.quantity").asInt());
    }

    @Test
    void a_created_record_over_256_kib_comes_in_parts_too() throws IOException {
        ObjectNode after = order(4000, "open", 1);
        List<DataEvent> events = SyncWebhooks.recordEvents(json, source, WmsFunction.GET_ORDERS,
                List.of(new Change(ChangeKind.CREATED, "o1", null, after, Instant.EPOCH, Instant.EPOCH)));
        List<ObjectNode> parts = bodies(events.get(0));
        assertTrue(parts.size() >= 3);
        int items = 0;
        for (ObjectNode part : parts) {
            ValidationReport report = WebhookSchemas.validate("WmsOrdersCreatedWebhookSchema", part.toString());
            assertFalse(report.hasErrors(), report.getMessages().toString());
            assertFalse(part.has("previous_attributes"));
            JsonNode chunk = part.at("/data/line_items");
            items += chunk.isMissingNode() ? 0 : chunk.size();
        }
        assertEquals(4000, items);
    }
}
