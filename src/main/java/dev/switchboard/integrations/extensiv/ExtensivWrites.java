package dev.switchboard.integrations.extensiv;

import static dev.switchboard.integrations.Mapping.copy;
import static dev.switchboard.integrations.Mapping.object;
import static dev.switchboard.integrations.Mapping.text;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.error.ValidationProblem;
import dev.switchboard.integrations.Mapping;

/**
 * Trackstar's write bodies (Extensiv's variants in {@code catalog/write-schemas.json}) as Extensiv's order, item and
 * receiver models (camelCase, the HAL dialect the adapter reads). Each mapping is the inverse of the read mapping in
 * {@link ExtensivAdapter}, so a written record reads back as the body said: {@code reference_id} is
 * {@code referenceNum}, {@code order_number} is {@code poNum}, a shipping method id {@code UPS:03} is carrier and
 * mode. A field of the variant that Extensiv's documented models have no place for is a 422 naming it, rather than
 * dropped silently (docs/integrations/extensiv-3pl-central.md).
 */
final class ExtensivWrites {

    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,12}");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ExtensivWrites() {
    }

    /** A new order of the connection's customer ({@code POST /orders}). */
    static ObjectNode newOrder(JsonNode body, String customer) {
        ObjectNode o = object();
        o.putObject("customerIdentifier").put("id", Long.parseLong(customer));
        String orderNumber = text(body, "order_number");
        o.put("referenceNum", text(body, "reference_id") != null ? text(body, "reference_id") : orderNumber);
        applyOrder(o, body);
        if (!o.has("poNum")) {
            o.put("poNum", orderNumber);
        }
        ArrayNode items = o.putArray("orderItems");
        JsonNode lines = body.path("line_items");
        for (int i = 0; i < lines.size(); i++) {
            items.add(orderItem(lines.get(i), i));
        }
        return o;
    }

    /**
     * The fields of an order a write may set, on a new order or on the order as Extensiv answered its GET (the
     * documented update is that whole model, changed, sent back). Line items are not among them for an update: they
     * change through {@code /orders/{id}/items/{itemId}} in Extensiv, which the adapter does not call.
     */
    static void applyOrder(ObjectNode o, JsonNode body) {
        if (text(body, "reference_id") != null) {
            o.put("referenceNum", text(body, "reference_id"));
        }
        if (text(body, "purchase_order_number") != null) {
            o.put("poNum", text(body, "purchase_order_number"));
        } else if (text(body, "order_number") != null) {
            o.put("poNum", text(body, "order_number"));
        }
        if (text(body, "warehouse_id") != null) {
            o.putObject("facilityIdentifier").put("id", numericId(text(body, "warehouse_id"), "warehouse_id"));
        }
        if (body.has("ship_to_address")) {
            o.set("shipTo", contact(o.path("shipTo"), body.get("ship_to_address")));
        }
        if (body.has("bill_to_address")) {
            o.set("soldTo", contact(o.path("soldTo"), body.get("bill_to_address")));
        }
        if (text(body, "billing_code") != null) {
            String code = text(body, "billing_code");
            o.put("billingCode", code.substring(code.indexOf('_') + 1));
        }
        routing(o, body);
        if (text(body, "notes") != null) {
            o.put("notes", text(body, "notes"));
        }
        if (text(body, "earliest_ship_date") != null) {
            o.put("earliestShipDate", local(text(body, "earliest_ship_date"), "earliest_ship_date"));
        }
        if (text(body, "ship_cancel_date") != null) {
            o.put("shipCancelDate", local(text(body, "ship_cancel_date"), "ship_cancel_date"));
        }
        String channel = text(body, "channel");
        JsonNode channelObject = body.get("channel_object");
        if (channel == null && channelObject != null) {
            channel = text(channelObject, "channel_name") != null
                    ? text(channelObject, "channel_name")
                    : text(channelObject, "channel_id");
        }
        if (channel != null) {
            savedElement(o, "Channel", channel);
        }
        for (JsonNode field : body.path("custom_fields")) {
            savedElement(o, text(field, "name"), text(field, "value"));
        }
    }

    /** The carrier and service: {@code carrier}/{@code carrier_id}, and a method as {@code <carrier>:<mode>}. */
    private static void routing(ObjectNode o, JsonNode body) {
        String carrier = text(body, "carrier_id") != null ? text(body, "carrier_id") : text(body, "carrier");
        String method = text(body, "shipping_method_id") != null
                ? text(body, "shipping_method_id")
                : text(body, "shipping_method");
        if (method != null && method.contains(":")) {
            if (carrier == null) {
                carrier = method.substring(0, method.indexOf(':'));
            }
            method = method.substring(method.indexOf(':') + 1);
        }
        if (carrier == null && method == null) {
            return;
        }
        ObjectNode routing = o.path("routingInfo").isObject()
                ? (ObjectNode) o.get("routingInfo")
                : o.putObject("routingInfo");
        if (carrier != null) {
            routing.put("carrier", carrier);
        }
        if (method != null) {
            routing.put("mode", method);
        }
    }

    private static ObjectNode orderItem(JsonNode line, int index) {
        ObjectNode item = object();
        ObjectNode identifier = item.putObject("itemIdentifier");
        String sku = text(line, "sku");
        String product = text(line, "product_id");
        if (sku != null) {
            identifier.put("sku", sku);
        }
        if (product != null && NUMERIC_ID.matcher(product).matches()) {
            identifier.put("id", Long.parseLong(product));
        } else if (sku == null) {
            throw ValidationProblem.of(ValidationProblem.JSON, "line_items." + index + ".sku",
                    "Extensiv names an item by its SKU or its numeric item id.");
        }
        item.put("qty", line.path("quantity").asInt());
        if (line.has("unit_price")) {
            item.set("fulfillInvSalePrice", line.get("unit_price"));
        }
        for (JsonNode field : line.path("custom_fields")) {
            ArrayNode saved = item.has("savedElements")
                    ? (ArrayNode) item.get("savedElements")
                    : item.putArray("savedElements");
            saved.addObject().put("name", text(field, "name")).put("value", text(field, "value"));
        }
        return item;
    }

    /**
     * One change of an order's line item: the item as Extensiv holds it ({@code readOnly.orderItemId}), and its new
     * model for {@code PUT /orders/{id}/items/{orderItemId}}, or null for its {@code DELETE}.
     */
    record ItemChange(String orderItemId, ObjectNode changed) {
    }

    /**
     * An update's {@code line_items} as changes of the order's items: the body is the order's whole new list, so a
     * line matching an item (by SKU, or by its numeric item id as {@code product_id}) changes its quantity, price and
     * saved elements, and an item no line names is removed. Extensiv documents no endpoint that adds an item to an
     * existing order, so a line matching none is a 422, and an unchanged item is not sent. All is checked before any
     * call.
     */
    static List<ItemChange> itemChanges(List<JsonNode> items, JsonNode lines) {
        ValidationProblem problem = new ValidationProblem();
        java.util.Map<String, ObjectNode> changed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String sku = text(line, "sku");
            String product = text(line, "product_id");
            JsonNode match = null;
            for (JsonNode item : items) {
                boolean same = sku != null
                        ? sku.equals(Mapping.at(item, "itemIdentifier/sku"))
                        : product != null && product.equals(Mapping.at(item, "itemIdentifier/id"));
                if (same && match == null) {
                    match = item;
                }
            }
            String id = match == null ? null : Mapping.at(match, "readOnly/orderItemId");
            if (sku == null && product == null) {
                problem.add(ValidationProblem.JSON, "line_items." + i + ".sku",
                        "Extensiv names an order's item by its SKU or its numeric item id.");
            } else if (id == null) {
                problem.add(ValidationProblem.JSON, "line_items." + i, "This order has no such item, and Extensiv "
                        + "documents no endpoint that adds one to an existing order.");
            } else if (changed.containsKey(id)) {
                problem.add(ValidationProblem.JSON, "line_items." + i, "Another line already changes this item.");
            } else {
                ObjectNode item = ((ObjectNode) match).deepCopy();
                item.remove("_links");
                item.put("qty", line.path("quantity").asInt());
                if (line.has("unit_price")) {
                    item.set("fulfillInvSalePrice", line.get("unit_price"));
                }
                for (JsonNode field : line.path("custom_fields")) {
                    savedElement(item, text(field, "name"), text(field, "value"));
                }
                changed.put(id, item);
            }
        }
        problem.throwIfAny();
        List<ItemChange> changes = new java.util.ArrayList<>();
        for (JsonNode item : items) {
            String id = Mapping.at(item, "readOnly/orderItemId");
            ObjectNode next = changed.get(id);
            ObjectNode before = ((ObjectNode) item).deepCopy();
            before.remove("_links");
            if (next == null) {
                changes.add(new ItemChange(id, null));
            } else if (!unchanged(before, next)) {
                changes.add(new ItemChange(id, next));
            }
        }
        return changes;
    }

    /** Extensiv answers numbers as decimals ({@code 2.0}); a line's {@code 2} is the same quantity or price. */
    private static boolean unchanged(ObjectNode before, ObjectNode next) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = next.deepCopy();
        for (String field : List.of("qty", "fulfillInvSalePrice")) {
            JsonNode x = a.remove(field);
            JsonNode y = b.remove(field);
            boolean same = x == null || y == null
                    ? x == y
                    : x.isNumber() && y.isNumber() && x.decimalValue().compareTo(y.decimalValue()) == 0;
            if (!same) {
                return false;
            }
        }
        return a.equals(b);
    }

    /** A Trackstar address over Extensiv's contact (shipTo, soldTo): given fields replace, the others stay. */
    private static ObjectNode contact(JsonNode current, JsonNode address) {
        ObjectNode c = current.isObject() ? ((ObjectNode) current).deepCopy() : object();
        copy(address, "full_name", c, "name");
        copy(address, "company", c, "companyName");
        copy(address, "address1", c, "address1");
        copy(address, "address2", c, "address2");
        copy(address, "city", c, "city");
        copy(address, "state", c, "state");
        copy(address, "postal_code", c, "zip");
        copy(address, "country", c, "country");
        copy(address, "phone_number", c, "phoneNumber");
        copy(address, "email_address", c, "emailAddress");
        return c;
    }

    private static void savedElement(ObjectNode o, String name, String value) {
        ArrayNode saved = o.path("savedElements").isArray()
                ? (ArrayNode) o.get("savedElements")
                : o.putArray("savedElements");
        for (JsonNode element : saved) {
            if (name.equalsIgnoreCase(text(element, "name"))) {
                ((ObjectNode) element).put("value", value);
                return;
            }
        }
        saved.addObject().put("name", name).put("value", value);
    }

    /** A new item of the customer ({@code POST /customers/{id}/items}). */
    static ObjectNode newItem(JsonNode body) {
        ObjectNode item = object();
        item.put("sku", text(body, "sku"));
        applyItem(item, body);
        return item;
    }

    /** The item fields a write may set: the name is Extensiv's description, the GTIN its UPC. */
    static void applyItem(ObjectNode item, JsonNode body) {
        copy(body, "name", item, "description");
        copy(body, "gtin", item, "upc");
    }

    /** A new receiver (inbound shipment) of the customer ({@code POST /inventory/receivers}). */
    static ObjectNode newReceiver(JsonNode body, String customer) {
        ObjectNode r = object();
        r.putObject("customerIdentifier").put("id", Long.parseLong(customer));
        r.putObject("facilityIdentifier").put("id", numericId(text(body, "warehouse_id"), "warehouse_id"));
        r.put("referenceNum", text(body, "reference_number"));
        copy(body, "purchase_order_number", r, "poNum");
        if (text(body, "expected_arrival_date") != null) {
            r.put("expectedDate", local(text(body, "expected_arrival_date"), "expected_arrival_date"));
        }
        copy(body, "tracking_number", r, "trackingNumber");
        ArrayNode items = r.putArray("receiveItems");
        JsonNode lines = body.path("line_items");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            // No external_id: Extensiv assigns its receive item ids itself, so the write schema leaves it out.
            ObjectNode item = items.addObject();
            item.putObject("itemIdentifier").put("sku", text(line, "sku"));
            item.put("qty", line.path("expected_quantity").asInt());
        }
        return r;
    }

    /** Extensiv's ids (facilities, customers, items) are integers. */
    static long numericId(String value, String field) {
        if (value == null || !NUMERIC_ID.matcher(value).matches()) {
            throw ValidationProblem.of(ValidationProblem.JSON, field, "Not an Extensiv id (a number).");
        }
        return Long.parseLong(value);
    }

    /**
     * Extensiv's dates carry no offset (warehouse or server time, unverified which); the read mapping takes them as
     * UTC, so a write sends the instant in UTC without its offset, and it reads back unchanged.
     */
    static String local(String value, String field) {
        try {
            return LOCAL.format(LocalDateTime.ofInstant(OffsetDateTime.parse(value).toInstant(), ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw ValidationProblem.of(ValidationProblem.JSON, field, "Not a date-time with an offset.");
        }
    }
}
