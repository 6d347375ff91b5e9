package dev.switchboard.sandbox.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.SyncWindow;

/** The simulated WMS without Quarkus: its records, invariants, determinism and movement over time. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxWorldTest {

    static final Instant CREATED = Instant.parse("2026-06-01T12:00:00Z");
    static final long DAY = 86_400;
    /** The connection was made; its 90 days of history exist. */
    static final long NOW = CREATED.getEpochSecond();

    static SandboxWms wms(String connectionId) {
        return wms(connectionId, SandboxSettings.defaults());
    }

    static SandboxWms wms(String connectionId, SandboxSettings settings) {
        return new SandboxWms(new World(connectionId, CREATED, settings, "http://localhost:8080"));
    }

    /** Every record of a function, page by page, as the sync engine reads it. */
    static List<ObjectNode> all(SandboxWms wms, WmsFunction function, SyncWindow window, long now, EventIndex events) {
        List<ObjectNode> records = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page page = wms.page(function, window, cursor, now, events);
            assertTrue(page.records().size() <= wms.world().settings.pageSize() + 64, "pages are bounded");
            records.addAll(page.records());
            cursor = page.nextCursor();
            assertTrue(++pages < 100_000, "paging ends");
        } while (cursor != null);
        return records;
    }

    static List<ObjectNode> all(SandboxWms wms, WmsFunction function, long now) {
        return all(wms, function, new SyncWindow(null, Instant.ofEpochSecond(now + 1)), now, EventIndex.NONE);
    }

    static Map<String, ObjectNode> byId(List<ObjectNode> records) {
        return records.stream().collect(Collectors.toMap(r -> r.get("id").asText(), Function.identity()));
    }

    static long time(JsonNode date) {
        return Instant.parse(date.asText()).getEpochSecond();
    }

    @Test
    void every_function_returns_records_in_trackstars_read_schemas() {
        SandboxWms wms = wms("conn_schema");
        for (WmsFunction function : WmsFunction.values()) {
            List<ObjectNode> records = all(wms, function, NOW);
            assertFalse(records.isEmpty(), function + " has records");
            // The validator takes milliseconds a record: a spread of each function's records, and one of each status.
            List<ObjectNode> sample = new ArrayList<>();
            Set<String> statuses = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                if (i % Math.max(1, records.size() / 150) == 0
                        || statuses.add(records.get(i).path("status").asText())) {
                    sample.add(records.get(i));
                }
            }
            assertEquals(List.of(), ReadSchemas.problems(function, sample),
                    function + " records match the read schema");
            for (ObjectNode record : records) {
                assertTrue(record.hasNonNull("id") && record.hasNonNull("created_date")
                        && record.hasNonNull("updated_date"), function + " records carry id and dates");
                assertFalse(record.has("trackstar_created_date") || record.has("trackstar_updated_date"),
                        "the store adds Switchboard's dates, not the adapter");
            }
        }
    }

    @Test
    void the_schema_check_can_fail() {
        ObjectNode order = all(wms("conn_schema"), WmsFunction.GET_ORDERS, NOW).get(0);
        order.put("not_in_the_schema", 1);
        assertFalse(ReadSchemas.problems(WmsFunction.GET_ORDERS, List.of(order)).isEmpty());
        ObjectNode other = all(wms("conn_schema"), WmsFunction.GET_ORDERS, NOW).get(0);
        other.put("status", "lost");
        assertFalse(ReadSchemas.problems(WmsFunction.GET_ORDERS, List.of(other)).isEmpty());
    }

    @Test
    void the_default_world_holds_a_few_thousand_orders_over_ninety_days_in_every_status() {
        List<ObjectNode> orders = all(wms("conn_volume"), WmsFunction.GET_ORDERS, NOW);
        assertTrue(orders.size() > 3000 && orders.size() < 4000, "orders: " + orders.size());
        Set<String> statuses = orders.stream().map(o -> o.get("status").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("open", "confirmed", "processing", "picked", "packed", "partially_fulfilled", "fulfilled",
                "exception", "cancelled", "backordered", "other"), statuses);
        assertEquals(Set.of("d2c", "b2b"),
                orders.stream().map(o -> o.get("type").asText()).collect(Collectors.toSet()));
        long oldest = orders.stream().mapToLong(o -> time(o.get("created_date"))).min().orElseThrow();
        assertTrue(NOW - oldest >= 89 * DAY && NOW - oldest <= 90 * DAY, "history starts 90 days back");
        for (ObjectNode order : orders) {
            assertEquals(order.get("status").asText(), order.get("status").asText());
            assertTrue(order.hasNonNull("raw_status"));
            assertTrue(order.get("external_system_url").asText().endsWith("/wms/orders/" + order.get("id").asText()));
        }
    }

    @Test
    void products_kits_orders_and_shipments_reference_what_exists() {
        SandboxWms wms = wms("conn_refs");
        Map<String, ObjectNode> products = byId(all(wms, WmsFunction.GET_PRODUCTS, NOW));
        Map<String, ObjectNode> inventory = byId(all(wms, WmsFunction.GET_INVENTORY, NOW));
        Set<String> warehouses = byId(all(wms, WmsFunction.GET_WAREHOUSES, NOW)).keySet();
        Set<String> customers = byId(all(wms, WmsFunction.GET_WAREHOUSE_CUSTOMERS, NOW)).keySet();
        Set<String> methods = byId(all(wms, WmsFunction.GET_SHIPPING_METHODS, NOW)).keySet();
        Set<String> channels = byId(all(wms, WmsFunction.GET_ORDER_CHANNELS, NOW)).keySet();
        Set<String> suppliers = byId(all(wms, WmsFunction.GET_INBOUND_SHIPMENT_SUPPLIERS, NOW)).keySet();
        Map<String, ObjectNode> locations = byId(all(wms, WmsFunction.GET_WAREHOUSE_LOCATIONS, NOW));
        locations.values().forEach(l -> assertTrue(warehouses.contains(l.get("warehouse_id").asText())));

        long kits = products.values().stream().filter(p -> p.get("is_kit").asBoolean()).count();
        assertEquals(6, kits);
        for (ObjectNode product : products.values()) {
            assertTrue(customers.contains(product.get("warehouse_customer_id").asText()));
            JsonNode items = product.get("inventory_items");
            assertEquals(product.get("is_kit").asBoolean() ? true : false, items.size() > 1);
            for (JsonNode item : items) {
                ObjectNode inv = inventory.get(item.get("inventory_item_id").asText());
                assertTrue(inv != null, "inventory item exists");
                assertEquals(inv.get("sku").asText(), item.get("sku").asText());
            }
        }
        for (ObjectNode inv : inventory.values()) {
            for (JsonNode location : inv.get("locations")) {
                assertTrue(locations.containsKey(location.get("location_id").asText()));
            }
        }
        int shipments = 0;
        for (ObjectNode order : all(wms, WmsFunction.GET_ORDERS, NOW)) {
            assertTrue(customers.contains(order.get("warehouse_customer_id").asText()));
            assertTrue(warehouses.contains(order.get("warehouse_id").asText()));
            assertTrue(methods.contains(order.get("shipping_method_id").asText()));
            assertTrue(channels.contains(order.get("channel_object").get("channel_id").asText()));
            for (JsonNode line : order.get("line_items")) {
                ObjectNode product = products.get(line.get("product_id").asText());
                assertEquals(product.get("sku").asText(), line.get("sku").asText());
                assertEquals(order.get("warehouse_customer_id"), product.get("warehouse_customer_id"));
            }
            String status = order.get("status").asText();
            assertEquals(status.equals("fulfilled") || status.equals("partially_fulfilled")
                    || order.get("shipments").size() > 0 && status.equals("exception"),
                    order.get("shipments").size() > 0,
                    "shipments exist exactly when the order shipped");
            for (JsonNode shipment : order.get("shipments")) {
                shipments++;
                assertEquals("shipped", shipment.get("status").asText());
                assertTrue(shipment.get("packages").size() >= 1);
                int shipped = 0;
                for (JsonNode line : shipment.get("line_items")) {
                    assertTrue(inventory.containsKey(line.get("inventory_item_id").asText()));
                    shipped += line.get("quantity").asInt();
                }
                int packed = 0;
                for (JsonNode pkg : shipment.get("packages")) {
                    assertTrue(pkg.get("tracking_number").asText().length() >= 10);
                    assertTrue(pkg.get("tracking_url").asText().contains(pkg.get("tracking_number").asText()));
                    assertTrue(pkg.get("measurements").get("weight").asDouble() > 0);
                    for (JsonNode line : pkg.get("line_items")) {
                        packed += line.get("quantity").asInt();
                    }
                }
                assertEquals(shipped, packed, "packages hold the shipment's units");
            }
        }
        assertTrue(shipments > 2500);
        for (ObjectNode inbound : all(wms, WmsFunction.GET_INBOUND_SHIPMENTS, NOW)) {
            assertTrue(suppliers.contains(inbound.get("supplier_object").get("supplier_id").asText()));
            Map<String, Integer> received = new HashMap<>();
            for (JsonNode receipt : inbound.get("receipts")) {
                for (JsonNode line : receipt.get("line_items")) {
                    received.merge(line.get("inventory_item_id").asText(), line.get("quantity").asInt(), Integer::sum);
                }
            }
            for (JsonNode line : inbound.get("line_items")) {
                assertTrue(inventory.containsKey(line.get("inventory_item_id").asText()));
                assertEquals(received.getOrDefault(line.get("inventory_item_id").asText(), 0),
                        line.get("received_quantity").asInt(), "receipts add up to the received quantity");
            }
        }
        Map<String, ObjectNode> orders = byId(all(wms, WmsFunction.GET_ORDERS, NOW));
        List<ObjectNode> returns = all(wms, WmsFunction.GET_RETURNS, NOW);
        assertTrue(returns.size() > 50, "returns: " + returns.size());
        for (ObjectNode ret : returns) {
            ObjectNode order = orders.get(ret.get("order_id").asText());
            assertEquals("fulfilled", order.get("status").asText());
            assertTrue(time(ret.get("created_date")) > time(order.get("updated_date")));
        }
    }

    @Test
    void inventory_adds_up_and_equals_its_ledger_per_warehouse() {
        SandboxWms wms = wms("conn_stock");
        for (long now : new long[]{ NOW - 80 * DAY, NOW - 31 * DAY + 7_777, NOW, NOW + 45 * DAY }) {
            List<ObjectNode> inventory = all(wms, WmsFunction.GET_INVENTORY, now);
            Map<String, Integer> ledger = new HashMap<>();
            for (ObjectNode entry : all(wms, WmsFunction.GET_INVENTORY_LEDGER, now)) {
                assertTrue(time(entry.get("entry_date")) <= now);
                ledger.merge(entry.get("inventory_item_id").asText() + "@" + entry.get("warehouse_id").asText(),
                        entry.get("quantity").asInt(), Integer::sum);
            }
            int committed = 0;
            for (ObjectNode item : inventory) {
                int onhand = item.get("onhand").asInt();
                assertEquals(onhand, item.get("committed").asInt() + item.get("fulfillable").asInt()
                        + item.get("unfulfillable").asInt(), "onhand = committed + fulfillable + unfulfillable");
                int sum = 0;
                var warehouses = item.get("inventory_by_warehouse_id").fields();
                while (warehouses.hasNext()) {
                    var entry = warehouses.next();
                    JsonNode w = entry.getValue();
                    assertEquals(w.get("onhand").asInt(), w.get("committed").asInt() + w.get("fulfillable").asInt()
                            + w.get("unfulfillable").asInt(), "per warehouse too");
                    for (String field : List.of("onhand", "committed", "fulfillable", "unfulfillable", "awaiting")) {
                        assertTrue(w.get(field).asInt() >= 0, field + " is never negative");
                    }
                    assertEquals(ledger.get(item.get("id").asText() + "@" + entry.getKey()), w.get("onhand").asInt(),
                            "the ledger sums to the stock on hand");
                    sum += w.get("onhand").asInt();
                }
                assertEquals(onhand, sum);
                committed += item.get("committed").asInt();
            }
            assertTrue(committed > 0, "open orders hold stock");
        }
    }

    @Test
    void the_same_connection_gives_the_same_world_and_another_a_different_one() {
        SandboxWms first = wms("conn_same");
        SandboxWms again = wms("conn_same");
        SandboxWms other = wms("conn_other");
        for (WmsFunction function : EnumSet.of(WmsFunction.GET_ORDERS, WmsFunction.GET_INVENTORY,
                WmsFunction.GET_PRODUCTS, WmsFunction.GET_RETURNS, WmsFunction.GET_BILLS, WmsFunction.GET_WAREHOUSES)) {
            List<ObjectNode> a = all(first, function, NOW);
            assertEquals(a, all(again, function, NOW), function + " is deterministic");
            assertNotEquals(a, all(other, function, NOW), function + " differs between connections");
        }
    }

    @Test
    void paging_returns_every_record_exactly_once() {
        SandboxWms small = wms("conn_pages", SandboxSettings.defaults().withPageSize(37));
        SandboxWms big = wms("conn_pages", SandboxSettings.defaults().withPageSize(100_000));
        for (WmsFunction function : WmsFunction.values()) {
            SyncWindow window = new SyncWindow(Instant.ofEpochSecond(NOW - 20 * DAY), Instant.ofEpochSecond(NOW));
            List<ObjectNode> paged = all(small, function, window, NOW, EventIndex.NONE);
            Set<String> ids = new HashSet<>();
            paged.forEach(r -> assertTrue(ids.add(r.get("id").asText()), "no duplicate " + r.get("id")));
            assertEquals(byId(all(big, function, window, NOW, EventIndex.NONE)).keySet(), ids, function.value());
        }
    }

    @Test
    void an_incremental_window_returns_exactly_the_records_updated_in_it() {
        SandboxWms wms = wms("conn_window");
        long now = NOW + 3 * DAY + 1234;
        for (WmsFunction function : WmsFunction.values()) {
            if (function.snapshot()) {
                continue;
            }
            List<ObjectNode> everything = all(wms, function, now);
            for (long[] window : new long[][]{ { now - 3600, now }, { now - 10 * DAY, now - 9 * DAY },
                    { NOW - 40 * DAY, NOW - 20 * DAY } }) {
                Set<String> expected = everything.stream()
                        .filter(r -> time(r.get("updated_date")) >= window[0]
                                && time(r.get("updated_date")) < window[1])
                        .map(r -> r.get("id").asText()).collect(Collectors.toSet());
                Set<String> got = byId(all(wms, function, new SyncWindow(Instant.ofEpochSecond(window[0]),
                        Instant.ofEpochSecond(window[1])), now, EventIndex.NONE)).keySet();
                assertEquals(expected, got, function + " in " + window[0] + ".." + window[1]);
            }
        }
        assertFalse(all(wms, WmsFunction.GET_ORDERS, new SyncWindow(Instant.ofEpochSecond(now - 3600),
                Instant.ofEpochSecond(now)), now, EventIndex.NONE).isEmpty(), "an hourly sync finds changed orders");
    }

    static final List<String> CHAIN = List.of("open", "confirmed", "other", "backordered", "processing", "picked",
            "packed", "exception", "partially_fulfilled", "fulfilled", "cancelled");

    @Test
    void orders_move_forward_with_time_and_new_ones_arrive() {
        SandboxWms wms = wms("conn_time", SandboxSettings.defaults().withOrdersPerDay(12));
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Long> updated = new HashMap<>();
        int count = 0;
        int moved = 0;
        for (long now = NOW - 10 * DAY; now <= NOW + 5 * DAY; now += 8 * 3600) {
            List<ObjectNode> orders = all(wms, WmsFunction.GET_ORDERS, now);
            assertTrue(orders.size() >= count, "orders are never lost");
            assertTrue(now == NOW - 10 * DAY || orders.size() > count, "new orders arrive");
            count = orders.size();
            for (ObjectNode order : orders) {
                String id = order.get("id").asText();
                int r = CHAIN.indexOf(order.get("status").asText());
                Integer before = rank.put(id, r);
                if (before != null) {
                    assertTrue(r >= before, id + " went back from " + CHAIN.get(before) + " to " + CHAIN.get(r));
                    moved += r > before ? 1 : 0;
                }
                Long last = updated.put(id, time(order.get("updated_date")));
                assertTrue(last == null || last <= time(order.get("updated_date")));
                assertTrue(time(order.get("updated_date")) <= now);
            }
        }
        assertTrue(moved > 200, "orders progress: " + moved);
    }

    @Test
    void inbound_shipments_are_received_over_time() {
        SandboxWms wms = wms("conn_inbound");
        Map<String, ObjectNode> before = byId(all(wms, WmsFunction.GET_INBOUND_SHIPMENTS, NOW));
        Map<String, ObjectNode> after = byId(all(wms, WmsFunction.GET_INBOUND_SHIPMENTS, NOW + 8 * DAY));
        assertTrue(after.size() > before.size());
        long received = before.keySet().stream().filter(id -> !before.get(id).get("status").asText().equals("received")
                && after.get(id).get("status").asText().equals("received")).count();
        assertTrue(received > 0, "open inbound shipments get received");
        Set<String> statuses = new HashSet<>();
        for (long now = NOW; now < NOW + 14 * DAY; now += 12 * 3600) {
            all(wms, WmsFunction.GET_INBOUND_SHIPMENTS, now).forEach(i -> statuses.add(i.get("status").asText()));
        }
        assertTrue(statuses.containsAll(Set.of("open", "in-transit", "receiving", "received")), statuses.toString());
    }

    @Test
    void a_fulfil_simulation_ships_the_order_and_moves_stock_ledger_and_bills() {
        SandboxWms wms = wms("conn_sim");
        long now = NOW + 600;
        ObjectNode open = all(wms, WmsFunction.GET_ORDERS, now).stream()
                .filter(o -> o.get("status").asText().equals("open") && o.get("line_items").size() >= 2)
                .findFirst().orElseThrow();
        String id = open.get("id").asText();
        Map<String, ObjectNode> stockBefore = byId(all(wms, WmsFunction.GET_INVENTORY, now));

        EventIndex partial = new EventIndex(List.of(new SimEvent(SimEvent.Kind.ORDER_PARTIAL_FULFILL, id, now, 1)),
                now);
        ObjectNode half = wms.one(WmsFunction.GET_ORDERS, id, now, partial).orElseThrow();
        assertEquals("partially_fulfilled", half.get("status").asText());
        assertEquals(now, time(half.get("updated_date")));
        assertEquals(1, half.get("shipments").size());

        long later = now + 120;
        EventIndex full = new EventIndex(List.of(new SimEvent(SimEvent.Kind.ORDER_PARTIAL_FULFILL, id, now, 1),
                new SimEvent(SimEvent.Kind.ORDER_FULFILL, id, later, 2)), later);
        ObjectNode done = wms.one(WmsFunction.GET_ORDERS, id, later, full).orElseThrow();
        assertEquals("fulfilled", done.get("status").asText());
        assertEquals(2, done.get("shipments").size());
        assertEquals(List.of(), ReadSchemas.problems(WmsFunction.GET_ORDERS, List.of(done)));

        // The change is what an incremental sync after it finds.
        Set<String> changed = byId(all(wms, WmsFunction.GET_ORDERS, new SyncWindow(Instant.ofEpochSecond(later),
                Instant.ofEpochSecond(later + 1)), later, full)).keySet();
        assertTrue(changed.contains(id));
        // Before the event happened, the order was untouched.
        assertEquals(open, wms.one(WmsFunction.GET_ORDERS, id, now - 1,
                new EventIndex(full.forOrder(World.indexOf(id, "ord_")), now - 1)).orElseThrow());

        Map<String, Integer> shipped = new HashMap<>();
        for (JsonNode shipment : done.get("shipments")) {
            for (JsonNode line : shipment.get("line_items")) {
                shipped.merge(line.get("inventory_item_id").asText(), line.get("quantity").asInt(), Integer::sum);
            }
        }
        Map<String, ObjectNode> stockAfter = byId(all(wms, WmsFunction.GET_INVENTORY, later, full));
        String warehouse = done.get("warehouse_id").asText();
        for (Map.Entry<String, Integer> item : shipped.entrySet()) {
            JsonNode before = stockBefore.get(item.getKey()).get("inventory_by_warehouse_id").get(warehouse);
            JsonNode after = stockAfter.get(item.getKey()).get("inventory_by_warehouse_id").get(warehouse);
            assertTrue(after.get("onhand").asInt() <= before.get("onhand").asInt() - item.getValue(),
                    "shipped units leave the shelf");
        }
        List<ObjectNode> ledger = all(wms, WmsFunction.GET_INVENTORY_LEDGER,
                new SyncWindow(Instant.ofEpochSecond(now), Instant.ofEpochSecond(later + 1)), later, full);
        assertTrue(ledger.stream().anyMatch(e -> e.get("object_id").asText().equals(id)
                && e.get("event_type").asText().equals("order_shipment")));
        assertTrue(wms.one(WmsFunction.GET_BILLS, "bill_ful_" + id.substring(4) + "_2", later, full).isPresent());
    }

    static List<ObjectNode> all(SandboxWms wms, WmsFunction function, long now, EventIndex events) {
        return all(wms, function, new SyncWindow(null, Instant.ofEpochSecond(now + 1)), now, events);
    }

    @Test
    void a_receive_simulation_receives_the_return() {
        SandboxWms wms = wms("conn_rma");
        long now = NOW + 60;
        ObjectNode open = all(wms, WmsFunction.GET_RETURNS, now).stream()
                .filter(r -> Set.of("open", "in-transit").contains(r.get("status").asText())).findFirst().orElseThrow();
        String id = open.get("id").asText();
        EventIndex events = new EventIndex(List.of(new SimEvent(SimEvent.Kind.RETURN_RECEIVE, id, now, 1)), now);
        ObjectNode received = wms.one(WmsFunction.GET_RETURNS, id, now, events).orElseThrow();
        assertEquals("received", received.get("status").asText());
        assertEquals(now, time(received.get("updated_date")));
        JsonNode line = received.get("line_items").get(0);
        assertEquals(line.get("expected_quantity"), line.get("received_quantity"));
        assertEquals(List.of(), ReadSchemas.problems(WmsFunction.GET_RETURNS, List.of(received)));
        assertTrue(wms.one(WmsFunction.GET_BILLS, "bill_ret_" + id.substring(4), now, events).isPresent());
    }

    @Test
    void every_record_is_found_by_its_id_and_unknown_ids_are_not() {
        SandboxWms wms = wms("conn_one");
        for (WmsFunction function : WmsFunction.values()) {
            List<ObjectNode> records = all(wms, function, NOW);
            for (int i = 0; i < records.size(); i += Math.max(1, records.size() / 15)) {
                ObjectNode record = records.get(i);
                assertEquals(record, wms.one(function, record.get("id").asText(), NOW, EventIndex.NONE).orElse(null),
                        function + " " + record.get("id"));
            }
            for (String unknown : List.of("nope", "ord_0", "ord_99999999", "bill_ful_x_1", "led_open_1_99", "",
                    "loc_1_999", "ch_9_9", "rma_1", "la_pick_99999999")) {
                if (records.stream().noneMatch(r -> r.get("id").asText().equals(unknown))) {
                    assertTrue(wms.one(function, unknown, NOW, EventIndex.NONE).isEmpty(), function + " " + unknown);
                }
            }
        }
        // A future order does not exist yet.
        String future = World.orderId(wms.world().ordersUpTo(NOW));
        assertTrue(wms.one(WmsFunction.GET_ORDERS, future, NOW, EventIndex.NONE).isEmpty());
        assertTrue(wms.one(WmsFunction.GET_ORDERS, future, NOW + DAY, EventIndex.NONE).isPresent());
    }

    @Test
    void dates_are_written_as_trackstar_writes_them() {
        for (long t : new long[]{ 0, 951_782_400, 1_709_164_799, NOW, 4_102_444_800L - 1, 253_402_300_799L }) {
            assertEquals(Instant.ofEpochSecond(t).toString(), Records.date(t));
        }
        for (long t = NOW - 800 * DAY; t < NOW + 800 * DAY; t += 86_399) {
            assertEquals(Instant.ofEpochSecond(t).toString(), Records.date(t));
        }
    }

    @Test
    void a_foreign_cursor_is_refused() {
        SandboxWms wms = wms("conn_cursor");
        AdapterException e = org.junit.jupiter.api.Assertions.assertThrows(AdapterException.class,
                () -> wms.page(WmsFunction.GET_ORDERS, null, "not-a-cursor", NOW, EventIndex.NONE));
        assertEquals(AdapterException.Kind.PERMANENT, e.kind());
        assertNull(wms.page(WmsFunction.GET_WAREHOUSES, null, null, NOW, EventIndex.NONE).nextCursor());
    }
}
