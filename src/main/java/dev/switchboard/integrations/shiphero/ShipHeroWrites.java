package dev.switchboard.integrations.shiphero;

import static dev.switchboard.integrations.Mapping.copy;
import static dev.switchboard.integrations.Mapping.each;
import static dev.switchboard.integrations.Mapping.node;
import static dev.switchboard.integrations.Mapping.object;
import static dev.switchboard.integrations.Mapping.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.error.ValidationProblem;

/**
 * Trackstar's write bodies (ShipHero's variants in {@code catalog/write-schemas.json}) as the inputs of ShipHero's
 * GraphQL mutations ({@code CreateOrderInput}, {@code CreateProductInput}, {@code CreatePurchaseOrderInput},
 * {@code CreateReturnInput} and their update siblings in {@code shiphero-schema-2023-02.graphql}). Each mapping is the
 * inverse of the read mapping in {@link ShipHeroAdapter}, so a written record reads back as the body said: a full
 * name is split into first and last name and joined again, a two-letter state or country goes into
 * {@code state_code}/{@code country_code}, measurements go in inches and ounces (ShipHero's default units). ShipHero's
 * money and dimension fields are Strings, sent with two decimals. A field ShipHero's inputs have no place for is a 422
 * naming it, rather than dropped silently (docs/integrations/shiphero.md).
 */
final class ShipHeroWrites {

    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Pattern TWO_LETTERS = Pattern.compile("[A-Za-z]{2}");
    private static final BigDecimal CM_PER_IN = new BigDecimal("2.54");
    private static final Map<String, BigDecimal> OUNCES = Map.of("oz", BigDecimal.ONE, "lb", new BigDecimal("16"),
            "kg", new BigDecimal("35.27396195"));
    private static final Map<String, BigDecimal> POUNDS = Map.of("lb", BigDecimal.ONE, "oz",
            new BigDecimal("0.0625"), "kg", new BigDecimal("2.20462262"));

    private ShipHeroWrites() {
    }

    // --- Orders -------------------------------------------------------------------------------------------------

    /** {@code CreateOrderInput}: the order, its ship-to address, shipping line and line items. */
    static ObjectNode newOrder(JsonNode body) {
        ObjectNode o = object();
        String orderNumber = text(body, "order_number");
        o.put("order_number", orderNumber);
        String reference = text(body, "reference_id") != null ? text(body, "reference_id") : orderNumber;
        o.put("partner_order_id", reference);
        account(o, body);
        o.set("shipping_address", address(body.get("ship_to_address")));
        copy(body, "packing_note", o, "packing_note");
        tags(o, body);
        ObjectNode shipping = shippingLines(body);
        if (shipping != null) {
            o.set("shipping_lines", shipping);
        }
        ArrayNode lines = o.putArray("line_items");
        JsonNode items = body.path("line_items");
        for (int i = 0; i < items.size(); i++) {
            lines.add(lineItem(items.get(i), reference + "-" + (i + 1)));
        }
        return o;
    }

    /**
     * {@code UpdateOrderInput} for the order's own fields (null when the body changes none of them). {@code status}
     * is {@code fulfilled} only (Trackstar's enum), which is ShipHero's {@code fulfillment_status} of that name.
     */
    static ObjectNode orderChanges(String orderId, JsonNode body) {
        // labels never reach here: ShipHero makes labels through its shipment mutations, which Switchboard does not
        // call, so the write schema leaves them out (build-config/gen-write-schemas.py) and they come back unused.
        ObjectNode o = object();
        copy(body, "order_number", o, "order_number");
        copy(body, "reference_id", o, "partner_order_id");
        copy(body, "packing_note", o, "packing_note");
        copy(body, "status", o, "fulfillment_status");
        if (body.has("ship_to_address")) {
            o.set("shipping_address", address(body.get("ship_to_address")));
        }
        tags(o, body);
        if (o.isEmpty()) {
            return null;
        }
        o.put("order_id", orderId);
        account(o, body);
        return o;
    }

    /**
     * The body's line items against the order as ShipHero has it: a SKU the order has is changed in place
     * ({@code UpdateLineItemInput}, by the line's id), a new SKU is added ({@code CreateLineItemInput}). Lines the body
     * does not name stay as they are. Returns {@code {"update": [...], "add": [...]}}.
     */
    static ObjectNode lineItemChanges(JsonNode body, JsonNode order) {
        Map<String, String> lineIds = new java.util.HashMap<>();
        for (JsonNode edge : each(node(order, "line_items"), "edges")) {
            JsonNode line = node(edge, "node");
            if (text(line, "sku") != null && text(line, "id") != null) {
                lineIds.putIfAbsent(text(line, "sku"), text(line, "id"));
            }
        }
        String base = text(order, "partner_order_id") != null
                ? text(order, "partner_order_id")
                : text(order, "order_number") != null ? text(order, "order_number") : text(order, "id");
        ObjectNode changes = object();
        ArrayNode update = changes.putArray("update");
        ArrayNode add = changes.putArray("add");
        Set<String> seen = new HashSet<>();
        JsonNode items = body.path("line_items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String sku = text(item, "sku");
            if (!seen.add(sku)) {
                throw ValidationProblem.of(ValidationProblem.JSON, "line_items." + i + ".sku", "The SKU is listed "
                        + "twice; ShipHero changes an order's line by its SKU.");
            }
            String lineId = lineIds.get(sku);
            if (lineId == null) {
                add.add(lineItem(item, base + "-" + sku));
            } else {
                ObjectNode line = update.addObject();
                line.put("id", lineId);
                line.put("quantity", item.path("quantity").asInt());
                line.put("price", money(item.get("unit_price")));
                copy(item, "warehouse_id", line, "warehouse_id");
            }
        }
        return changes;
    }

    private static ObjectNode lineItem(JsonNode item, String partnerLineItemId) {
        ObjectNode line = object();
        line.put("sku", text(item, "sku"));
        line.put("partner_line_item_id", partnerLineItemId);
        line.put("quantity", item.path("quantity").asInt());
        line.put("price", money(item.get("unit_price")));
        copy(item, "warehouse_id", line, "warehouse_id");
        return line;
    }

    /**
     * {@code CreateShippingLinesInput}: the title is the method's name (the read mapping's {@code shipping_method}),
     * the method its id, the carrier as given; ShipHero requires a title and a price (0.00 when the body has none).
     */
    private static ObjectNode shippingLines(JsonNode body) {
        String name = first(body, "shipping_method", "shipping_method_name", "shipping_method_id");
        String method = first(body, "shipping_method_id", "shipping_method");
        String carrier = first(body, "carrier_id", "carrier");
        if (name == null && carrier == null && !body.has("shipping_price")) {
            return null;
        }
        ObjectNode s = object();
        s.put("title", name != null ? name : carrier != null ? carrier : "Shipping");
        s.put("price", body.has("shipping_price") ? money(body.get("shipping_price")) : "0.00");
        if (carrier != null) {
            s.put("carrier", carrier);
        }
        if (method != null) {
            s.put("method", method);
        }
        return s;
    }

    /** {@code CreateOrderAddressInput} from Trackstar's ship-to address. */
    private static ObjectNode address(JsonNode a) {
        ObjectNode r = object();
        String fullName = text(a, "full_name");
        if (fullName != null) {
            String trimmed = fullName.trim();
            int space = trimmed.lastIndexOf(' ');
            r.put("first_name", space < 0 ? trimmed : trimmed.substring(0, space).trim());
            if (space >= 0) {
                r.put("last_name", trimmed.substring(space + 1));
            }
        }
        copy(a, "company", r, "company");
        copy(a, "address1", r, "address1");
        copy(a, "address2", r, "address2");
        copy(a, "city", r, "city");
        String state = text(a, "state");
        if (state != null) {
            r.put(TWO_LETTERS.matcher(state).matches() ? "state_code" : "state", state);
        }
        copy(a, "postal_code", r, "zip");
        String country = text(a, "country");
        if (country != null) {
            r.put(TWO_LETTERS.matcher(country).matches() ? "country_code" : "country", country);
        }
        copy(a, "phone_number", r, "phone");
        copy(a, "email_address", r, "email");
        return r;
    }

    // --- Products and kits --------------------------------------------------------------------------------------

    /**
     * {@code CreateProductInput}: ShipHero requires the warehouses the product is stocked in; a body with a
     * {@code warehouse_id} adds the product there with nothing on hand, one without sends none (as for a kit).
     */
    static ObjectNode newProduct(JsonNode body, boolean kit) {
        ObjectNode p = object();
        p.put("name", text(body, "name"));
        p.put("sku", text(body, "sku"));
        copy(body, "gtin", p, "barcode");
        account(p, body);
        if (body.has("measurements")) {
            p.set("dimensions", dimensions(body.get("measurements"), "measurements"));
        }
        if (kit) {
            p.put("kit", true);
        }
        ArrayNode warehouses = p.putArray("warehouse_products");
        if (text(body, "warehouse_id") != null) {
            warehouses.addObject().put("warehouse_id", text(body, "warehouse_id")).put("on_hand", 0);
        }
        return p;
    }

    /** {@code UpdateProductInput}: ShipHero names the product by its SKU (read from the product first). */
    static ObjectNode productChanges(String sku, JsonNode body) {
        ObjectNode p = object();
        copy(body, "name", p, "name");
        copy(body, "gtin", p, "barcode");
        if (body.has("measurements")) {
            p.set("dimensions", dimensions(body.get("measurements"), "measurements"));
        }
        p.put("sku", sku);
        account(p, body);
        return p;
    }

    /** {@code BuildKitInput}: the kit's SKU and its components as SKUs and quantities. */
    static ObjectNode kit(JsonNode body) {
        ObjectNode k = object();
        k.put("sku", text(body, "sku"));
        copy(body, "warehouse_id", k, "warehouse_id");
        ArrayNode components = k.putArray("components");
        for (JsonNode item : body.path("inventory_items")) {
            components.addObject().put("sku", text(item, "sku")).put("quantity", item.path("unit_quantity").asInt());
        }
        return k;
    }

    // --- Purchase orders ----------------------------------------------------------------------------------------

    /**
     * {@code CreatePurchaseOrderInput}. ShipHero requires the subtotal and total, which are the line items' costs,
     * plus shipping and tax; the expected arrival date is {@code po_date} ("the expected date to arrive at the
     * warehouse" in ShipHero's schema). A supplier is ShipHero's vendor, by id only: a supplier name has no place in
     * the input, so the write schema takes {@code supplier_object.supplier_id} only and leaves {@code supplier} out
     * (build-config/gen-write-schemas.py).
     */
    static ObjectNode newPurchaseOrder(JsonNode body) {
        JsonNode supplier = body.get("supplier_object");
        String vendor = supplier == null ? null : text(supplier, "supplier_id");
        ObjectNode po = object();
        po.put("po_number", text(body, "purchase_order_number"));
        po.put("warehouse_id", text(body, "warehouse_id"));
        po.put("po_date", dateTime(text(body, "expected_arrival_date"), "expected_arrival_date"));
        account(po, body);
        if (vendor != null) {
            po.put("vendor_id", vendor);
        }
        copy(body, "tracking_number", po, "tracking_number");
        BigDecimal subtotal = BigDecimal.ZERO;
        ArrayNode lines = po.putArray("line_items");
        JsonNode items = body.path("line_items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int quantity = item.path("expected_quantity").asInt();
            BigDecimal cost = item.get("unit_cost").decimalValue();
            subtotal = subtotal.add(cost.multiply(BigDecimal.valueOf(quantity)));
            ObjectNode line = lines.addObject();
            line.put("sku", text(item, "sku"));
            line.put("quantity", quantity);
            line.put("price", money(item.get("unit_cost")));
            String unit = text(item, "expected_weight_unit") != null ? text(item, "expected_weight_unit") : "lb";
            line.put("expected_weight_in_lbs", scaled(item.get("expected_weight").decimalValue().multiply(
                    POUNDS.get(unit))));
            if (vendor != null) {
                line.put("vendor_id", vendor);
                copy(item, "external_id", line, "vendor_sku");
            }
        }
        BigDecimal shipping = body.get("shipping_price").decimalValue();
        BigDecimal tax = body.has("tax") ? body.get("tax").decimalValue() : BigDecimal.ZERO;
        po.put("subtotal", scaled(subtotal));
        po.put("shipping_price", scaled(shipping));
        if (body.has("tax")) {
            po.put("tax", scaled(tax));
        }
        po.put("total_price", scaled(subtotal.add(shipping).add(tax)));
        return po;
    }

    /** {@code UpdatePurchaseOrderInput} for the fields other than the status; null when the body has none. */
    static ObjectNode purchaseOrderChanges(String poId, JsonNode body) {
        ObjectNode po = object();
        if (text(body, "expected_arrival_date") != null) {
            po.put("po_date", dateTime(text(body, "expected_arrival_date"), "expected_arrival_date"));
        }
        if (body.has("shipping_price")) {
            po.put("shipping_price", money(body.get("shipping_price")));
        }
        copy(body, "tracking_number", po, "tracking_number");
        if (body.has("line_items")) {
            ArrayNode lines = po.putArray("line_items");
            for (JsonNode item : body.get("line_items")) {
                lines.addObject().put("sku", text(item, "sku")).put("quantity", item.path("expected_quantity")
                        .asInt());
            }
        }
        if (po.isEmpty()) {
            return null;
        }
        po.put("po_id", poId);
        account(po, body);
        return po;
    }

    // --- Returns ------------------------------------------------------------------------------------------------

    /**
     * {@code CreateReturnInput}. ShipHero requires the return's carrier ({@code shipping_carrier}), which Trackstar's
     * body makes optional: a body without {@code carrier} or {@code carrier_id} is a 422.
     */
    static ObjectNode newReturn(JsonNode body) {
        String carrier = first(body, "carrier_id", "carrier");
        if (carrier == null) {
            throw ValidationProblem.of(ValidationProblem.JSON, "carrier", "ShipHero requires the return's carrier: "
                    + "send carrier or carrier_id.");
        }
        ObjectNode r = object();
        r.put("order_id", text(body, "order_id"));
        r.put("warehouse_id", text(body, "warehouse_id"));
        r.put("return_reason", text(body, "return_reason"));
        r.put("label_type", text(body, "label_type"));
        r.put("label_cost", money(body.get("label_cost")));
        r.put("shipping_carrier", carrier);
        r.put("shipping_method", text(body, "shipping_method"));
        copy(body, "tracking_number", r, "tracking_number");
        JsonNode from = body.get("ship_from_address");
        ObjectNode address = r.putObject("address");
        copy(from, "full_name", address, "name");
        copy(from, "address1", address, "address1");
        copy(from, "city", address, "city");
        copy(from, "state", address, "state");
        copy(from, "postal_code", address, "zip");
        copy(from, "country", address, "country");
        r.set("dimensions", dimensions(body.get("measurements"), "measurements"));
        ArrayNode lines = r.putArray("line_items");
        for (JsonNode item : body.path("line_items")) {
            lines.addObject().put("sku", text(item, "sku")).put("quantity", item.path("quantity").asInt())
                    .put("return_reason", text(item, "return_reason"));
        }
        return r;
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    /** {@code DimensionsInput} in ShipHero's default units: inches and ounces. */
    static ObjectNode dimensions(JsonNode m, String field) {
        boolean cm = "cm".equals(text(m, "unit"));
        BigDecimal ounces = OUNCES.get(text(m, "weight_unit"));
        if (ounces == null) {
            throw ValidationProblem.of(ValidationProblem.JSON, field + ".weight_unit", "Not kg, oz or lb.");
        }
        ObjectNode d = object();
        for (String side : new String[]{ "length", "width", "height" }) {
            BigDecimal value = m.get(side).decimalValue();
            d.put(side, scaled(cm ? value.divide(CM_PER_IN, 4, RoundingMode.HALF_UP) : value));
        }
        d.put("weight", scaled(m.get("weight").decimalValue().multiply(ounces)));
        return d;
    }

    /** A 3PL writes for one of its customers: {@code warehouse_customer_id} is ShipHero's customer account id. */
    private static void account(ObjectNode input, JsonNode body) {
        copy(body, "warehouse_customer_id", input, "customer_account_id");
    }

    private static void tags(ObjectNode input, JsonNode body) {
        if (body.has("tags")) {
            input.set("tags", body.get("tags").deepCopy());
        }
    }

    /** ShipHero's ISODateTime as its documentation writes it: UTC without an offset. */
    static String dateTime(String value, String field) {
        try {
            return ISO_DATE_TIME.format(LocalDateTime.ofInstant(OffsetDateTime.parse(value).toInstant(),
                    ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw ValidationProblem.of(ValidationProblem.JSON, field, "Not a date-time with an offset.");
        }
    }

    private static String money(JsonNode number) {
        return scaled(number.decimalValue());
    }

    private static String scaled(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String first(JsonNode body, String... fields) {
        for (String field : fields) {
            if (text(body, field) != null) {
                return text(body, field);
            }
        }
        return null;
    }
}
