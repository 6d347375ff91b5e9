package dev.switchboard.sandbox.wms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One connection's simulated WMS: its fixed catalog (warehouses, locations, merchants, products and kits, suppliers,
 * shipping methods, channels) and the plans of everything that happens over time (orders, inbound shipments,
 * returns). Every record at instant t is a pure function of (seed, genesis, settings, t, simulation events): nothing
 * is stored but the few catalog arrays built here, so a world of 200,000 orders costs a few kilobytes.
 *
 * <p>
 * Orders arrive one every {@code 86400 / ordersPerDay} seconds (jittered inside their slot, so creation times are
 * monotonic in the order index) from {@code genesis}, which is the connection's creation minus the history days, and
 * keep arriving for as long as the connection lives. Each order's plan (lines, fate, the times of its status changes
 * and shipments) comes from its own random stream; simulation events cut a plan short and finish it their way.
 */
final class World {

    static final long MINUTE = 60;
    static final long HOUR = 3600;
    static final long DAY = 86400;
    /** No order changes more than this after its creation (unless a simulation event touches it). */
    static final long ORDER_SPAN = 10 * DAY;
    /** Nor a return after its order's creation. */
    static final long RETURN_SPAN = ORDER_SPAN + 12 * DAY + 10 * DAY;
    static final long INBOUND_PERIOD = 7 * DAY;
    /** The first inbound period starts this long before genesis, so stock arrives from the first day on. */
    static final long INBOUND_LEAD = 14 * DAY;
    static final long OPENING_BALANCE_AGE = 30 * DAY;

    static final long T_ORDER = 1, T_ORDER_TIME = 2, T_RETURN = 3, T_INBOUND = 4, T_CATALOG = 5, T_STOCK = 6,
            T_STORAGE = 7, T_PRODUCT = 8, T_ADDRESS = 9;

    enum OrderStatus {

        OPEN("open", "new"),
        CONFIRMED("confirmed", "confirmed"),
        PROCESSING("processing", "in_process"),
        PICKED(
                "picked", "picked"),
        PACKED("packed", "packed"),
        PARTIALLY_FULFILLED("partially_fulfilled",
                "partially_shipped"),
        FULFILLED("fulfilled", "shipped"),
        EXCEPTION("exception",
                "exception_address_invalid"),
        CANCELLED("cancelled",
                "canceled"),
        BACKORDERED("backordered", "backorder"),
        OTHER("other", "on_hold");

        final String wire;
        final String raw;

        OrderStatus(String wire, String raw) {
            this.wire = wire;
            this.raw = raw;
        }

        /** Stock is allocated to the order's unshipped units. */
        boolean commits() {
            return this != FULFILLED && this != CANCELLED && this != BACKORDERED;
        }
    }

    /** Inbound shipments and returns share Trackstar's status set. */
    enum ArrivalStatus {

        OPEN("open"),
        IN_TRANSIT("in-transit"),
        RECEIVING("receiving"),
        RECEIVED("received"),
        CANCELLED("cancelled");

        final String wire;

        ArrivalStatus(String wire) {
            this.wire = wire;
        }
    }

    record Address(String name, String company, String address1, String address2, String city, String state,
            String postalCode, String country, String phone, String email) {
    }

    record Warehouse(int index, String id, String name, String code, Address address, long created, long updated) {
    }

    record Customer(int index, String id, String name, String email, long created, long updated) {
    }

    record Supplier(int index, String id, String name, Address address, long created, long updated) {
    }

    record Method(String id, String name, String carrierId, String carrierName, String scac, String serviceLevel,
            long created, long updated) {
    }

    record Channel(int customer, int index, String id, String name, boolean b2b, long created, long updated) {
    }

    /**
     * A product. Simple products {@code 0..products-1} are also inventory items (same index); kits come after them and
     * are made of {@code components} (inventory item indexes) times {@code unitQuantities}.
     */
    record Product(int index, String id, String sku, String name, int customer, boolean kit, int[] components,
            int[] unitQuantities, long priceCents, long costCents, String gtin, int supplier, String origin,
            String hsCode, double weightLb, double[] dimensionsIn, boolean expiring, long created, long updatePeriod) {

        String inventoryId() {
            return "inv_" + (index + 1);
        }
    }

    final long seed;
    final long genesis;
    final SandboxSettings settings;
    final String baseUrl;
    final double orderSpacing;
    final Warehouse[] warehouses;
    final Customer[] customers;
    final Supplier[] suppliers;
    final Method[] methods;
    final Channel[] channels;
    final Product[] products;
    /** Per merchant, the products (simple and kits) its orders draw from. */
    final int[][] productsByCustomer;
    /** Per merchant, its simple products: the lines of its inbound shipments. */
    final int[][] itemsByCustomer;
    /** Expected units of each inventory item shipped per day from each warehouse: sizes stock and replenishment. */
    final double[] dailyDemandPerWarehouse;

    World(String connectionId, Instant connectionCreated, SandboxSettings settings, String baseUrl) {
        this(seedOf(connectionId), connectionCreated.getEpochSecond() - settings.historyDays() * DAY, settings,
                baseUrl);
    }

    World(long seed, long genesis, SandboxSettings settings, String baseUrl) {
        this.seed = seed;
        this.genesis = genesis;
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.orderSpacing = (double) DAY / settings.ordersPerDay();
        Rng r = new Rng(seed, T_CATALOG, 0);
        long catalogStart = genesis - 400 * DAY;

        warehouses = new Warehouse[settings.warehouses()];
        int siteOffset = r.between(0, Names.SITES.length - 1);
        for (int w = 0; w < warehouses.length; w++) {
            String[] site = Names.SITES[(siteOffset + w) % Names.SITES.length];
            long created = catalogStart + r.between(0L, 30 * DAY);
            warehouses[w] = new Warehouse(w, "wh_" + (w + 1), site[0] + (w >= Names.SITES.length ? " " + (w + 1) : ""),
                    site[1] + "-" + (w + 1), new Address(null, null, r.between(100, 9899) + " " + site[2], null,
                            site[3], site[4], site[5], "US", null, null),
                    created, created + r.between(DAY, 200 * DAY));
        }
        customers = new Customer[settings.warehouseCustomers()];
        int merchantOffset = r.between(0, Names.MERCHANTS.length - 1);
        for (int c = 0; c < customers.length; c++) {
            String name = Names.MERCHANTS[(merchantOffset + c) % Names.MERCHANTS.length]
                    + (c >= Names.MERCHANTS.length ? " " + (c + 1) : "");
            long created = catalogStart + r.between(40 * DAY, 200 * DAY);
            customers[c] = new Customer(c, "cust_" + (c + 1), name,
                    "ops@" + name.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example.com", created,
                    created + r.between(DAY, 100 * DAY));
        }
        suppliers = new Supplier[4];
        for (int s = 0; s < suppliers.length; s++) {
            String[] site = Names.SUPPLIER_SITES[(r.between(0, 100) + s) % Names.SUPPLIER_SITES.length];
            long created = catalogStart + r.between(0L, 100 * DAY);
            suppliers[s] = new Supplier(s, "sup_" + (s + 1),
                    Names.SUPPLIERS[(merchantOffset + s) % Names.SUPPLIERS.length],
                    new Address(null, null, r.between(10, 999) + " " + site[0], null, site[1], site[2], site[3],
                            site[4], null, null),
                    created, created + r.between(DAY, 60 * DAY));
        }
        methods = new Method[Names.METHODS.length];
        for (int m = 0; m < methods.length; m++) {
            String[] method = Names.METHODS[m];
            long created = catalogStart + r.between(0L, 10 * DAY);
            methods[m] = new Method(method[0], method[1], method[2], method[3], method[4], method[5], created,
                    created + r.between(0L, 30 * DAY));
        }
        channels = new Channel[customers.length * 3];
        for (int c = 0; c < customers.length; c++) {
            for (int j = 0; j < 3; j++) {
                long created = customers[c].created() + r.between(HOUR, 20 * DAY);
                String name = Names.CHANNELS[j].replace("{m}", customers[c].name());
                channels[c * 3 + j] = new Channel(c, j, "ch_" + (c + 1) + "_" + (j + 1), name, j == 2, created,
                        created + r.between(0L, 20 * DAY));
            }
        }

        int simple = settings.products();
        int total = simple + settings.kits();
        products = new Product[total];
        for (int k = 0; k < total; k++) {
            boolean kit = k >= simple;
            int customer = kit ? (k - simple) % customers.length : k % customers.length;
            Rng p = new Rng(seed, T_PRODUCT, k);
            String noun = p.pick(Names.NOUNS);
            String name = p.pick(Names.ADJECTIVES) + " " + noun;
            int[] components;
            int[] unitQuantities;
            long price;
            if (kit) {
                int parts = p.between(2, 3);
                components = new int[parts];
                unitQuantities = new int[parts];
                price = 0;
                int[] pool = simpleOf(customer, simple, customers.length);
                for (int i = 0; i < parts; i++) {
                    int candidate;
                    do {
                        candidate = pool[p.between(0, pool.length - 1)];
                    } while (contains(components, i, candidate));
                    components[i] = candidate;
                    unitQuantities[i] = p.between(1, 2);
                }
                name = p.pick(Names.KIT_NAMES) + " " + noun + " Kit";
            } else {
                components = new int[]{ k };
                unitQuantities = new int[]{ 1 };
                price = p.between(8, 140) * 100L + p.pick(new Long[]{ 0L, 49L, 95L, 99L });
            }
            long cost = Math.round(price * (0.35 + p.unit() * 0.2));
            String sku = (kit ? "KIT-" : "") + noun.toUpperCase().replaceAll("[^A-Z]", "").substring(0, 3) + "-"
                    + (1000 + k);
            String gtin = "0" + (810000000000L + (Rng.hash(seed, T_PRODUCT, k, 1) >>> 1) % 99999999999L);
            long created = genesis - 120 * DAY + p.between(0L, 60 * DAY);
            products[k] = new Product(k, "prod_" + (k + 1), sku, name, customer, kit, components, unitQuantities, price,
                    cost, gtin.substring(0, 12), p.between(0, suppliers.length - 1), p.pick(Names.ORIGINS),
                    p.between(3900, 9999) + "." + p.between(10, 99), Math.round((0.2 + p.unit() * 6) * 100) / 100.0,
                    new double[]{ p.between(3, 24), p.between(2, 18), p.between(1, 12) }, !kit && k % 5 == 0, created,
                    p.between(15L, 45L) * DAY);
        }
        // Kit prices are the sum of their parts, less 10%.
        for (int k = simple; k < total; k++) {
            Product kit = products[k];
            long sum = 0;
            double weight = 0;
            for (int i = 0; i < kit.components().length; i++) {
                sum += products[kit.components()[i]].priceCents() * kit.unitQuantities()[i];
                weight += products[kit.components()[i]].weightLb() * kit.unitQuantities()[i];
            }
            long price = Math.round(sum * 0.9);
            products[k] = new Product(k, kit.id(), kit.sku(), kit.name(), kit.customer(), true, kit.components(),
                    kit.unitQuantities(), price, Math.round(price * 0.45), kit.gtin(), kit.supplier(), kit.origin(),
                    kit.hsCode(), Math.round(weight * 100) / 100.0, kit.dimensionsIn(), false, kit.created(),
                    kit.updatePeriod());
        }
        productsByCustomer = new int[customers.length][];
        itemsByCustomer = new int[customers.length][];
        for (int c = 0; c < customers.length; c++) {
            final int customer = c;
            productsByCustomer[c] = Arrays.stream(products).filter(p -> p.customer() == customer)
                    .mapToInt(Product::index).toArray();
            itemsByCustomer[c] = simpleOf(c, simple, customers.length);
        }
        // Expected demand (see OrderPlan): per order, 15% b2b (3.5 lines of 6..24 units), 85% d2c (2 lines of 1.25).
        dailyDemandPerWarehouse = new double[simple];
        for (int k = 0; k < total; k++) {
            Product p = products[k];
            int lines = productsByCustomer[p.customer()].length;
            double perOrder = (0.15 * Math.min(3.5, lines) * 15 + 0.85 * Math.min(2, lines) * 1.25) / lines;
            double perDay = settings.ordersPerDay() / (double) (customers.length * warehouses.length) * perOrder;
            for (int i = 0; i < p.components().length; i++) {
                dailyDemandPerWarehouse[p.components()[i]] += perDay * p.unitQuantities()[i];
            }
        }
    }

    static long seedOf(String connectionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("switchboard-sandbox:" + connectionId).getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (digest[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] simpleOf(int customer, int simple, int customers) {
        List<Integer> items = new ArrayList<>();
        for (int k = customer; k < simple; k += customers) {
            items.add(k);
        }
        return items.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    int simpleProducts() {
        return settings.products();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Orders

    /** When order {@code n} is created: inside its slot, so creation is monotonic in n. */
    long orderCreated(long n) {
        return genesis + (long) Math.floor((n + Rng.unit(seed, T_ORDER_TIME, n, 0)) * orderSpacing);
    }

    /** How many orders exist at {@code t}: orders {@code 0..result-1}. */
    long ordersUpTo(long t) {
        if (t < genesis) {
            return 0;
        }
        long n = Math.max(0, (long) Math.floor((t - genesis) / orderSpacing) - 1);
        while (orderCreated(n) <= t) {
            n++;
        }
        return n;
    }

    static String orderId(long n) {
        return "ord_" + (n + 1);
    }

    /** The index of an order id ({@code ord_<n+1>}), or -1. Also the index of its return ({@code rma_<n+1>}). */
    static long indexOf(String id, String prefix) {
        if (id == null || !id.startsWith(prefix) || id.length() > prefix.length() + 12) {
            return -1;
        }
        String digits = id.substring(prefix.length());
        if (digits.isEmpty() || digits.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char ch = digits.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value - 1;
    }

    /** An order's life: its lines, and the times of its status changes and shipments. */
    final class OrderPlan {

        final long n;
        final long created;
        final int customer;
        final int warehouse;
        final boolean b2b;
        final Channel channel;
        final Method method;
        final int[] lineProducts;
        final int[] lineQuantities;
        final long[] lineDiscountCents;
        final boolean thirdPartyFreight;
        final String tradingPartner;
        private Address shipTo;
        final long requiredShipDate;
        final long referenceNumber;
        long[] times = new long[12];
        OrderStatus[] statuses = new OrderStatus[12];
        int transitions;
        long[] shipTimes = new long[4];
        int[][] shipQuantities = new int[4][];
        int shipments;
        boolean simulated;

        OrderPlan(long n, List<SimEvent> events) {
            this.n = n;
            this.created = orderCreated(n);
            Rng r = new Rng(seed, T_ORDER, n);
            customer = r.between(0, customers.length - 1);
            warehouse = r.between(0, warehouses.length - 1);
            b2b = r.chance(0.15);
            channel = channels[customer * 3 + (b2b ? 2 : r.chance(0.7) ? 0 : 1)];
            if (b2b) {
                method = r.chance(0.5) ? methods[Names.LTL] : methods[Names.UPS_GROUND];
            } else {
                double m = r.unit();
                method = methods[m < 0.45
                        ? Names.UPS_GROUND
                        : m < 0.7
                                ? Names.USPS_PRIORITY
                                : m < 0.85 ? Names.FEDEX_HOME : m < 0.95 ? Names.FEDEX_2DAY : Names.UPS_NEXT_DAY];
            }
            int[] pool = productsByCustomer[customer];
            int lines = Math.min(pool.length, b2b ? r.between(2, 5) : r.between(1, 3));
            lineProducts = new int[lines];
            lineQuantities = new int[lines];
            lineDiscountCents = new long[lines];
            for (int i = 0; i < lines; i++) {
                int candidate;
                do {
                    candidate = pool[r.between(0, pool.length - 1)];
                } while (contains(lineProducts, i, candidate));
                lineProducts[i] = candidate;
                lineQuantities[i] = b2b ? r.between(6, 24) : r.chance(0.75) ? 1 : 2;
                lineDiscountCents[i] = !b2b && r.chance(0.2)
                        ? Math.round(products[candidate].priceCents() * lineQuantities[i] * 0.1)
                        : 0;
            }
            thirdPartyFreight = b2b && r.chance(0.4);
            tradingPartner = b2b ? r.pick(Names.TRADING_PARTNERS) : null;
            requiredShipDate = b2b ? created + r.between(3L, 7L) * DAY : -1;
            referenceNumber = 5_100_000_000_000L + (r.next() >>> 24);

            double fate = r.unit();
            long t = created;
            add(OrderStatus.OPEN, t);
            if (b2b) {
                // Retail orders are confirmed at once and wait for their scheduled processing.
                t += r.between(10 * MINUTE, 2 * HOUR);
                add(OrderStatus.CONFIRMED, t);
                t += r.between(2 * HOUR, 30 * HOUR);
            }
            if (fate < 0.02) {
                t += r.between(5 * MINUTE, HOUR);
                add(OrderStatus.OTHER, t);
                t += r.between(DAY, 4 * DAY);
            } else if (fate < 0.04) {
                t += r.between(10 * MINUTE, HOUR);
                add(OrderStatus.BACKORDERED, t);
                t += r.between(DAY, 4 * DAY);
            }
            if (fate >= 0.04 && fate < 0.08) {
                long cancelAt = t + r.between(30 * MINUTE, 20 * HOUR);
                long processing = t + r.between(20 * MINUTE, 6 * HOUR);
                if (processing < cancelAt) {
                    add(OrderStatus.PROCESSING, processing);
                }
                add(OrderStatus.CANCELLED, cancelAt);
            } else {
                t += r.between(20 * MINUTE, 6 * HOUR);
                add(OrderStatus.PROCESSING, t);
                t += r.between(30 * MINUTE, 8 * HOUR);
                add(OrderStatus.PICKED, t);
                t += r.between(30 * MINUTE, 6 * HOUR);
                add(OrderStatus.PACKED, t);
                if (fate >= 0.08 && fate < 0.10) {
                    t += r.between(HOUR, 6 * HOUR);
                    add(OrderStatus.EXCEPTION, t);
                    if (r.chance(0.5)) {
                        t += r.between(12 * HOUR, 48 * HOUR);
                        ship(t, false);
                    }
                } else {
                    t += r.between(30 * MINUTE, 10 * HOUR);
                    if (fate >= 0.10 && fate < 0.14 && remainingUnits() >= 2) {
                        ship(t, true);
                        t += r.between(2 * DAY, 5 * DAY);
                        ship(t, false);
                    } else {
                        ship(t, false);
                    }
                }
            }
            if (events != null) {
                for (SimEvent event : events) {
                    apply(event);
                }
            }
        }

        private void add(OrderStatus status, long at) {
            if (transitions == times.length) {
                times = Arrays.copyOf(times, transitions * 2);
                statuses = Arrays.copyOf(statuses, transitions * 2);
            }
            times[transitions] = at;
            statuses[transitions++] = status;
        }

        /** Ships the remaining units (or, when {@code partial}, part of them) at {@code at}. */
        private void ship(long at, boolean partial) {
            int[] remaining = remaining(Long.MAX_VALUE);
            int open = 0;
            int units = 0;
            for (int q : remaining) {
                open += q > 0 ? 1 : 0;
                units += q;
            }
            if (units == 0) {
                return;
            }
            int[] shipped = new int[remaining.length];
            if (partial && units >= 2) {
                if (open >= 2) {
                    int take = (open + 1) / 2;
                    for (int i = 0; i < remaining.length && take > 0; i++) {
                        if (remaining[i] > 0) {
                            shipped[i] = remaining[i];
                            take--;
                        }
                    }
                } else {
                    for (int i = 0; i < remaining.length; i++) {
                        shipped[i] = remaining[i] / 2;
                    }
                }
            } else {
                shipped = remaining;
            }
            if (shipments == shipTimes.length) {
                shipTimes = Arrays.copyOf(shipTimes, shipments * 2);
                shipQuantities = Arrays.copyOf(shipQuantities, shipments * 2);
            }
            shipTimes[shipments] = at;
            shipQuantities[shipments++] = shipped;
            add(remainingUnits() == 0 ? OrderStatus.FULFILLED : OrderStatus.PARTIALLY_FULFILLED, at);
        }

        /** A simulation event: what was planned after it does not happen; the event ships instead. */
        private void apply(SimEvent event) {
            while (transitions > 0 && times[transitions - 1] > event.at()) {
                transitions--;
            }
            while (shipments > 0 && shipTimes[shipments - 1] > event.at()) {
                shipments--;
            }
            simulated = true;
            ship(event.at(), event.kind() == SimEvent.Kind.ORDER_PARTIAL_FULFILL);
        }

        int remainingUnits() {
            int units = 0;
            for (int q : remaining(Long.MAX_VALUE)) {
                units += q;
            }
            return units;
        }

        /** Where it goes: drawn from a stream of its own, only when a record shows it. */
        Address shipTo() {
            if (shipTo == null) {
                Rng r = new Rng(seed, T_ADDRESS, n);
                shipTo = b2b ? Names.retailDc(r, tradingPartner) : Names.person(r);
            }
            return shipTo;
        }

        /** Units of each line not shipped by {@code t}. */
        int[] remaining(long t) {
            int[] remaining = lineQuantities.clone();
            for (int s = 0; s < shipments; s++) {
                if (shipTimes[s] <= t) {
                    for (int i = 0; i < remaining.length; i++) {
                        remaining[i] -= shipQuantities[s][i];
                    }
                }
            }
            return remaining;
        }

        /** The index of the last status change at or before t; -1 before the order exists. */
        int stateAt(long t) {
            int last = -1;
            for (int i = 0; i < transitions && times[i] <= t; i++) {
                last = i;
            }
            return last;
        }

        OrderStatus statusAt(long t) {
            int i = stateAt(t);
            return i < 0 ? null : statuses[i];
        }

        long updatedAt(long t) {
            int i = stateAt(t);
            return i < 0 ? -1 : times[i];
        }

        /** When the order reached {@code status} at or before t (the first time), or -1. */
        long reached(OrderStatus status, long t) {
            for (int i = 0; i < transitions && times[i] <= t; i++) {
                if (statuses[i] == status) {
                    return times[i];
                }
            }
            return -1;
        }

        int shipmentsAt(long t) {
            int count = 0;
            while (count < shipments && shipTimes[count] <= t) {
                count++;
            }
            return count;
        }

        /** When the order was packed (or first shipped, when a simulation skipped packing), or -1. */
        long packedAt(long t) {
            long packed = reached(OrderStatus.PACKED, t);
            if (packed >= 0) {
                return packed;
            }
            return shipmentsAt(t) > 0 ? shipTimes[0] : -1;
        }

        /** The natural plan ends fulfilled, untouched by simulation: the order may come back as a return. */
        boolean fulfilledNaturally() {
            return !simulated && transitions > 0 && statuses[transitions - 1] == OrderStatus.FULFILLED;
        }

        long priceCents() {
            long sum = 0;
            for (int i = 0; i < lineProducts.length; i++) {
                sum += products[lineProducts[i]].priceCents() * lineQuantities[i] - lineDiscountCents[i];
            }
            return sum;
        }
    }

    OrderPlan order(long n, List<SimEvent> events) {
        return new OrderPlan(n, events);
    }

    /** Calls {@code sink} with (inventory item, units) for {@code quantity} units of a product. */
    void expand(int product, int quantity, ItemSink sink) {
        Product p = products[product];
        for (int i = 0; i < p.components().length; i++) {
            sink.accept(p.components()[i], quantity * p.unitQuantities()[i], p.kit() ? p : null);
        }
    }

    @FunctionalInterface
    interface ItemSink {

        void accept(int item, int units, Product kitParent);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Returns: order n may come back (index n, id rma_<n+1>)

    final class ReturnPlan {

        final long n;
        final OrderPlan order;
        final long created;
        final int item;
        final Product parent;
        final int quantity;
        final boolean damaged;
        final String reason;
        final String trackingNumber;
        final Method method;
        long[] times = new long[6];
        ArrivalStatus[] statuses = new ArrivalStatus[6];
        int transitions;
        long arrivedAt = -1;
        long shippedAt = -1;

        private ReturnPlan(OrderPlan order, Rng r, List<SimEvent> events) {
            this.n = order.n;
            this.order = order;
            long fulfilled = order.shipTimes[order.shipments - 1];
            created = fulfilled + r.between(3 * DAY, 12 * DAY);
            int line = r.between(0, order.lineProducts.length - 1);
            Product product = products[order.lineProducts[line]];
            int component = r.between(0, product.components().length - 1);
            item = product.components()[component];
            parent = product.kit() ? product : null;
            quantity = r.between(1, Math.min(3, order.lineQuantities[line] * product.unitQuantities()[component]));
            damaged = r.chance(0.25);
            reason = r.pick(Names.RETURN_REASONS);
            method = order.b2b ? methods[Names.UPS_GROUND] : methods[Names.USPS_PRIORITY];
            trackingNumber = Names.trackingNumber(r, method);
            double fate = r.unit();
            add(ArrivalStatus.OPEN, created);
            long t = created;
            if (fate < 0.05) {
                add(ArrivalStatus.CANCELLED, t + r.between(DAY, 5 * DAY));
            } else {
                t += r.between(DAY, 2 * DAY);
                shippedAt = t;
                add(ArrivalStatus.IN_TRANSIT, t);
                if (fate >= 0.10) {
                    t += r.between(3 * DAY, 6 * DAY);
                    arrivedAt = t;
                    add(ArrivalStatus.RECEIVING, t);
                    t += r.between(2 * HOUR, DAY);
                    add(ArrivalStatus.RECEIVED, t);
                }
            }
            if (events != null) {
                for (SimEvent event : events) {
                    while (transitions > 0 && times[transitions - 1] > event.at()) {
                        transitions--;
                    }
                    if (arrivedAt > event.at()) {
                        arrivedAt = -1;
                    }
                    if (shippedAt > event.at()) {
                        shippedAt = -1;
                    }
                    if (arrivedAt < 0) {
                        arrivedAt = event.at();
                    }
                    add(ArrivalStatus.RECEIVED, event.at());
                }
            }
        }

        private void add(ArrivalStatus status, long at) {
            times[transitions] = at;
            statuses[transitions++] = status;
        }

        ArrivalStatus statusAt(long t) {
            ArrivalStatus status = null;
            for (int i = 0; i < transitions && times[i] <= t; i++) {
                status = statuses[i];
            }
            return status;
        }

        long updatedAt(long t) {
            long updated = -1;
            for (int i = 0; i < transitions && times[i] <= t; i++) {
                updated = times[i];
            }
            return updated;
        }

        long receivedAt(long t) {
            return statusAt(t) == ArrivalStatus.RECEIVED ? updatedAt(t) : -1;
        }

        int restocked(long t) {
            return receivedAt(t) >= 0 && !damaged ? quantity : 0;
        }
    }

    /** The return of order n, if it has one (with its own events applied), else null. */
    ReturnPlan returnOf(OrderPlan order, List<SimEvent> events) {
        if (!order.fulfilledNaturally()) {
            return null;
        }
        Rng r = new Rng(seed, T_RETURN, order.n);
        if (r.unit() * 100 >= settings.returnPercent()) {
            return null;
        }
        return new ReturnPlan(order, r, events);
    }

    static String returnId(long n) {
        return "rma_" + (n + 1);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Inbound shipments: one per (week, warehouse, merchant), replenishing what that merchant's orders take

    final class InboundPlan {

        final long k;
        final int warehouse;
        final int customer;
        final Supplier supplier;
        final long created;
        final long expectedArrival;
        final int[] items;
        final int[] expected;
        final long[] receiptTimes = new long[2];
        final int[][] receiptQuantities = new int[2][];
        int receipts;
        final ArrivalStatus[] statuses = new ArrivalStatus[4];
        final long[] times = new long[4];
        int transitions;
        final String purchaseOrder;
        final String trackingNumber;

        private InboundPlan(long k) {
            this.k = k;
            long period = k / (warehouses.length * customers.length);
            warehouse = (int) (k / customers.length % warehouses.length);
            customer = (int) (k % customers.length);
            Rng r = new Rng(seed, T_INBOUND, k);
            created = genesis - INBOUND_LEAD + period * INBOUND_PERIOD + r.between(0L, 20 * HOUR);
            expectedArrival = created + 5 * DAY;
            supplier = suppliers[r.between(0, suppliers.length - 1)];
            items = itemsByCustomer[customer];
            expected = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                expected[i] = (int) Math.ceil(dailyDemandPerWarehouse[items[i]] * 7 * 1.2) + r.between(0, 4);
            }
            purchaseOrder = "PO-" + (20000 + k) + "-" + (char) ('A' + customer);
            trackingNumber = "PRO" + r.between(10_000_000L, 99_999_999L);
            add(ArrivalStatus.OPEN, created);
            if (r.chance(0.04)) {
                add(ArrivalStatus.CANCELLED, created + r.between(12 * HOUR, 2 * DAY));
                return;
            }
            add(ArrivalStatus.IN_TRANSIT, created + r.between(DAY, 2 * DAY));
            long arrival = created + r.between(4 * DAY, 6 * DAY);
            int[] first = new int[items.length];
            int[] second = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                first[i] = (int) Math.round(expected[i] * (0.5 + r.unit() * 0.3));
                second[i] = expected[i] - first[i];
            }
            add(ArrivalStatus.RECEIVING, arrival);
            receiptTimes[0] = arrival;
            receiptQuantities[0] = first;
            long done = arrival + r.between(6 * HOUR, 30 * HOUR);
            receiptTimes[1] = done;
            receiptQuantities[1] = second;
            receipts = 2;
            add(ArrivalStatus.RECEIVED, done);
        }

        private void add(ArrivalStatus status, long at) {
            times[transitions] = at;
            statuses[transitions++] = status;
        }

        ArrivalStatus statusAt(long t) {
            ArrivalStatus status = null;
            for (int i = 0; i < transitions && times[i] <= t; i++) {
                status = statuses[i];
            }
            return status;
        }

        long updatedAt(long t) {
            long updated = -1;
            for (int i = 0; i < transitions && times[i] <= t; i++) {
                updated = times[i];
            }
            return updated;
        }

        int receiptsAt(long t) {
            int count = 0;
            while (count < receipts && receiptTimes[count] <= t) {
                count++;
            }
            return count;
        }

        String id() {
            return "asn_" + (k + 1);
        }
    }

    InboundPlan inbound(long k) {
        return new InboundPlan(k);
    }

    /** How many inbound shipments exist at t (indexes 0..result-1 may still hold a few created a little later). */
    long inboundUpperBound(long t) {
        long periods = Math.floorDiv(t - (genesis - INBOUND_LEAD), INBOUND_PERIOD) + 1;
        return Math.max(0, periods) * warehouses.length * customers.length;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Stock

    /** Units of item i in warehouse w before anything else happened (the ledger's opening balance). */
    int openingBalance(int item, int warehouse) {
        return (int) Math.ceil(dailyDemandPerWarehouse[item] * 21) + 30
                + (int) (Rng.hash(seed, T_STOCK, item, warehouse) >>> 1) % 20;
    }

    long openingBalanceAt() {
        return genesis - OPENING_BALANCE_AGE;
    }

    /** Units of item i in warehouse w held aside as damaged or quarantined, at most what is not committed. */
    int quarantined(int item, int warehouse, int free) {
        return Math.max(0, Math.min(free, (int) ((Rng.hash(seed, T_STOCK, item, warehouse + 1000) >>> 1) % 4)));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Monthly storage bills: one per merchant per month that started after genesis

    /** The start (epoch seconds) of the m-th month after genesis's month. */
    long monthStart(long m) {
        YearMonth first = YearMonth.from(Instant.ofEpochSecond(genesis).atZone(ZoneOffset.UTC)).plusMonths(1 + m);
        return first.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }

    String monthKey(long m) {
        YearMonth month = YearMonth.from(Instant.ofEpochSecond(genesis).atZone(ZoneOffset.UTC)).plusMonths(m);
        return String.format("%04d%02d", month.getYear(), month.getMonthValue());
    }

    long monthsUpTo(long t) {
        long m = 0;
        while (monthStart(m) <= t) {
            m++;
        }
        return m;
    }
}
