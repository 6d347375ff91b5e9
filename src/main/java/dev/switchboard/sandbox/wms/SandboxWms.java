package dev.switchboard.sandbox.wms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.PageEnd;
import dev.switchboard.wms.adapter.SyncWindow;

/**
 * The simulated WMS's API over one {@link World}: pages of a function's records (changed in a window, or the whole
 * current set for snapshot functions) and single records by id, at an instant and under a connection's simulation
 * events. Pure: the same world, instant, events and cursor give the same page.
 *
 * <p>
 * Each function reads one or more <em>sources</em>, each a run of positions (order indexes, inbound shipment
 * indexes, months, ...) that each yield zero or more records. The opaque cursor is (source, position), so a page
 * costs what its positions cost and nothing is held between pages. Incremental functions skip the positions that
 * cannot have changed in the window: an order changes only within {@link World#ORDER_SPAN} of its creation, unless a
 * simulation event touched it, and those orders are a source of their own.
 */
final class SandboxWms {

    /** Positions one page examines at most, so a page of a sparse window still answers quickly. */
    static final int SCAN_BUDGET = 50_000;

    private final World world;
    private final Records records;

    SandboxWms(World world) {
        this.world = world;
        this.records = new Records(world);
    }

    World world() {
        return world;
    }

    Records records() {
        return records;
    }

    /** The state of one call: the instant, the window, the events, and what is computed once per call. */
    final class Ctx {

        final long now;
        final boolean windowed;
        final long sinceMs;
        final long untilMs;
        final EventIndex events;
        final long orders;
        private Stock stock;

        Ctx(long now, SyncWindow window, EventIndex events) {
            this.now = now;
            this.windowed = window != null;
            this.sinceMs = window == null || window.since() == null ? Long.MIN_VALUE : window.since().toEpochMilli();
            this.untilMs = window == null || window.until() == null ? Long.MAX_VALUE : window.until().toEpochMilli();
            this.events = events;
            this.orders = world.ordersUpTo(now);
        }

        /** The record exists now and, in a windowed call, was last updated inside the window. */
        boolean in(long updated) {
            if (updated < 0 || updated > now) {
                return false;
            }
            return !windowed || (updated * 1000 >= sinceMs && updated * 1000 < untilMs);
        }

        long sinceSec() {
            return sinceMs == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(sinceMs, 1000);
        }

        long lastSec() {
            return untilMs == Long.MAX_VALUE ? now : Math.min(now, Math.floorDiv(untilMs, 1000));
        }

        Stock stock() {
            if (stock == null) {
                stock = Stock.at(world, now, events);
            }
            return stock;
        }

        /** The orders [from, to) created late enough to have changed in the window, given how long they change. */
        long[] orderRange(long span) {
            if (!windowed) {
                return new long[]{ 0, orders };
            }
            long since = sinceSec();
            long from = since == Long.MIN_VALUE || since - span <= world.genesis
                    ? 0
                    : world.ordersUpTo(since - span - 1);
            return new long[]{ from, Math.min(orders, world.ordersUpTo(lastSec())) };
        }

        World.OrderPlan order(long n) {
            return world.order(n, events.forOrder(n));
        }
    }

    /** A run of positions, each yielding zero or more records. */
    interface Source {

        long[] bounds(Ctx c);

        void emit(Ctx c, long position, List<ObjectNode> out);
    }

    /** Order indexes within a span of the window, and (in a second source) those touched by simulation events. */
    private Source[] orders(long span, OrderEmitter emitter) {
        Source range = new Source() {

            @Override
            public long[] bounds(Ctx c) {
                return c.orderRange(span);
            }

            @Override
            public void emit(Ctx c, long n, List<ObjectNode> out) {
                emitter.emit(c, c.order(n), out);
            }
        };
        Source touched = new Source() {

            @Override
            public long[] bounds(Ctx c) {
                return new long[]{ 0, c.events.orderIndexes.length };
            }

            @Override
            public void emit(Ctx c, long position, List<ObjectNode> out) {
                long n = c.events.orderIndexes[(int) position];
                long[] range = c.orderRange(span);
                if (n < c.orders && (n < range[0] || n >= range[1])) {
                    emitter.emit(c, c.order(n), out);
                }
            }
        };
        return new Source[]{ range, touched };
    }

    @FunctionalInterface
    interface OrderEmitter {

        void emit(Ctx c, World.OrderPlan order, List<ObjectNode> out);
    }

    /** Returns hang off orders (same index); a received return's events make its order index a position too. */
    private Source[] returns(ReturnEmitter emitter) {
        Source range = new Source() {

            @Override
            public long[] bounds(Ctx c) {
                return c.orderRange(World.RETURN_SPAN);
            }

            @Override
            public void emit(Ctx c, long n, List<ObjectNode> out) {
                World.ReturnPlan ret = world.returnOf(c.order(n), c.events.forReturn(n));
                if (ret != null && ret.created <= c.now) {
                    emitter.emit(c, ret, out);
                }
            }
        };
        Source touched = new Source() {

            @Override
            public long[] bounds(Ctx c) {
                return new long[]{ 0, c.events.returnIndexes.length };
            }

            @Override
            public void emit(Ctx c, long position, List<ObjectNode> out) {
                long n = c.events.returnIndexes[(int) position];
                long[] range = c.orderRange(World.RETURN_SPAN);
                if (n < c.orders && (n < range[0] || n >= range[1])) {
                    World.ReturnPlan ret = world.returnOf(c.order(n), c.events.forReturn(n));
                    if (ret != null && ret.created <= c.now) {
                        emitter.emit(c, ret, out);
                    }
                }
            }
        };
        return new Source[]{ range, touched };
    }

    @FunctionalInterface
    interface ReturnEmitter {

        void emit(Ctx c, World.ReturnPlan ret, List<ObjectNode> out);
    }

    private Source inbound(InboundEmitter emitter) {
        return new Source() {

            @Override
            public long[] bounds(Ctx c) {
                return new long[]{ 0, world.inboundUpperBound(c.now) };
            }

            @Override
            public void emit(Ctx c, long k, List<ObjectNode> out) {
                World.InboundPlan plan = world.inbound(k);
                if (plan.created <= c.now) {
                    emitter.emit(c, plan, out);
                }
            }
        };
    }

    @FunctionalInterface
    interface InboundEmitter {

        void emit(Ctx c, World.InboundPlan plan, List<ObjectNode> out);
    }

    private static Source fixed(int count, Emitter emitter) {
        return new Source() {

            @Override
            public long[] bounds(Ctx c) {
                return new long[]{ 0, count };
            }

            @Override
            public void emit(Ctx c, long position, List<ObjectNode> out) {
                emitter.emit(c, (int) position, out);
            }
        };
    }

    @FunctionalInterface
    interface Emitter {

        void emit(Ctx c, int position, List<ObjectNode> out);
    }

    private static Source[] concat(Object... parts) {
        List<Source> sources = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Source[] many) {
                sources.addAll(List.of(many));
            } else {
                sources.add((Source) part);
            }
        }
        return sources.toArray(Source[]::new);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What each function reads

    Source[] sources(WmsFunction function) {
        return switch (function) {
            case GET_ORDERS -> orders(World.ORDER_SPAN, (c, o, out) -> {
                if (c.in(o.updatedAt(c.now))) {
                    out.add(records.order(o, c.now));
                }
            });
            case GET_ORDER_PACKS -> orders(World.ORDER_SPAN, (c, o, out) -> {
                long packed = o.packedAt(c.now);
                if (c.in(packed)) {
                    out.add(records.orderPack(o, packed));
                }
            });
            case GET_RETURNS -> returns((c, ret, out) -> {
                if (c.in(ret.updatedAt(c.now))) {
                    out.add(records.returnRecord(ret, c.now));
                }
            });
            case GET_INBOUND_SHIPMENTS -> new Source[]{ inbound((c, plan, out) -> {
                if (c.in(plan.updatedAt(c.now))) {
                    out.add(records.inbound(plan, c.now));
                }
            }) };
            case GET_PRODUCTS -> new Source[]{ fixed(world.products.length, (c, k, out) -> {
                World.Product p = world.products[k];
                if (c.in(records.productUpdated(p, c.now))) {
                    out.add(records.product(p, c.now));
                }
            }) };
            case GET_BILLS -> concat(orders(World.ORDER_SPAN, this::shipmentBills), returns((c, ret, out) -> {
                long received = ret.receivedAt(c.now);
                if (c.in(received)) {
                    out.add(records.returnBill(ret, received));
                }
            }), inbound((c, plan, out) -> {
                for (int r = 0; r < plan.receiptsAt(c.now); r++) {
                    if (c.in(plan.receiptTimes[r])) {
                        out.add(records.receiptBill(plan, r));
                    }
                }
            }), storageBills());
            case GET_INVENTORY_LEDGER -> concat(fixed(world.simpleProducts() * world.warehouses.length, (c, p, out) -> {
                int item = p / world.warehouses.length;
                int w = p % world.warehouses.length;
                if (c.in(world.openingBalanceAt())) {
                    out.add(records.ledger("led_open_" + (item + 1) + "_" + (w + 1), world.openingBalanceAt(), item,
                            world.openingBalance(item, w), "adjustment", "cycle_count", "Opening balance", null, null,
                            w));
                }
            }), orders(World.ORDER_SPAN, this::shipmentLedger), returns((c, ret, out) -> {
                long received = ret.receivedAt(c.now);
                if (ret.restocked(c.now) > 0 && c.in(received)) {
                    out.add(records.ledger("led_ret_" + (ret.n + 1), received, ret.item, ret.restocked(c.now),
                            "return_receipt", "rma_restock", ret.reason, World.returnId(ret.n), "return",
                            ret.order.warehouse));
                }
            }), inbound(this::receiptLedger));
            case GET_LABOR_ACTIVITIES -> new Source[]{ orders(World.ORDER_SPAN, this::orderLabor)[0],
                    inbound(this::receiptLabor) };
            case GET_INVENTORY -> new Source[]{ fixed(world.simpleProducts(),
                    (c, i, out) -> out.add(records.inventory(i, c.stock()))) };
            case GET_WAREHOUSES -> new Source[]{ fixed(world.warehouses.length,
                    (c, w, out) -> out.add(records.warehouse(world.warehouses[w]))) };
            case GET_WAREHOUSE_LOCATIONS -> new Source[]{
                    fixed(world.warehouses.length * world.settings.locationsPerWarehouse(), (c, p, out) -> out.add(
                            records.location(p / world.settings.locationsPerWarehouse(),
                                    p % world.settings.locationsPerWarehouse()))) };
            case GET_WAREHOUSE_CUSTOMERS -> new Source[]{ fixed(world.customers.length,
                    (c, i, out) -> out.add(records.customer(world.customers[i]))) };
            case GET_SHIPPING_METHODS -> new Source[]{ fixed(world.methods.length,
                    (c, i, out) -> out.add(records.method(world.methods[i]))) };
            case GET_ORDER_CHANNELS -> new Source[]{ fixed(world.channels.length,
                    (c, i, out) -> out.add(records.channel(world.channels[i]))) };
            case GET_INBOUND_SHIPMENT_SUPPLIERS -> new Source[]{ fixed(world.suppliers.length,
                    (c, i, out) -> out.add(records.supplier(world.suppliers[i]))) };
        };
    }

    private void shipmentBills(Ctx c, World.OrderPlan o, List<ObjectNode> out) {
        int count = o.shipmentsAt(c.now);
        for (int s = 0; s < count; s++) {
            if (c.in(o.shipTimes[s])) {
                out.add(records.shipmentBill(o, s));
            }
        }
    }

    private Source storageBills() {
        return new Source() {

            @Override
            public long[] bounds(Ctx c) {
                return new long[]{ 0, world.monthsUpTo(c.now) * world.customers.length };
            }

            @Override
            public void emit(Ctx c, long position, List<ObjectNode> out) {
                long m = position / world.customers.length;
                int customer = (int) (position % world.customers.length);
                if (c.in(world.monthStart(m))) {
                    out.add(records.storageBill(customer, m));
                }
            }
        };
    }

    private void shipmentLedger(Ctx c, World.OrderPlan o, List<ObjectNode> out) {
        int count = o.shipmentsAt(c.now);
        for (int s = 0; s < count; s++) {
            if (!c.in(o.shipTimes[s])) {
                continue;
            }
            List<Records.Unit> units = records.units(o, o.shipQuantities[s]);
            for (int j = 0; j < units.size(); j++) {
                Records.Unit u = units.get(j);
                out.add(records.ledger("led_shp_" + (o.n + 1) + "_" + (s + 1) + "_" + (j + 1), o.shipTimes[s], u.item(),
                        -u.units(), "order_shipment", "ship_confirm", null, World.orderId(o.n), "order",
                        o.warehouse));
            }
        }
    }

    private void receiptLedger(Ctx c, World.InboundPlan plan, List<ObjectNode> out) {
        for (int r = 0; r < plan.receiptsAt(c.now); r++) {
            if (!c.in(plan.receiptTimes[r])) {
                continue;
            }
            for (int i = 0; i < plan.items.length; i++) {
                if (plan.receiptQuantities[r][i] > 0) {
                    out.add(records.ledger("led_rcv_" + (plan.k + 1) + "_" + (r + 1) + "_" + (i + 1),
                            plan.receiptTimes[r], plan.items[i], plan.receiptQuantities[r][i], "inbound_receipt",
                            "receipt_into_system", null, plan.id(), "inbound_shipment", plan.warehouse));
                }
            }
        }
    }

    private void orderLabor(Ctx c, World.OrderPlan o, List<ObjectNode> out) {
        long picked = o.reached(World.OrderStatus.PICKED, c.now);
        long packed = o.reached(World.OrderStatus.PACKED, c.now);
        int units = 0;
        for (int q : o.lineQuantities) {
            units += q;
        }
        if (c.in(picked)) {
            long start = picked - (3 + (o.n * 7) % 23) * World.MINUTE;
            out.add(records.labor("la_pick_" + (o.n + 1), records.staffId(o.warehouse, o.n), o.warehouse, "pick", start,
                    picked, "order", World.orderId(o.n), units));
        }
        if (c.in(packed)) {
            long start = packed - (2 + (o.n * 5) % 9) * World.MINUTE;
            out.add(records.labor("la_pack_" + (o.n + 1), records.staffId(o.warehouse, o.n + 1), o.warehouse, "pack",
                    start, packed, "order", World.orderId(o.n), units));
        }
    }

    private void receiptLabor(Ctx c, World.InboundPlan plan, List<ObjectNode> out) {
        for (int r = 0; r < plan.receiptsAt(c.now); r++) {
            long received = plan.receiptTimes[r];
            int units = 0;
            for (int q : plan.receiptQuantities[r]) {
                units += q;
            }
            String suffix = (plan.k + 1) + "_" + (r + 1);
            if (c.in(received)) {
                out.add(records.labor("la_rcv_" + suffix, records.staffId(plan.warehouse, plan.k * 2 + r),
                        plan.warehouse, "receive", received - (30 + plan.k % 60) * World.MINUTE, received,
                        "inbound_shipment", plan.id(), units));
            }
            long stowed = received + (60 + (plan.k * 13 + r) % 120) * World.MINUTE;
            if (c.in(stowed)) {
                out.add(records.labor("la_put_" + suffix, records.staffId(plan.warehouse, plan.k * 2 + r + 1),
                        plan.warehouse, "put_away", received, stowed, "inbound_shipment", plan.id(), units));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Paging and single records

    Page page(WmsFunction function, SyncWindow window, String cursor, long now, EventIndex events) {
        return Page.collect(sink -> page(function, window, cursor, now, events, sink));
    }

    /** A page, each record handed to {@code sink} as soon as it is made (no page of records is ever held). */
    PageEnd page(WmsFunction function, SyncWindow window, String cursor, long now, EventIndex events,
            Consumer<ObjectNode> sink) {
        Ctx c = new Ctx(now, function.snapshot() ? null : window, events);
        Source[] sources = sources(function);
        int source = 0;
        long position = Long.MIN_VALUE;
        if (cursor != null) {
            long[] decoded = decode(cursor, function);
            source = (int) decoded[0];
            position = decoded[1];
        }
        List<ObjectNode> out = new ArrayList<>(); // the records of one position
        int pageSize = world.settings.pageSize();
        int emitted = 0;
        int scanned = 0;
        for (; source < sources.length; source++, position = Long.MIN_VALUE) {
            long[] bounds = sources[source].bounds(c);
            if (position < bounds[0]) {
                position = bounds[0];
            }
            while (position < bounds[1]) {
                sources[source].emit(c, position++, out);
                emitted += out.size();
                out.forEach(sink);
                out.clear();
                if (emitted >= pageSize || ++scanned >= SCAN_BUDGET) {
                    boolean more = position < bounds[1] || source + 1 < sources.length;
                    return new PageEnd(more ? encode(source, position) : null, more ? null : highWater(c));
                }
            }
        }
        return new PageEnd(null, highWater(c));
    }

    private static Instant highWater(Ctx c) {
        if (!c.windowed) {
            return null;
        }
        long last = c.untilMs == Long.MAX_VALUE ? c.now * 1000 : Math.min(c.untilMs, (c.now + 1) * 1000 - 1);
        return Instant.ofEpochMilli(last);
    }

    static String encode(int source, long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("sbx1:" + source + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decode(String cursor, WmsFunction function) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length == 3 && parts[0].equals("sbx1")) {
                return new long[]{ Integer.parseInt(parts[1]), Long.parseLong(parts[2]) };
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new AdapterException(AdapterException.Kind.PERMANENT, "The sandbox does not recognise the cursor "
                + cursor + " of " + function.value() + ".", null, function, 400, null);
    }

    /** One record by the simulated system's id, as it is now; empty when there is no such record (yet). */
    Optional<ObjectNode> one(WmsFunction function, String id, long now, EventIndex events) {
        if (id == null) {
            return Optional.empty();
        }
        Ctx c = new Ctx(now, null, events);
        Source[] sources = sources(function);
        long[] target = locate(function, id, c);
        if (target == null || target[0] >= sources.length) {
            return Optional.empty();
        }
        long[] bounds = sources[(int) target[0]].bounds(c);
        if (target[1] < bounds[0] || target[1] >= bounds[1]) {
            return Optional.empty();
        }
        List<ObjectNode> out = new ArrayList<>();
        sources[(int) target[0]].emit(c, target[1], out);
        return out.stream().filter(r -> id.equals(r.path("id").asText(null))).findFirst();
    }

    /**
     * The (source, position) whose records include {@code id}, or null. An unwindowed call's order range covers every
     * order, so the first source of each pair finds orders touched by events too.
     */
    private long[] locate(WmsFunction function, String id, Ctx c) {
        String[] parts = id.split("_");
        long first = parts.length > 1 ? World.indexOf("x_" + parts[parts.length > 2 ? 2 : 1], "x_") : -1;
        int warehouses = world.warehouses.length;
        return switch (function) {
            case GET_ORDERS, GET_ORDER_PACKS -> at(0, World.indexOf(id, "ord_"));
            case GET_RETURNS -> at(0, World.indexOf(id, "rma_"));
            case GET_INBOUND_SHIPMENTS -> at(0, World.indexOf(id, "asn_"));
            case GET_PRODUCTS -> at(0, World.indexOf(id, "prod_"));
            case GET_INVENTORY -> at(0, World.indexOf(id, "inv_"));
            case GET_WAREHOUSES -> at(0, World.indexOf(id, "wh_"));
            case GET_WAREHOUSE_CUSTOMERS -> at(0, World.indexOf(id, "cust_"));
            case GET_INBOUND_SHIPMENT_SUPPLIERS -> at(0, World.indexOf(id, "sup_"));
            case GET_SHIPPING_METHODS -> {
                for (int m = 0; m < world.methods.length; m++) {
                    if (world.methods[m].id().equals(id)) {
                        yield at(0, m);
                    }
                }
                yield null;
            }
            case GET_ORDER_CHANNELS -> parts.length == 3 && parts[0].equals("ch")
                    ? at(0, (World.indexOf("x_" + parts[1], "x_") * 3) + World.indexOf("x_" + parts[2], "x_"))
                    : null;
            case GET_WAREHOUSE_LOCATIONS -> parts.length == 3 && parts[0].equals("loc")
                    ? pair(World.indexOf("x_" + parts[1], "x_"), World.indexOf("x_" + parts[2], "x_"),
                            world.settings.locationsPerWarehouse(), warehouses)
                    : null;
            case GET_BILLS -> parts.length < 3 || !parts[0].equals("bill") ? null : switch (parts[1]) {
                case "ful" -> at(0, first);
                case "ret" -> at(2, first);
                case "rcv" -> at(4, first);
                case "sto" ->
                    parts.length == 4 ? storagePosition(parts[3], World.indexOf("x_" + parts[2], "x_")) : null;
                default -> null;
            };
            case GET_INVENTORY_LEDGER -> parts.length < 3 || !parts[0].equals("led") ? null : switch (parts[1]) {
                case "open" -> parts.length == 4
                        ? pair(first, World.indexOf("x_" + parts[3], "x_"), warehouses,
                                world.simpleProducts())
                        : null;
                case "shp" -> at(1, first);
                case "ret" -> at(3, first);
                case "rcv" -> at(5, first);
                default -> null;
            };
            case GET_LABOR_ACTIVITIES -> parts.length < 3 || !parts[0].equals("la") ? null : switch (parts[1]) {
                case "pick", "pack" -> at(0, first);
                case "rcv", "put" -> at(1, first);
                default -> null;
            };
        };
    }

    private static long[] at(int source, long position) {
        return position < 0 ? null : new long[]{ source, position };
    }

    /** Item (or warehouse) a and b of counts: position a * bCount + b. */
    private static long[] pair(long a, long b, int bCount, int aCount) {
        return a < 0 || b < 0 || b >= bCount || a >= aCount ? null : new long[]{ 0, a * bCount + b };
    }

    private long[] storagePosition(String month, long customer) {
        if (customer < 0 || customer >= world.customers.length) {
            return null;
        }
        for (long m = 0; m < 10_000; m++) {
            String key = world.monthKey(m);
            if (key.equals(month)) {
                return new long[]{ 5, m * world.customers.length + customer };
            }
            if (key.compareTo(month) > 0) {
                return null;
            }
        }
        return null;
    }
}
