package dev.switchboard.integrations.shipbob;

import static dev.switchboard.integrations.Mapping.object;
import static dev.switchboard.integrations.Mapping.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.error.ValidationProblem;
import dev.switchboard.integrations.Mapping;

/**
 * Trackstar's write bodies as ShipBob 2026-01 requests (docs/integrations/shipbob.md, "Writes"): products and kits
 * ({@code POST /product}, {@code PATCH /product/{id}}), warehouse receiving orders ({@code POST /receiving}) and
 * return orders ({@code POST /return}). Each is the inverse of the adapter's read mapping, so a written record reads
 * back as the body said: a Trackstar product is a ShipBob variant, a WRO line is an inventory id with its quantity.
 * ShipBob's ids are integers; a value that is not one is a 422 naming the field, rather than a request ShipBob would
 * refuse with a less helpful message.
 */
final class ShipBobWrites {

    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,19}");
    /** ShipBob's product types (2026-01 {@code Products.BaseProductRequestModel.type_id}). */
    static final int REGULAR = 1;
    static final int BUNDLE = 2;
    /** Trackstar's box packaging names where ShipBob's differ (Trackstar: MultipleSkusPerBox). */
    private static final Map<String, String> BOX_PACKAGING = Map.of("MultipleSkusPerBox", "MultipleSkuPerBox");
    /** ShipBob's requested action when the body names none: the merchant's return preferences decide. */
    static final String DEFAULT_RETURN_ACTION = "Default";

    private ShipBobWrites() {
    }

    /** A product of one variant ({@code POST /product}); {@code bundle} holds a kit's components, or null. */
    static ObjectNode newProduct(JsonNode body, ArrayNode bundle) {
        ObjectNode product = object();
        product.put("name", text(body, "name"));
        product.put("type_id", bundle == null ? REGULAR : BUNDLE);
        ObjectNode variant = product.putArray("variants").addObject();
        variant.put("name", text(body, "name"));
        variant.put("sku", text(body, "sku"));
        applyVariant(variant, body);
        if (bundle != null) {
            variant.set("bundle_definition", bundle);
        }
        return product;
    }

    /** A variant change ({@code PATCH /product/{productId}}): only the fields the body gives, with the variant id. */
    static ObjectNode variantChange(long productId, long variantId, JsonNode body) {
        ObjectNode product = object();
        product.put("id", productId);
        ObjectNode variant = product.putArray("variants").addObject();
        variant.put("id", variantId);
        if (text(body, "name") != null) {
            variant.put("name", text(body, "name"));
        }
        if (text(body, "sku") != null) {
            variant.put("sku", text(body, "sku"));
        }
        applyVariant(variant, body);
        return product;
    }

    /** GTIN and measurements: ShipBob keeps dimensions in inches and weight in ounces. */
    private static void applyVariant(ObjectNode variant, JsonNode body) {
        if (text(body, "gtin") != null) {
            variant.put("gtin", text(body, "gtin"));
        }
        JsonNode m = body.get("measurements");
        if (m != null && m.isObject()) {
            BigDecimal perInch = "cm".equals(text(m, "unit")) ? new BigDecimal("2.54") : BigDecimal.ONE;
            ObjectNode dimension = variant.putObject("dimension");
            dimension.put("length", inches(m, "length", perInch));
            dimension.put("width", inches(m, "width", perInch));
            dimension.put("height", inches(m, "height", perInch));
            BigDecimal weight = Mapping.decimal(m, "weight");
            BigDecimal ounces = switch (String.valueOf(text(m, "weight_unit"))) {
                case "kg" -> weight.multiply(new BigDecimal("35.27396195"));
                case "lb" -> weight.multiply(new BigDecimal("16"));
                default -> weight;
            };
            variant.put("weight", ounces.setScale(2, RoundingMode.HALF_UP));
        }
    }

    private static BigDecimal inches(JsonNode m, String field, BigDecimal perInch) {
        return Mapping.decimal(m, field).divide(perInch, 2, RoundingMode.HALF_UP);
    }

    /** A kit component: a variant of the bundle and how many of it one kit holds. */
    static ObjectNode bundleItem(long variantId, int quantity) {
        return object().put("variant_id", variantId).put("quantity", quantity);
    }

    /**
     * A warehouse receiving order ({@code POST /receiving}). {@code inventoryIds} resolves a line given by SKU only
     * (ShipBob names box items by inventory id), by box and line index.
     */
    static ObjectNode newReceivingOrder(JsonNode body, java.util.function.BiFunction<String, String, Long> inventory) {
        ObjectNode wro = object();
        wro.putObject("fulfillment_center").put("id", numericId(text(body, "warehouse_id"), "warehouse_id"));
        wro.put("package_type", text(body, "package_type"));
        String packaging = text(body, "box_packaging_type");
        wro.put("box_packaging_type", BOX_PACKAGING.getOrDefault(packaging, packaging));
        wro.put("expected_arrival_date", utc(text(body, "expected_arrival_date"), "expected_arrival_date"));
        if (text(body, "purchase_order_number") != null) {
            wro.put("purchase_order_number", text(body, "purchase_order_number"));
        }
        ArrayNode boxes = wro.putArray("boxes");
        JsonNode given = body.path("boxes");
        for (int b = 0; b < given.size(); b++) {
            JsonNode box = given.get(b);
            ObjectNode out = boxes.addObject();
            out.put("tracking_number", text(box, "tracking_number"));
            ArrayNode items = out.putArray("box_items");
            JsonNode lines = box.path("line_items");
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                String field = "boxes." + b + ".line_items." + i;
                ObjectNode item = items.addObject();
                String inventoryId = text(line, "inventory_item_id");
                if (inventoryId != null) {
                    item.put("inventory_id", numericId(inventoryId, field + ".inventory_item_id"));
                } else if (text(line, "sku") != null) {
                    item.put("inventory_id", inventory.apply(text(line, "sku"), field + ".sku"));
                } else {
                    throw ValidationProblem.of(ValidationProblem.JSON, field + ".inventory_item_id",
                            "ShipBob names a box item by its inventory id (or give its sku).");
                }
                item.put("quantity", line.path("expected_quantity").asInt());
                if (text(line, "lot_id") != null) {
                    item.put("lot_number", text(line, "lot_id"));
                }
                if (text(line, "lot_expiration_date") != null) {
                    item.put("lot_date", utc(text(line, "lot_expiration_date"), field + ".lot_expiration_date"));
                }
            }
        }
        return wro;
    }

    /** A return order ({@code POST /return}); {@code shipmentId} is the order's shipment, or null. */
    static ObjectNode newReturn(JsonNode body, Long shipmentId) {
        ObjectNode ret = object();
        ret.put("reference_id", text(body, "reference_id"));
        ret.putObject("fulfillment_center").put("id", numericId(text(body, "warehouse_id"), "warehouse_id"));
        if (shipmentId != null) {
            ret.put("original_shipment_id", shipmentId);
        }
        if (text(body, "tracking_number") != null) {
            ret.put("tracking_number", text(body, "tracking_number"));
        }
        ArrayNode inventory = ret.putArray("inventory");
        JsonNode lines = body.path("line_items");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            ObjectNode item = inventory.addObject();
            item.put("id", numericId(text(line, "inventory_item_id"), "line_items." + i + ".inventory_item_id"));
            item.put("quantity", line.path("quantity").asInt());
            item.put("requested_action", DEFAULT_RETURN_ACTION);
        }
        return ret;
    }

    /** ShipBob's ids (fulfillment centers, inventory items, variants) are integers. */
    static long numericId(String value, String field) {
        if (value == null || !NUMERIC_ID.matcher(value).matches()) {
            throw ValidationProblem.of(ValidationProblem.JSON, field, "Not a ShipBob id (a number).");
        }
        return Long.parseLong(value);
    }

    static boolean isNumericId(String value) {
        return value != null && NUMERIC_ID.matcher(value).matches();
    }

    /** A date-time as ShipBob's examples write it, in UTC ({@code 2026-12-10T00:00:00Z}). */
    private static String utc(String value, String field) {
        try {
            return Mapping.date(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException | NullPointerException e) {
            throw ValidationProblem.of(ValidationProblem.JSON, field, "Not a date-time with an offset.");
        }
    }
}
