package dev.switchboard.sandbox.wms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.common.Base62;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.Write;

/**
 * The sandbox's writes: what the simulated WMS does with each write of the unified API. A write starts from the
 * record as the system shows it (a written one, else the world's) or, for a create, from a record of the same kind
 * in the world (its shape, never its values where the body gives them), applies the body, stamps
 * {@code updated_date}, and is kept in {@code sandbox_record}: from then on the simulated system serves the written
 * record, to reads and syncs alike ({@link SandboxAdapter}). Refusals are the system's: 404 for an id it lacks, 409
 * for an order that can no longer be cancelled or a receipt beyond what was expected, 400 for a warehouse an item is
 * not stocked in.
 */
final class SandboxWrites {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxWrites() {
    }

    /** The record after the write, and whether the write created it. */
    record Outcome(ObjectNode record, boolean created) {
    }

    static Outcome apply(SandboxWms wms, Write.Request request, long now, EventIndex events,
            Map<String, SimulationStore.Written> written) {
        WmsFunction function = Write.functionOf(request.action());
        ObjectNode body = request.body();
        String at = Instant.ofEpochSecond(now).toString();
        return switch (request.action()) {
            case CREATE_ORDER, CREATE_PRODUCT, CREATE_KIT, CREATE_INBOUND_SHIPMENT, CREATE_RETURN -> {
                ObjectNode record = template(wms, function, now, events);
                record.put("id", newId(function, request.action() == dev.switchboard.catalog.Action.CREATE_KIT));
                record.put("created_date", at);
                record.put("updated_date", at);
                created(record, request.action());
                merge(record, body);
                if (record.has("external_system_url")) {
                    String url = record.get("external_system_url").asText();
                    record.put("external_system_url", url.substring(0, url.lastIndexOf('/') + 1)
                            + record.get("id").asText());
                }
                yield new Outcome(record, true);
            }
            default -> {
                ObjectNode record = current(wms, function, request.recordId(), now, events, written);
                change(record, request.action(), body, at,
                        request.action() == dev.switchboard.catalog.Action.CREATE_ORDER_SHIPMENT
                                ? shipmentShape(wms, now, events)
                                : null);
                record.put("updated_date", at);
                boolean created = written.containsKey(request.recordId()) && written.get(request.recordId()).created();
                yield new Outcome(record, created);
            }
        };
    }

    private static void created(ObjectNode record, dev.switchboard.catalog.Action action) {
        switch (action) {
            case CREATE_ORDER -> {
                record.put("status", "open");
                record.put("raw_status", "Processing");
                record.putArray("shipments");
                record.putArray("tags");
                record.putNull("required_ship_date");
            }
            case CREATE_INBOUND_SHIPMENT -> {
                record.put("status", "open");
                record.put("raw_status", "OPEN");
                record.putArray("receipts");
                record.putArray("notes");
                record.putArray("tracking_numbers");
            }
            case CREATE_RETURN -> {
                record.put("status", "open");
                record.put("raw_status", "open");
            }
            case CREATE_PRODUCT -> record.put("is_kit", false);
            case CREATE_KIT -> record.put("is_kit", true);
            default -> {
            }
        }
    }

    /**
     * A shipment of the whole order: shaped like the world's shipments ({@code shape}), with the order's lines and
     * address, the body's date, warehouse, method and tracking, and one package per body package (or one).
     */
    private static ObjectNode shipment(ObjectNode order, ObjectNode body, ObjectNode shape, String at) {
        ObjectNode shipment = emptied(shape);
        shipment.put("shipment_id", "shp_w" + Base62.random(12));
        shipment.put("status", "shipped");
        shipment.put("raw_status", "shipped");
        shipment.put("shipped_date", body.path("shipped_date").asText(at));
        shipment.put("warehouse_id", body.path("warehouse_id").asText(order.path("warehouse_id").asText()));
        shipment.put("shipping_method", body.path("shipping_method").asText(order.path("shipping_method").asText()));
        shipment.set("ship_to_address", order.path("ship_to_address").deepCopy());
        shipment.set("ship_from_address", shape.path("ship_from_address").deepCopy());
        ArrayNode lines = shipment.putArray("line_items");
        for (JsonNode orderLine : order.withArray("line_items")) {
            ObjectNode line = lines.addObject();
            line.put("inventory_item_id", "");
            line.put("sku", orderLine.path("sku").asText());
            line.put("quantity", orderLine.path("quantity").asLong());
            line.putNull("parent_product_id");
        }
        ArrayNode packages = shipment.putArray("packages");
        JsonNode packageShape = shape.path("packages").path(0);
        List<JsonNode> given = new ArrayList<>();
        body.withArray("packages").forEach(given::add);
        if (given.isEmpty()) {
            given.add(JSON.createObjectNode());
        }
        for (int i = 0; i < given.size(); i++) {
            ObjectNode pkg = packageShape.isObject() ? emptied((ObjectNode) packageShape) : JSON.createObjectNode();
            pkg.put("package_id", given.get(i).path("package_id").asText("pkg_w" + Base62.random(12)));
            pkg.put("tracking_number", given.get(i).path("tracking_number")
                    .asText(body.path("tracking_number").asText("")));
            for (String field : new String[]{ "tracking_url", "shipping_method", "shipping_method_id", "carrier_id",
                    "carrier" }) {
                if (body.has(field) && pkg.has(field)) {
                    pkg.put(field, body.get(field).asText());
                }
            }
            if (body.has("shipping_cost") && pkg.has("shipping_cost")) {
                pkg.set("shipping_cost", body.get("shipping_cost"));
            }
            if (body.has("measurements") && pkg.has("measurements")) {
                pkg.set("measurements", body.get("measurements"));
            }
            pkg.set("line_items", lines.deepCopy());
            for (JsonNode line : pkg.withArray("line_items")) {
                ((ObjectNode) line).putNull("lot_id");
                ((ObjectNode) line).putNull("expiration_date");
            }
            packages.add(pkg);
        }
        return shipment;
    }

    private static void change(ObjectNode record, dev.switchboard.catalog.Action action, ObjectNode body, String at,
            ObjectNode shipmentShape) {
        switch (action) {
            case CANCEL_ORDER -> {
                String status = record.path("status").asText();
                if (status.equals("fulfilled") || status.equals("cancelled")) {
                    throw refused(409, "Order " + record.path("id").asText() + " is " + status
                            + " and cannot be cancelled.");
                }
                record.put("status", "cancelled");
                record.put("raw_status", "Cancelled");
            }
            case CREATE_ORDER_SHIPMENT -> {
                String status = record.path("status").asText();
                if (status.equals("cancelled") || status.equals("fulfilled")) {
                    throw refused(409, "Order " + record.path("id").asText() + " is " + status
                            + " and cannot ship again.");
                }
                record.withArray("shipments").add(shipment(record, body, shipmentShape, at));
                record.put("status", "fulfilled");
                record.put("raw_status", "Completed");
            }
            case RECEIVE_INBOUND_SHIPMENT -> {
                String status = record.path("status").asText();
                if (status.equals("cancelled") || status.equals("received")) {
                    throw refused(409, "Inbound shipment " + record.path("id").asText() + " is " + status + ".");
                }
                ArrayNode receiptLines = JSON.createArrayNode();
                for (JsonNode received : body.withArray("line_items")) {
                    ObjectNode line = find(record.withArray("line_items"), "sku", received.path("sku").asText())
                            .orElseThrow(() -> refused(400, "SKU " + received.path("sku").asText()
                                    + " is not on this inbound shipment."));
                    line.put("received_quantity", line.path("received_quantity").asLong()
                            + received.path("quantity").asLong());
                    ObjectNode receiptLine = receiptLines.addObject();
                    receiptLine.put("inventory_item_id", line.path("inventory_item_id").asText());
                    receiptLine.put("sku", line.path("sku").asText());
                    receiptLine.put("quantity", received.path("quantity").asLong());
                }
                ObjectNode receipt = record.withArray("receipts").addObject();
                receipt.put("id", "rcp_w" + Base62.random(12));
                receipt.put("arrived_date", at);
                receipt.set("line_items", receiptLines);
                boolean all = true;
                for (JsonNode line : record.withArray("line_items")) {
                    all &= line.path("received_quantity").asLong() >= line.path("expected_quantity").asLong();
                }
                record.put("status", all ? "received" : "receiving");
                record.put("raw_status", all ? "RECEIVED" : "RECEIVING");
            }
            case ADJUST_INVENTORY -> {
                long quantity = body.path("quantity").asLong();
                long delta = "decrease".equals(body.path("adjustment_type").asText()) ? -quantity : quantity;
                String warehouseId = body.path("warehouse_id").asText();
                JsonNode byWarehouse = record.path("inventory_by_warehouse_id");
                if (!(byWarehouse.get(warehouseId) instanceof ObjectNode entry)) {
                    throw refused(400, "Inventory item " + record.path("id").asText() + " is not stocked in warehouse "
                            + warehouseId + ".");
                }
                if (entry.path("onhand").asLong() + delta < 0 || entry.path("fulfillable").asLong() + delta < 0) {
                    throw refused(409, "Cannot decrease below zero: warehouse " + warehouseId + " has "
                            + entry.path("fulfillable").asLong() + " fulfillable units.");
                }
                for (String field : new String[]{ "onhand", "fulfillable", "sellable" }) {
                    entry.put(field, entry.path(field).asLong() + delta);
                    record.put(field, record.path(field).asLong() + delta);
                }
            }
            default -> merge(record, body);
        }
    }

    /** The record as the system shows it now: the written one, else the world's; 404 when it has none. */
    private static ObjectNode current(SandboxWms wms, WmsFunction function, String id, long now, EventIndex events,
            Map<String, SimulationStore.Written> written) {
        SimulationStore.Written w = written.get(id);
        if (w != null) {
            return parse(w.document());
        }
        return wms.one(function, id, now, events).map(ObjectNode::deepCopy)
                .orElseThrow(() -> refused(404, "No such record " + id + "."));
    }

    /** A shipment of the world's, as the shape of new ones. */
    private static ObjectNode shipmentShape(SandboxWms wms, long now, EventIndex events) {
        String cursor = null;
        for (int pages = 0; pages < 20; pages++) {
            var page = wms.page(WmsFunction.GET_ORDERS, new SyncWindow(null, null), cursor, now, events);
            for (ObjectNode order : page.records()) {
                if (order.path("shipments").path(0).isObject()) {
                    return (ObjectNode) order.path("shipments").path(0);
                }
            }
            if (page.isLast()) {
                break;
            }
            cursor = page.nextCursor();
        }
        throw refused(409, "The sandbox has shipped nothing yet to model a shipment on.");
    }

    private static ObjectNode template(SandboxWms wms, WmsFunction function, long now, EventIndex events) {
        var page = wms.page(function, new SyncWindow(null, null), null, now, events);
        if (page.records().isEmpty()) {
            throw refused(409, "The sandbox has nothing to model a new record on yet.");
        }
        return page.records().get(0).deepCopy();
    }

    /**
     * Lays the body over the record: a field the record has takes the body's value; an object merges key by key; an
     * array of objects becomes one element per body element, each shaped like the record's first element (keys the
     * body does not give are emptied: "", 0, or null for a date). Body fields the read schema does not have are dropped
     * (the write
     * schema and the read schema differ, as Trackstar's do).
     */
    static void merge(ObjectNode record, ObjectNode body) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = record.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing == null) {
                continue;
            }
            if (value.isObject() && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) value);
            } else if (value.isArray() && existing.isArray()) {
                ArrayNode out = JSON.createArrayNode();
                JsonNode shape = existing.isEmpty() ? null : existing.get(0);
                for (JsonNode element : value) {
                    if (element.isObject() && shape != null && shape.isObject()) {
                        ObjectNode copy = emptied((ObjectNode) shape);
                        merge(copy, (ObjectNode) element);
                        out.add(copy);
                    } else if (!element.isObject()) {
                        out.add(element);
                    }
                }
                record.set(field.getKey(), out);
            } else if (value.isValueNode() && (existing.isValueNode() || existing.isNull())) {
                record.set(field.getKey(), value);
            }
        }
    }

    private static ObjectNode emptied(ObjectNode shape) {
        ObjectNode copy = shape.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (v.isTextual() && isDate(v.asText())) {
                field.setValue(JSON.getNodeFactory().nullNode());
            } else if (v.isTextual()) {
                field.setValue(JSON.getNodeFactory().textNode(""));
            } else if (v.isIntegralNumber()) {
                field.setValue(JSON.getNodeFactory().numberNode(0));
            } else if (v.isNumber()) {
                field.setValue(JSON.getNodeFactory().numberNode(0.0));
            } else if (v.isArray()) {
                field.setValue(JSON.createArrayNode());
            }
        }
        return copy;
    }

    private static boolean isDate(String text) {
        try {
            java.time.OffsetDateTime.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static Optional<ObjectNode> find(ArrayNode array, String key, String value) {
        for (JsonNode element : array) {
            if (element.isObject() && value.equals(element.path(key).asText())) {
                return Optional.of((ObjectNode) element);
            }
        }
        return Optional.empty();
    }

    private static String newId(WmsFunction function, boolean kit) {
        String prefix = switch (function) {
            case GET_ORDERS -> "ord_w";
            case GET_PRODUCTS -> kit ? "kit_w" : "prd_w";
            case GET_INBOUND_SHIPMENTS -> "po_w";
            case GET_RETURNS -> "rma_w";
            default -> "rec_w";
        };
        return prefix + Base62.random(12);
    }

    static ObjectNode parse(String document) {
        try {
            return (ObjectNode) JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a written sandbox record is not JSON", e);
        }
    }

    static String text(ObjectNode record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AdapterException refused(int status, String message) {
        return new AdapterException(AdapterException.Kind.PERMANENT, message, null, null, status, null);
    }
}
