package dev.switchboard.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapter;

/**
 * A WMS whose records and failures a test scripts, per connection: pages of {@link World#pageSize} records in id
 * order, filtered by the window's updated_date for incremental functions; one-shot failures and hangs at a given page;
 * and a record of every call, with the most calls of one (connection, function) ever in flight at once.
 */
@Singleton // no client proxy: tests read its fields
public class ScriptedAdapter implements WmsAdapter {

    static final String NAME = "test-scripted";

    /** One connection's system. */
    static final class World {

        final Map<WmsFunction, Map<String, ObjectNode>> records = new ConcurrentHashMap<>();
        volatile int pageSize = 5;
        /** A failure thrown once when the page at this cursor offset is asked for. */
        final Map<Integer, AdapterException> failAt = new ConcurrentHashMap<>();
        /** The page at this offset waits for the latch once (a hung or dying process). */
        volatile int hangAt = -1;
        volatile CountDownLatch hang;
        volatile CountDownLatch hanging;
        volatile long delayMillis;

        void put(WmsFunction function, ObjectNode record) {
            records.computeIfAbsent(function, f -> new ConcurrentHashMap<>()).put(record.get("id").asText(), record);
        }

        void remove(WmsFunction function, String id) {
            records.getOrDefault(function, Map.of()).remove(id);
        }
    }

    record Call(String connectionId, WmsFunction function, SyncWindow window, String cursor, String thread) {
    }

    final Map<String, World> worlds = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

    World world(String connectionId) {
        return worlds.computeIfAbsent(connectionId, id -> new World());
    }

    @Override
    public String integrationName() {
        return NAME;
    }

    @Override
    public Set<WmsFunction> functions() {
        return EnumSet.of(WmsFunction.GET_ORDERS, WmsFunction.GET_INVENTORY, WmsFunction.GET_INBOUND_SHIPMENTS,
                WmsFunction.GET_WAREHOUSES);
    }

    @Override
    public void verifyCredentials(AdapterContext context) {
    }

    @Override
    public Page fetchPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor) {
        String key = context.connectionId() + "|" + function;
        int now = inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        maxInFlight.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            calls.add(new Call(context.connectionId(), function, window, cursor, Thread.currentThread().getName()));
            World world = world(context.connectionId());
            int offset = cursor == null ? 0 : Integer.parseInt(cursor);
            AdapterException failure = world.failAt.remove(offset);
            if (failure != null) {
                throw failure;
            }
            if (world.hangAt == offset && world.hang != null) {
                world.hangAt = -1;
                world.hanging.countDown();
                try {
                    world.hang.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (world.delayMillis > 0) {
                try {
                    Thread.sleep(world.delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<ObjectNode> all = new ArrayList<>(
                    new TreeMap<>(world.records.getOrDefault(function, Map.of())).values());
            if (!function.snapshot() && window != null) {
                all.removeIf(r -> {
                    Instant updated = OffsetDateTime.parse(r.get("updated_date").asText()).toInstant();
                    return (window.since() != null && updated.isBefore(window.since()))
                            || (window.until() != null && !updated.isBefore(window.until()));
                });
            }
            all.sort(Comparator.comparing(r -> r.get("id").asText()));
            int end = Math.min(all.size(), offset + world.pageSize);
            List<ObjectNode> page = offset >= all.size() ? List.of() : all.subList(offset, end);
            List<ObjectNode> copies = page.stream().map(ObjectNode::deepCopy).toList();
            return new Page(copies, end < all.size() ? Integer.toString(end) : null, null);
        } finally {
            inFlight.get(key).decrementAndGet();
        }
    }

    @Override
    public Optional<ObjectNode> fetchOne(AdapterContext context, WmsFunction function, String id) {
        return Optional.ofNullable(world(context.connectionId()).records.getOrDefault(function, Map.of()).get(id))
                .map(ObjectNode::deepCopy);
    }
}
