package dev.switchboard.sandbox.wms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the simulated system's records in Trackstar's read schemas (every property present, null where the system
 * has nothing), from a {@link World} at an instant. Only called for records that are returned, so the cost of a page
 * is the cost of its records.
 */
final class Records {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[][] BOXES = { { "8x6x4", "8", "6", "4" }, { "12x9x4", "12", "9", "4" },
            { "14x12x8", "14", "12", "8" }, { "18x14x12", "18", "14", "12" } };

    private final World world;

    Records(World world) {
        this.world = world;
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ}, as Instant.toString() writes whole seconds, without its formatter's cost. */
    static String date(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        if (days < -700_000 || days > 2_900_000) {
            return Instant.ofEpochSecond(epochSecond).toString();
        }
        // Howard Hinnant's civil_from_days.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        char[] out = new char[20];
        out[0] = (char) ('0' + year / 1000);
        out[1] = (char) ('0' + year / 100 % 10);
        out[2] = (char) ('0' + year / 10 % 10);
        out[3] = (char) ('0' + year % 10);
        out[4] = '-';
        two(out, 5, month);
        out[7] = '-';
        two(out, 8, day);
        out[10] = 'T';
        two(out, 11, secondOfDay / 3600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        out[19] = 'Z';
        return new String(out);
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    private String url(String path) {
        return world.baseUrl + "/wms/" + path;
    }

    private static ObjectNode additional(Object... keyValues) {
        ObjectNode node = F.objectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object value = keyValues[i + 1];
            if (value == null) {
                node.putNull(key);
            } else if (value instanceof Boolean b) {
                node.put(key, b);
            } else if (value instanceof Integer n) {
                node.put(key, n);
            } else if (value instanceof Long n) {
                node.put(key, n);
            } else if (value instanceof Double d) {
                node.put(key, d);
            } else {
                node.put(key, value.toString());
            }
        }
        return node;
    }

    private static ObjectNode shipFrom(World.Address a) {
        ObjectNode node = F.objectNode();
        node.put("address1", a.address1());
        node.put("address2", a.address2());
        node.putNull("address3");
        node.put("city", a.city());
        node.put("state", a.state());
        node.put("postal_code", a.postalCode());
        node.put("country", a.country());
        return node;
    }

    private static ObjectNode shipTo(World.Address a) {
        ObjectNode node = F.objectNode();
        node.put("full_name", a.name());
        node.put("company", a.company());
        node.put("address1", a.address1());
        node.put("address2", a.address2());
        node.putNull("address3");
        node.put("city", a.city());
        node.put("state", a.state());
        node.put("postal_code", a.postalCode());
        node.put("country", a.country());
        node.put("phone_number", a.phone());
        node.put("email_address", a.email());
        return node;
    }

    private static ObjectNode measurements(double length, double width, double height, double weight) {
        ObjectNode node = F.objectNode();
        node.put("length", length);
        node.put("width", width);
        node.put("height", height);
        node.put("unit", "in");
        node.put("weight", weight);
        node.put("weight_unit", "lb");
        return node;
    }

    private static double money(long cents) {
        return cents / 100.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Catalog

    ObjectNode warehouse(World.Warehouse w) {
        ObjectNode node = F.objectNode();
        node.put("id", w.id());
        node.put("created_date", date(w.created()));
        node.put("updated_date", date(w.updated()));
        node.put("name", w.name());
        node.put("code", w.code());
        node.set("address", shipFrom(w.address()));
        node.set("trackstar_tags", F.arrayNode());
        node.set("additional_fields", additional("timezone", "America/New_York", "dock_doors", 8 + w.index() * 4));
        return node;
    }

    String locationId(int w, int j) {
        return "loc_" + (w + 1) + "_" + (j + 1);
    }

    /** The location item i is kept in, in warehouse w. */
    int locationOf(int item, int w) {
        return (int) ((Rng.hash(world.seed, World.T_STOCK, item, w + 2000) >>> 1)
                % world.settings.locationsPerWarehouse());
    }

    ObjectNode location(int w, int j) {
        World.Warehouse warehouse = world.warehouses[w];
        String[] types = { "bin", "shelf", "pallet" };
        String type = types[j % 3];
        ObjectNode node = F.objectNode();
        node.put("id", locationId(w, j));
        long created = warehouse.created() + (j + 1) * World.DAY;
        node.put("created_date", date(created));
        node.put("updated_date", date(created + (j % 7) * World.DAY));
        node.put("name", (char) ('A' + j / 12 % 26) + "-" + String.format("%02d-%02d", j % 12 / 3 + 1, j % 3 + 1));
        node.put("warehouse_id", warehouse.id());
        node.put("type", type);
        node.set("measurements", switch (type) {
            case "bin" -> measurements(24, 18, 12, 50);
            case "shelf" -> measurements(48, 24, 18, 200);
            default -> measurements(48, 40, 60, 2000);
        });
        node.set("additional_fields",
                additional("zone", j % 2 == 0 ? "forward_pick" : "reserve", "pickable", j % 3 != 2));
        return node;
    }

    ObjectNode customer(World.Customer c) {
        ObjectNode node = F.objectNode();
        node.put("id", c.id());
        node.put("created_date", date(c.created()));
        node.put("updated_date", date(c.updated()));
        node.put("name", c.name());
        node.put("email", c.email());
        node.set("additional_fields", additional("billing_plan", c.index() % 2 == 0 ? "standard" : "growth"));
        return node;
    }

    ObjectNode method(World.Method m) {
        ObjectNode node = F.objectNode();
        node.put("id", m.id());
        node.put("created_date", date(m.created()));
        node.put("updated_date", date(m.updated()));
        node.put("name", m.name());
        node.put("carrier", m.carrierName());
        node.put("carrier_id", m.carrierId());
        node.put("carrier_name", m.carrierName());
        node.put("scac", m.scac());
        node.set("additional_fields", additional("service_level", m.serviceLevel()));
        return node;
    }

    ObjectNode channel(World.Channel ch) {
        ObjectNode node = F.objectNode();
        node.put("id", ch.id());
        node.put("name", ch.name());
        node.put("warehouse_customer_id", world.customers[ch.customer()].id());
        node.put("created_date", date(ch.created()));
        node.put("updated_date", date(ch.updated()));
        node.set("additional_fields", additional("kind", ch.b2b() ? "edi" : ch.index() == 0 ? "shopify" : "amazon"));
        return node;
    }

    /** Suppliers are shared by every merchant (warehouse_customer_id null). */
    ObjectNode supplier(World.Supplier s) {
        ObjectNode node = F.objectNode();
        node.put("id", s.id());
        node.put("name", s.name());
        node.putNull("warehouse_customer_id");
        node.put("created_date", date(s.created()));
        node.put("updated_date", date(s.updated()));
        node.set("additional_fields", additional("country", s.address().country()));
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Products and inventory

    /** Products change price now and then: the last change at or before t. */
    long productUpdated(World.Product p, long t) {
        if (t < p.created()) {
            return -1;
        }
        return p.created() + (t - p.created()) / p.updatePeriod() * p.updatePeriod();
    }

    ObjectNode product(World.Product p, long now) {
        long updated = productUpdated(p, now);
        long changes = (updated - p.created()) / p.updatePeriod();
        long price = p.priceCents() + (changes % 3) * Math.max(100, p.priceCents() / 20);
        World.Supplier supplier = world.suppliers[p.supplier()];
        ObjectNode node = F.objectNode();
        node.put("id", p.id());
        node.put("warehouse_customer_id", world.customers[p.customer()].id());
        node.put("created_date", date(p.created()));
        node.put("updated_date", date(updated));
        node.put("name", p.name());
        node.put("sku", p.sku());
        node.put("gtin", p.gtin());
        node.put("unit_price", money(price));
        ArrayNode items = node.putArray("inventory_items");
        for (int i = 0; i < p.components().length; i++) {
            World.Product item = world.products[p.components()[i]];
            ObjectNode line = items.addObject();
            line.put("inventory_item_id", item.inventoryId());
            line.put("sku", item.sku());
            line.put("unit_quantity", p.unitQuantities()[i]);
        }
        node.put("is_kit", p.kit());
        node.put("active", true);
        if (p.kit()) {
            node.putNull("supplier");
            node.putNull("supplier_object");
        } else {
            node.put("supplier", supplier.name());
            ObjectNode so = node.putObject("supplier_object");
            so.put("supplier_id", supplier.id());
            so.put("supplier_name", supplier.name());
        }
        node.put("country_of_origin", p.origin());
        node.put("harmonized_code", p.hsCode());
        ArrayNode supplierProducts = node.putArray("supplier_products");
        if (!p.kit()) {
            ObjectNode sp = supplierProducts.addObject();
            sp.put("supplier_id", supplier.id());
            sp.put("supplier_name", supplier.name());
            sp.put("external_id", supplier.id().toUpperCase() + "-" + p.sku());
            sp.put("unit_cost", String.format("%.2f", money(p.costCents())));
        }
        node.put("external_system_url", url("products/" + p.id()));
        node.set("trackstar_tags", F.arrayNode());
        node.set("additional_fields", additional("price_revision", changes, "weight_lb", p.weightLb()));
        return node;
    }

    ObjectNode inventory(int item, Stock stock) {
        World.Product p = world.products[item];
        ObjectNode node = F.objectNode();
        node.put("id", p.inventoryId());
        node.put("warehouse_customer_id", world.customers[p.customer()].id());
        node.put("created_date", date(p.created()));
        node.put("updated_date", date(Math.max(p.created(), stock.updated[item])));
        node.put("name", p.name());
        node.put("sku", p.sku());
        node.put("unit_cost", money(p.costCents()));
        node.put("active", true);
        int onhand = 0;
        int committed = 0;
        int unfulfillable = 0;
        int awaiting = 0;
        ObjectNode byWarehouse = F.objectNode();
        ArrayNode lots = F.arrayNode();
        ArrayNode locations = F.arrayNode();
        for (int w = 0; w < world.warehouses.length; w++) {
            int on = stock.onhand[item][w];
            int com = stock.committed[item][w];
            int unf = world.quarantined(item, w, on - com);
            int ful = on - com - unf;
            int aw = stock.awaiting[item][w];
            onhand += on;
            committed += com;
            unfulfillable += unf;
            awaiting += aw;
            String warehouseId = world.warehouses[w].id();
            ObjectNode entry = byWarehouse.putObject(warehouseId);
            entry.put("awaiting", aw);
            entry.put("onhand", on);
            entry.put("committed", com);
            entry.put("unfulfillable", unf);
            entry.put("fulfillable", ful);
            entry.put("unsellable", unf);
            entry.put("sellable", ful);
            if (p.expiring()) {
                ObjectNode lot = lots.addObject();
                lot.put("lot_id", lotId(item, w));
                lot.put("onhand", on);
                lot.put("expiration_date", date(lotExpiration(item)));
                lot.put("warehouse_id", warehouseId);
            }
            ObjectNode location = locations.addObject();
            location.put("location_id", locationId(w, locationOf(item, w)));
            location.put("quantity", on);
            location.put("warehouse_id", warehouseId);
        }
        int fulfillable = onhand - committed - unfulfillable;
        node.put("awaiting", awaiting);
        node.put("onhand", onhand);
        node.put("committed", committed);
        node.put("unfulfillable", unfulfillable);
        node.put("fulfillable", fulfillable);
        node.put("unsellable", unfulfillable);
        node.put("sellable", fulfillable);
        node.set("substitute_skus", F.arrayNode());
        node.set("inventory_by_warehouse_id", byWarehouse);
        node.set("lots", lots);
        node.set("measurements", measurements(p.dimensionsIn()[0], p.dimensionsIn()[1], p.dimensionsIn()[2],
                p.weightLb()));
        node.set("locations", locations);
        node.put("external_system_url", url("inventory/" + p.inventoryId()));
        node.set("trackstar_tags", F.arrayNode());
        node.set("additional_fields",
                additional("reorder_point", (int) Math.ceil(world.dailyDemandPerWarehouse[item] * 7)));
        return node;
    }

    String lotId(int item, int w) {
        return "lot_" + (item + 1) + "_" + (w + 1);
    }

    long lotExpiration(int item) {
        return world.genesis + (300 + item % 60) * World.DAY;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Orders

    /** One shipped (or packed) unit group: an inventory item, its units, and the kit it came in. */
    record Unit(int item, int units, World.Product kit) {
    }

    List<Unit> units(World.OrderPlan order, int[] quantities) {
        List<Unit> units = new ArrayList<>();
        for (int line = 0; line < quantities.length; line++) {
            if (quantities[line] > 0) {
                world.expand(order.lineProducts[line], quantities[line],
                        (item, count, kit) -> units.add(new Unit(item, count, kit)));
            }
        }
        return units;
    }

    /** How the units of a shipment go into boxes: one box, or two when there are more than two unit groups. */
    static int packageCount(List<Unit> units) {
        return units.size() > 2 ? 2 : 1;
    }

    static List<Unit> packageUnits(List<Unit> units, int p, int packages) {
        if (packages == 1) {
            return units;
        }
        int half = (units.size() + 1) / 2;
        return p == 0 ? units.subList(0, half) : units.subList(half, units.size());
    }

    private double weight(List<Unit> units) {
        double weight = 0.5;
        for (Unit u : units) {
            weight += world.products[u.item()].weightLb() * u.units();
        }
        return round2(weight);
    }

    private ObjectNode boxMeasurements(World.OrderPlan order, List<Unit> units, String[] box) {
        if (order.method.id().equals("ltl_freight")) {
            return measurements(48, 40, 36 + units.size() * 6, weight(units) + 45);
        }
        return measurements(Double.parseDouble(box[1]), Double.parseDouble(box[2]), Double.parseDouble(box[3]),
                weight(units));
    }

    private static String[] box(List<Unit> units) {
        int count = 0;
        for (Unit u : units) {
            count += u.units();
        }
        return BOXES[count <= 1 ? 0 : count <= 3 ? 1 : count <= 6 ? 2 : 3];
    }

    double packageCost(World.OrderPlan order, List<Unit> units) {
        double weight = weight(units);
        return order.method.id().equals("ltl_freight") ? round2(95 + weight * 0.8) : round2(5.2 + weight * 0.85);
    }

    private ObjectNode unitLine(Unit u, boolean packageLine) {
        World.Product item = world.products[u.item()];
        ObjectNode line = F.objectNode();
        line.put("inventory_item_id", item.inventoryId());
        line.put("sku", item.sku());
        line.put("quantity", u.units());
        if (packageLine) {
            line.putNull("lot_id");
            line.putNull("expiration_date");
        }
        line.put("parent_product_id", u.kit() == null ? null : u.kit().id());
        return line;
    }

    ObjectNode order(World.OrderPlan o, long now) {
        World.OrderStatus status = o.statusAt(now);
        String id = World.orderId(o.n);
        World.Customer customer = world.customers[o.customer];
        World.Warehouse warehouse = world.warehouses[o.warehouse];
        ObjectNode node = F.objectNode();
        node.put("id", id);
        node.put("warehouse_customer_id", customer.id());
        node.put("warehouse_id", warehouse.id());
        node.put("created_date", date(o.created));
        node.put("updated_date", date(o.updatedAt(now)));
        String reference = o.b2b
                ? o.tradingPartner.toUpperCase().substring(0, 3) + "-PO-" + (o.referenceNumber % 10_000_000)
                : Long.toString(o.referenceNumber);
        node.put("reference_id", reference);
        node.put("order_number", o.b2b ? "WHL-" + (5001 + o.n) : "#" + (1001 + o.n));
        node.put("status", status.wire);
        node.put("raw_status", status.raw);
        node.put("channel", o.channel.id());
        ObjectNode channel = node.putObject("channel_object");
        channel.put("channel_id", o.channel.id());
        channel.put("channel_name", o.channel.name());
        node.put("type", o.b2b ? "b2b" : "d2c");
        node.put("trading_partner", o.tradingPartner);
        node.put("shipping_method", o.method.name());
        node.put("service_level", o.method.serviceLevel());
        node.put("shipping_method_id", o.method.id());
        node.put("shipping_method_name", o.method.name());
        node.put("carrier_id", o.method.carrierId());
        node.put("carrier_name", o.method.carrierName());
        node.put("scac", o.method.scac());
        node.put("is_third_party_freight", o.thirdPartyFreight);
        node.put("third_party_freight_account_number",
                o.thirdPartyFreight ? "TPF" + (o.referenceNumber % 1_000_000) : null);
        node.putNull("first_party_freight_account_number");
        node.put("invoice_currency_code", "USD");
        long subtotal = o.priceCents();
        long discount = 0;
        for (long d : o.lineDiscountCents) {
            discount += d;
        }
        long tax = o.b2b ? 0 : Math.round(subtotal * 0.0725);
        long shipping = o.b2b || subtotal >= 7500 ? 0 : 599;
        node.put("total_price", money(subtotal + tax + shipping));
        node.put("total_tax", money(tax));
        node.put("total_discount", money(discount));
        node.put("total_shipping", money(shipping));
        node.set("ship_to_address", shipTo(o.shipTo()));
        boolean picked = o.reached(World.OrderStatus.PICKED, now) >= 0 || o.shipmentsAt(now) > 0;
        ArrayNode lines = node.putArray("line_items");
        for (int i = 0; i < o.lineProducts.length; i++) {
            World.Product p = world.products[o.lineProducts[i]];
            ObjectNode line = lines.addObject();
            line.put("product_id", p.id());
            line.put("sku", p.sku());
            line.put("quantity", o.lineQuantities[i]);
            line.put("unit_price", money(p.priceCents()));
            line.put("is_picked", picked);
            line.put("discount_amount", money(o.lineDiscountCents[i]));
        }
        ArrayNode tags = node.putArray("tags");
        tags.add("channel:" + (o.b2b ? "wholesale" : o.channel.index() == 0 ? "shopify" : "amazon"));
        if (subtotal >= 15000) {
            tags.add("vip");
        }
        node.put("required_ship_date", o.requiredShipDate < 0 ? null : date(o.requiredShipDate));
        node.put("saturday_delivery", false);
        node.put("signature_required", subtotal >= 25000);
        node.putNull("international_duty_paid_by");
        ArrayNode shipments = node.putArray("shipments");
        int count = o.shipmentsAt(now);
        for (int s = 0; s < count; s++) {
            shipments.add(shipment(o, s));
        }
        node.put("external_system_url", url("orders/" + id));
        node.set("trackstar_tags", F.arrayNode());
        node.set("additional_fields", additional("gift", o.n % 17 == 0, "priority", o.b2b ? "scheduled" : "standard",
                "simulated", o.simulated));
        return node;
    }

    private ObjectNode shipment(World.OrderPlan o, int s) {
        World.Warehouse warehouse = world.warehouses[o.warehouse];
        List<Unit> units = units(o, o.shipQuantities[s]);
        ObjectNode node = F.objectNode();
        node.put("shipment_id", "shp_" + (o.n + 1) + "_" + (s + 1));
        node.put("warehouse_id", warehouse.id());
        node.put("raw_status", "shipped");
        node.put("status", "shipped");
        node.put("shipped_date", date(o.shipTimes[s]));
        node.put("shipping_method", o.method.name());
        ArrayNode lines = node.putArray("line_items");
        for (Unit u : units) {
            lines.add(unitLine(u, false));
        }
        node.set("ship_to_address", shipTo(o.shipTo()));
        node.set("ship_from_address", shipFrom(warehouse.address()));
        ArrayNode packages = node.putArray("packages");
        int count = packageCount(units);
        Rng r = new Rng(world.seed, World.T_ORDER + 100, o.n * 8 + s);
        for (int p = 0; p < count; p++) {
            List<Unit> inBox = packageUnits(units, p, count);
            String[] box = box(inBox);
            String tracking = Names.trackingNumber(r, o.method);
            ObjectNode pkg = packages.addObject();
            pkg.put("package_id", "pkg_" + (o.n + 1) + "_" + (s + 1) + "_" + (p + 1));
            pkg.put("package_name", o.method.id().equals("ltl_freight") ? "Pallet 48x40" : box[0]);
            pkg.put("tracking_number", tracking);
            pkg.put("tracking_url", Names.trackingUrl(o.method, tracking));
            pkg.put("shipping_method", o.method.name());
            pkg.put("carrier", o.method.carrierName());
            pkg.put("shipping_method_id", o.method.id());
            pkg.put("shipping_method_name", o.method.name());
            pkg.put("carrier_id", o.method.carrierId());
            pkg.put("carrier_name", o.method.carrierName());
            pkg.put("scac", o.method.scac());
            pkg.put("shipping_cost", packageCost(o, inBox));
            pkg.set("measurements", boxMeasurements(o, inBox, box));
            ArrayNode items = pkg.putArray("line_items");
            for (Unit u : inBox) {
                ObjectNode line = unitLine(u, true);
                if (world.products[u.item()].expiring()) {
                    line.put("lot_id", lotId(u.item(), o.warehouse));
                    line.put("expiration_date", date(lotExpiration(u.item())));
                }
                items.add(line);
            }
        }
        return node;
    }

    /**
     * The order's packs (Trackstar's {@code OrderPackSchema}), once it is packed. {@code id}, {@code created_date}
     * and {@code updated_date} (the order's id and the time it was packed) key it in the store; the read API serves
     * the schema's fields.
     */
    ObjectNode orderPack(World.OrderPlan o, long packedAt) {
        List<Unit> units = units(o, o.lineQuantities);
        ObjectNode node = F.objectNode();
        node.put("id", World.orderId(o.n));
        node.put("created_date", date(packedAt));
        node.put("updated_date", date(packedAt));
        ArrayNode packs = node.putArray("packs");
        int count = packageCount(units);
        for (int p = 0; p < count; p++) {
            List<Unit> inBox = packageUnits(units, p, count);
            ObjectNode pack = packs.addObject();
            pack.put("pack_id", "pack_" + (o.n + 1) + "_" + (p + 1));
            pack.set("measurements", boxMeasurements(o, inBox, box(inBox)));
            ArrayNode lines = pack.putArray("line_items");
            for (Unit u : inBox) {
                World.Product item = world.products[u.item()];
                ObjectNode line = lines.addObject();
                line.put("inventory_item_id", item.inventoryId());
                line.put("sku", item.sku());
                line.put("quantity", u.units());
            }
        }
        node.put("carrier", o.method.carrierName());
        node.put("carrier_id", o.method.carrierId());
        node.put("carrier_name", o.method.carrierName());
        node.put("scac", o.method.scac());
        node.put("shipping_method", o.method.name());
        node.put("shipping_method_id", o.method.id());
        node.put("shipping_method_name", o.method.name());
        node.set("ship_to_address", shipTo(o.shipTo()));
        ArrayNode lines = node.putArray("order_line_items");
        for (int i = 0; i < o.lineProducts.length; i++) {
            World.Product p = world.products[o.lineProducts[i]];
            ObjectNode line = lines.addObject();
            line.put("product_id", p.id());
            line.put("sku", p.sku());
            line.put("quantity", o.lineQuantities[i]);
        }
        node.set("additional_fields", additional("packed_by", staffId(o.warehouse, o.n + 1)));
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inbound shipments and returns

    ObjectNode inbound(World.InboundPlan plan, long now) {
        World.ArrivalStatus status = plan.statusAt(now);
        int receipts = plan.receiptsAt(now);
        ObjectNode node = F.objectNode();
        node.put("id", plan.id());
        node.put("warehouse_customer_id", world.customers[plan.customer].id());
        node.put("created_date", date(plan.created));
        node.put("updated_date", date(plan.updatedAt(now)));
        node.put("purchase_order_number", plan.purchaseOrder);
        node.put("status", status.wire);
        node.put("raw_status", status.wire.toUpperCase().replace('-', '_'));
        node.put("supplier", plan.supplier.name());
        ObjectNode supplier = node.putObject("supplier_object");
        supplier.put("supplier_id", plan.supplier.id());
        supplier.put("supplier_name", plan.supplier.name());
        node.put("expected_arrival_date", date(plan.expectedArrival));
        node.put("warehouse_id", world.warehouses[plan.warehouse].id());
        ArrayNode lines = node.putArray("line_items");
        for (int i = 0; i < plan.items.length; i++) {
            World.Product item = world.products[plan.items[i]];
            int received = 0;
            for (int r = 0; r < receipts; r++) {
                received += plan.receiptQuantities[r][i];
            }
            ObjectNode line = lines.addObject();
            line.put("inventory_item_id", item.inventoryId());
            line.put("sku", item.sku());
            line.put("expected_quantity", plan.expected[i]);
            line.put("received_quantity", received);
            line.put("unit_cost", money(item.costCents()));
            line.put("external_id", plan.supplier.id().toUpperCase() + "-" + item.sku());
        }
        ArrayNode receiptsNode = node.putArray("receipts");
        for (int r = 0; r < receipts; r++) {
            ObjectNode receipt = receiptsNode.addObject();
            receipt.put("id", "rcp_" + (plan.k + 1) + "_" + (r + 1));
            receipt.put("arrived_date", date(plan.receiptTimes[r]));
            ArrayNode receiptLines = receipt.putArray("line_items");
            for (int i = 0; i < plan.items.length; i++) {
                if (plan.receiptQuantities[r][i] > 0) {
                    World.Product item = world.products[plan.items[i]];
                    ObjectNode line = receiptLines.addObject();
                    line.put("inventory_item_id", item.inventoryId());
                    line.put("sku", item.sku());
                    line.put("quantity", plan.receiptQuantities[r][i]);
                }
            }
        }
        node.set("ship_from_address", shipFrom(plan.supplier.address()));
        ArrayNode tracking = node.putArray("tracking_numbers");
        if (status != World.ArrivalStatus.OPEN && status != World.ArrivalStatus.CANCELLED) {
            tracking.add(plan.trackingNumber);
        }
        ArrayNode notes = node.putArray("notes");
        if (status == World.ArrivalStatus.CANCELLED) {
            notes.add("Cancelled by the supplier.");
        }
        node.put("external_system_url", url("inbound-shipments/" + plan.id()));
        node.set("trackstar_tags", F.arrayNode());
        node.set("additional_fields", additional("carton_count", plan.items.length * 2, "freight_terms", "FOB"));
        return node;
    }

    ObjectNode returnRecord(World.ReturnPlan ret, long now) {
        World.ArrivalStatus status = ret.statusAt(now);
        World.OrderPlan order = ret.order;
        World.Product item = world.products[ret.item];
        String warehouseId = world.warehouses[order.warehouse].id();
        boolean received = status == World.ArrivalStatus.RECEIVED;
        ObjectNode node = F.objectNode();
        node.put("id", World.returnId(ret.n));
        node.put("warehouse_customer_id", world.customers[order.customer].id());
        node.put("created_date", date(ret.created));
        node.put("updated_date", date(ret.updatedAt(now)));
        node.put("status", status.wire);
        node.put("raw_status", "RMA_" + status.wire.toUpperCase().replace('-', '_'));
        node.put("order_id", World.orderId(order.n));
        ArrayNode notes = node.putArray("notes");
        notes.add("Customer reason: " + ret.reason);
        ArrayNode lines = node.putArray("line_items");
        ObjectNode line = lines.addObject();
        line.put("inventory_item_id", item.inventoryId());
        line.put("sku", item.sku());
        line.put("expected_quantity", ret.quantity);
        line.put("received_quantity", received ? ret.quantity : 0);
        line.put("restocked_quantity", ret.restocked(now));
        line.put("return_reason", ret.reason);
        line.put("quantity", ret.quantity);
        line.put("warehouse_id", warehouseId);
        line.put("returned_date", received ? date(ret.receivedAt(now)) : null);
        ArrayNode shipments = node.putArray("shipments");
        long shipped = ret.shippedAt >= 0 && ret.shippedAt <= now ? ret.shippedAt : -1;
        long arrived = ret.arrivedAt >= 0 && ret.arrivedAt <= now ? ret.arrivedAt : -1;
        if (shipped >= 0 || arrived >= 0) {
            ObjectNode shipment = shipments.addObject();
            shipment.put("tracking_number", ret.trackingNumber);
            shipment.put("shipped_date", shipped < 0 ? null : date(shipped));
            shipment.put("arrived_date", arrived < 0 ? null : date(arrived));
            shipment.put("warehouse_id", warehouseId);
            shipment.put("carrier", ret.method.carrierName());
            shipment.put("carrier_id", ret.method.carrierId());
            shipment.put("carrier_name", ret.method.carrierName());
            shipment.put("scac", ret.method.scac());
            shipment.put("shipping_cost", round2(6.5 + item.weightLb() * ret.quantity * 0.6));
            shipment.set("measurements", measurements(12, 9, 4, round2(item.weightLb() * ret.quantity + 0.4)));
            ArrayNode shipmentLines = shipment.putArray("line_items");
            ObjectNode shipmentLine = shipmentLines.addObject();
            shipmentLine.put("inventory_item_id", item.inventoryId());
            shipmentLine.put("sku", item.sku());
            shipmentLine.put("quantity", ret.quantity);
            ArrayNode details = shipmentLine.putArray("receiving_details");
            if (received) {
                ObjectNode detail = details.addObject();
                detail.put("quantity", ret.quantity);
                detail.put("condition", ret.damaged ? "damaged" : "good");
                detail.put("disposition", ret.damaged ? "scrapped" : "restocked");
            }
        }
        node.put("external_system_url", url("returns/" + World.returnId(ret.n)));
        node.set("trackstar_tags", F.arrayNode());
        node.set("additional_fields", additional("kit_parent_id", ret.parent == null ? null : ret.parent.id()));
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bills, ledger entries, labor activities

    ObjectNode bill(String id, String customerId, long at, String objectId, String objectType, String chargeType,
            double amount) {
        ObjectNode node = F.objectNode();
        node.put("id", id);
        node.put("warehouse_customer_id", customerId);
        node.put("created_date", date(at));
        node.put("updated_date", date(at));
        node.put("object_id", objectId);
        node.put("object_type", objectType);
        node.put("charge_type", chargeType);
        node.put("amount", round2(amount));
        node.put("currency_code", "USD");
        node.set("additional_fields", additional("invoice_period", date(at).substring(0, 7)));
        return node;
    }

    ObjectNode shipmentBill(World.OrderPlan o, int s) {
        List<Unit> units = units(o, o.shipQuantities[s]);
        int count = packageCount(units);
        double amount = 2.75;
        int total = 0;
        for (Unit u : units) {
            total += u.units();
        }
        amount += 0.55 * Math.max(0, total - 1);
        for (int p = 0; p < count; p++) {
            amount += packageCost(o, packageUnits(units, p, count));
        }
        return bill("bill_ful_" + (o.n + 1) + "_" + (s + 1), world.customers[o.customer].id(), o.shipTimes[s],
                World.orderId(o.n), "order", "fulfillment", amount);
    }

    ObjectNode receiptBill(World.InboundPlan plan, int r) {
        int units = 0;
        for (int q : plan.receiptQuantities[r]) {
            units += q;
        }
        return bill("bill_rcv_" + (plan.k + 1) + "_" + (r + 1), world.customers[plan.customer].id(),
                plan.receiptTimes[r], plan.id(), "inbound_shipment", "receiving", 25 + 0.35 * units);
    }

    ObjectNode returnBill(World.ReturnPlan ret, long receivedAt) {
        return bill("bill_ret_" + (ret.n + 1), world.customers[ret.order.customer].id(), receivedAt,
                World.returnId(ret.n), "return", "returns_processing", 3.5 + 0.5 * ret.quantity);
    }

    ObjectNode storageBill(int c, long m) {
        double amount = 150 + ((Rng.hash(world.seed, World.T_STORAGE, c, m) >>> 1) % 75000) / 100.0;
        return bill("bill_sto_" + (c + 1) + "_" + world.monthKey(m), world.customers[c].id(), world.monthStart(m), null,
                null, "storage", amount);
    }

    ObjectNode ledger(String id, long at, int item, int quantity, String eventType, String rawEventType, String reason,
            String objectId, String objectType, int w) {
        World.Product p = world.products[item];
        ObjectNode node = F.objectNode();
        node.put("id", id);
        node.put("created_date", date(at));
        node.put("updated_date", date(at));
        node.put("entry_date", date(at));
        node.put("inventory_item_id", p.inventoryId());
        node.put("sku", p.sku());
        node.put("quantity", quantity);
        node.put("raw_event_type", rawEventType);
        node.put("event_type", eventType);
        node.put("reason", reason);
        node.put("object_id", objectId);
        node.put("object_type", objectType);
        node.put("warehouse_id", world.warehouses[w].id());
        node.put("location_id", locationId(w, locationOf(item, w)));
        node.set("additional_fields", additional("warehouse_customer_id", world.customers[p.customer()].id()));
        return node;
    }

    String staffId(int w, long salt) {
        return "user_" + (w + 1) + "_" + (1 + (int) ((Rng.hash(world.seed, World.T_CATALOG, w, salt) >>> 1) % 4));
    }

    ObjectNode labor(String id, String userId, int w, String type, long start, long end, String objectType,
            String objectId, int quantity) {
        int staff = Integer.parseInt(userId.substring(userId.lastIndexOf('_') + 1)) - 1;
        ObjectNode node = F.objectNode();
        node.put("id", id);
        node.put("created_date", date(end));
        node.put("updated_date", date(end));
        node.put("user_id", userId);
        node.put("user_first_name", Names.STAFF_FIRST[(w * 4 + staff) % Names.STAFF_FIRST.length]);
        node.put("user_last_name", Names.STAFF_LAST[(w * 3 + staff) % Names.STAFF_LAST.length]);
        node.put("warehouse_id", world.warehouses[w].id());
        node.put("activity_type", type);
        node.put("activity_start_time", date(start));
        node.put("activity_end_time", date(end));
        node.put("associated_object_type", objectType);
        node.put("associated_object_id", objectId);
        node.put("quantity", quantity);
        node.set("additional_fields", additional("device", "RF-" + (w + 1) + "0" + (staff + 1)));
        return node;
    }
}
