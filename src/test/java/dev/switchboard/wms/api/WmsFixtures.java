package dev.switchboard.wms.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;

/**
 * Realistic normalized documents, one builder per function, as the sync engine stores them (without the trackstar
 * dates). Each starts from {@code wms-fixtures/<function>.json}, a complete record of Trackstar's schema (every key
 * present, as the contract wants), and sets what makes records differ and relate: ids, numbers, statuses from the
 * schema's enums, skus that products, inventory and order lines share, warehouses that locations and shipments name.
 * Record {@code n} of a function is always the same document, so tests can compute what a filter should return.
 */
final class WmsFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String[] ORDER_STATUSES = { "open", "confirmed", "processing", "picked", "packed",
            "partially_fulfilled", "fulfilled", "exception", "cancelled", "backordered", "other" };
    static final String[] ORDER_TYPES = { "d2c", "b2b", "dropship", "transfer" };
    static final String[] CHANNELS = { "shopify", "amazon", "wholesale" };
    static final String[] INBOUND_STATUSES = { "open", "in-transit", "receiving", "received", "cancelled", "other" };
    static final String[] LEDGER_EVENTS = { "adjustment", "return_receipt", "inbound_receipt", "order_shipment",
            "supplier_return", "movement", "other" };
    static final String[] ACTIVITIES = { "pick", "pack", "put_away", "transfer", "receive" };
    static final String[] OBJECT_TYPES = { "order", "inbound_shipment", "return", "inventory" };
    static final Instant EPOCH = Instant.parse("2026-09-01T08:00:00Z");

    private WmsFixtures() {
    }

    /** The record id of record {@code n} of a function. */
    static String id(WmsFunction function, int n) {
        return switch (function) {
            case GET_ORDERS, GET_ORDER_PACKS -> String.format("ord_%05d", n);
            case GET_INVENTORY -> String.format("inv_%05d", n);
            case GET_PRODUCTS -> String.format("prod_%05d", n);
            case GET_INBOUND_SHIPMENTS -> String.format("asn_%05d", n);
            case GET_RETURNS -> String.format("rma_%05d", n);
            case GET_BILLS -> String.format("bill_%05d", n);
            case GET_INVENTORY_LEDGER -> String.format("led_%05d", n);
            case GET_LABOR_ACTIVITIES -> String.format("lab_%05d", n);
            case GET_WAREHOUSES -> String.format("wh_%d", n);
            case GET_WAREHOUSE_LOCATIONS -> String.format("loc_%05d", n);
            case GET_WAREHOUSE_CUSTOMERS -> String.format("wc_%d", n);
            case GET_SHIPPING_METHODS -> String.format("sm_%d", n);
            case GET_ORDER_CHANNELS -> String.format("ch_%d", n);
            case GET_INBOUND_SHIPMENT_SUPPLIERS -> String.format("sup_%d", n);
        };
    }

    /** The system's created_date of record n: one every 7 hours from {@link #EPOCH}. */
    static Instant created(int n) {
        return EPOCH.plus(Duration.ofHours(7L * n));
    }

    /** The system's updated_date of record n: 1 to 50 hours after its creation. */
    static Instant updated(int n) {
        return created(n).plus(Duration.ofHours(1 + (n * 13L) % 50));
    }

    static String sku(int n) {
        return String.format("SKU-%04d", n % 40);
    }

    static String warehouse(int n) {
        return "wh_" + (1 + n % 2);
    }

    static String warehouseCustomer(int n) {
        return "wc_" + (1 + n % 3);
    }

    /** Record n of a function. */
    static ObjectNode document(WmsFunction function, int n) {
        ObjectNode d = template(function);
        // Every record is stored with these, packs too (the store keys records by them; sandbox.wms.Records writes a
        // pack's so): the read API serves a pack without them, as OrderPackSchema has it.
        d.put("id", id(function, n));
        d.put("created_date", created(n).toString());
        d.put("updated_date", updated(n).toString());
        if (d.has("warehouse_customer_id")) {
            d.put("warehouse_customer_id", n % 7 == 6 ? null : warehouseCustomer(n));
        }
        d.putObject("additional_fields").put("source_row", n);
        switch (function) {
            case GET_ORDERS -> order(d, n);
            case GET_ORDER_PACKS -> {
                ((ObjectNode) d.withArray("packs").get(0)).put("pack_id", "pack_" + n);
                ((ObjectNode) d.withArray("order_line_items").get(0)).put("product_id", id(WmsFunction.GET_PRODUCTS, n))
                        .put("sku", sku(n)).put("quantity", 1 + n % 3);
            }
            case GET_INVENTORY -> {
                int committed = n % 5;
                int fulfillable = 10 + n % 17;
                int unfulfillable = n % 3;
                d.put("sku", sku(n)).put("name", "Item " + sku(n)).put("active", n % 4 != 3)
                        .put("committed", committed).put("fulfillable", fulfillable)
                        .put("unfulfillable", unfulfillable).put("onhand", committed + fulfillable + unfulfillable)
                        .put("sellable", fulfillable).put("unsellable", unfulfillable).put("awaiting", n % 4);
                d.putObject("inventory_by_warehouse_id").putObject(warehouse(n))
                        .put("onhand", committed + fulfillable + unfulfillable).put("committed", committed)
                        .put("fulfillable", fulfillable).put("unfulfillable", unfulfillable)
                        .put("unsellable", unfulfillable).put("sellable", fulfillable).put("awaiting", n % 4);
            }
            case GET_PRODUCTS -> {
                d.put("sku", sku(n)).put("name", "Product " + sku(n)).put("is_kit", false).put("active", n % 5 != 4);
                ((ObjectNode) d.withArray("inventory_items").get(0))
                        .put("inventory_item_id", id(WmsFunction.GET_INVENTORY, n)).put("sku", sku(n));
            }
            case GET_INBOUND_SHIPMENTS -> d.put("status", INBOUND_STATUSES[n % INBOUND_STATUSES.length])
                    .put("purchase_order_number", String.format("PO-%05d", 100 + n))
                    .put("warehouse_id", warehouse(n))
                    .put("expected_arrival_date", created(n).plus(Duration.ofDays(3)).toString());
            case GET_RETURNS -> d.put("status", INBOUND_STATUSES[(n + 1) % INBOUND_STATUSES.length])
                    .put("order_id", id(WmsFunction.GET_ORDERS, n));
            case GET_BILLS -> d.put("amount", 12.5 + n).put("charge_type", n % 2 == 0 ? "storage" : "pick_fee")
                    .put("currency_code", "USD");
            case GET_INVENTORY_LEDGER -> d.put("event_type", LEDGER_EVENTS[n % LEDGER_EVENTS.length])
                    .put("inventory_item_id", id(WmsFunction.GET_INVENTORY, n)).put("sku", sku(n))
                    .put("quantity", n % 2 == 0 ? -(1 + n % 4) : 5 + n % 10)
                    .put("entry_date", created(n).toString()).put("warehouse_id", warehouse(n));
            case GET_LABOR_ACTIVITIES -> d.put("user_id", "user_" + (1 + n % 4)).put("warehouse_id", warehouse(n))
                    .put("activity_type", ACTIVITIES[n % ACTIVITIES.length])
                    .put("associated_object_type", OBJECT_TYPES[n % OBJECT_TYPES.length])
                    .put("associated_object_id", "obj_" + (n % 6))
                    .put("activity_start_time", created(n).toString())
                    .put("activity_end_time", n % 5 == 4 ? null : created(n).plus(Duration.ofMinutes(5 + n)).toString())
                    .put("quantity", 1 + n % 9);
            case GET_WAREHOUSES -> d.put("name", "Warehouse " + n).put("code", "W" + n);
            case GET_WAREHOUSE_LOCATIONS -> d.put("warehouse_id", warehouse(n)).put("name", "A-" + n)
                    .put("type", n % 3 == 0 ? "pallet" : n % 3 == 1 ? "bin" : null);
            case GET_WAREHOUSE_CUSTOMERS ->
                d.put("name", "Merchant " + n).put("email", "ops" + n + "@merchant.example");
            case GET_SHIPPING_METHODS -> d.put("name", n % 2 == 0 ? "FedEx Ground" : "UPS Next Day Air")
                    .put("carrier_id", n % 2 == 0 ? "fedex" : "ups");
            case GET_ORDER_CHANNELS -> d.put("name", CHANNELS[n % CHANNELS.length]);
            case GET_INBOUND_SHIPMENT_SUPPLIERS -> d.put("name", "Supplier " + n);
        }
        return d;
    }

    private static void order(ObjectNode d, int n) {
        d.put("order_number", String.format("#%d", 1000 + n))
                .put("reference_id", (n % 2 == 0 ? "Shop-" : "AMZ-") + String.format("%05d", n))
                .put("status", ORDER_STATUSES[n % ORDER_STATUSES.length])
                .put("type", ORDER_TYPES[n % ORDER_TYPES.length])
                .put("channel", CHANNELS[n % CHANNELS.length])
                .put("warehouse_id", warehouse(n))
                .put("required_ship_date", n % 6 == 5 ? null : created(n).plus(Duration.ofDays(2)).toString())
                .put("total_price", 20.0 + n).put("total_tax", 1.6).put("total_discount", 0.0)
                .put("total_shipping", 4.99);
        ObjectNode line = (ObjectNode) d.withArray("line_items").get(0);
        line.put("product_id", id(WmsFunction.GET_PRODUCTS, n)).put("sku", sku(n)).put("quantity", 1 + n % 3)
                .put("unit_price", 15.0 + n % 10).put("is_picked", n % 11 >= 3);
        ArrayNode shipments = d.withArray("shipments");
        ObjectNode shipment = (ObjectNode) shipments.get(0);
        shipment.put("shipment_id", "shp_" + n).put("warehouse_id", warehouse(n))
                .put("status", n % 11 == 6 ? "shipped" : "open");
        ObjectNode pkg = (ObjectNode) shipment.withArray("packages").get(0);
        pkg.put("package_id", "pkg_" + n).put("tracking_number", String.format("1Z999AA1%010d", n));
        d.withArray("tags").removeAll().add(n % 2 == 0 ? "vip" : "gift");
    }

    private static ObjectNode template(WmsFunction function) {
        String resource = "wms-fixtures/" + function.value() + ".json";
        try (InputStream in = WmsFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            return (ObjectNode) JSON.readTree(Objects.requireNonNull(in, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
