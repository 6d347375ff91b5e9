package dev.switchboard.sandbox.wms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A connection's simulation events up to an instant, by the order or return they touch. */
final class EventIndex implements Stock.SimEvents {

    static final EventIndex NONE = new EventIndex(List.of(), Long.MAX_VALUE);

    private final Map<Long, List<SimEvent>> orders = new HashMap<>();
    private final Map<Long, List<SimEvent>> returns = new HashMap<>();
    /** Sorted indexes of the orders and returns that have events. */
    final long[] orderIndexes;
    final long[] returnIndexes;

    /** {@code events} in the order they happened; those after {@code now} have not happened yet. */
    EventIndex(List<SimEvent> events, long now) {
        for (SimEvent event : events) {
            if (event.at() > now) {
                continue;
            }
            if (event.kind() == SimEvent.Kind.RETURN_RECEIVE) {
                long n = World.indexOf(event.recordId(), "rma_");
                if (n >= 0) {
                    returns.computeIfAbsent(n, x -> new ArrayList<>()).add(event);
                }
            } else {
                long n = World.indexOf(event.recordId(), "ord_");
                if (n >= 0) {
                    orders.computeIfAbsent(n, x -> new ArrayList<>()).add(event);
                }
            }
        }
        orderIndexes = orders.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        returnIndexes = returns.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Override
    public List<SimEvent> forOrder(long n) {
        return orderIndexes.length == 0 ? null : orders.get(n);
    }

    @Override
    public List<SimEvent> forReturn(long n) {
        return returnIndexes.length == 0 ? null : returns.get(n);
    }

    boolean touchesOrder(long n) {
        return Arrays.binarySearch(orderIndexes, n) >= 0;
    }
}
