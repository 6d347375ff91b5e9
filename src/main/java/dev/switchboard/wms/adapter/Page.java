package dev.switchboard.wms.adapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of normalized records and where the next one starts.
 *
 * @param records the records, in Trackstar's schema (see {@link WmsAdapter})
 * @param nextCursor the opaque cursor of the next page; null when this was the last page of the run
 * @param highWaterMark the newest {@code updated_date} the system vouches for up to this page, if it says; the engine
 *     takes the next incremental window from it (minus an overlap for clock skew). Null to let the engine use the
 *     largest {@code updated_date} it saw.
 */
public record Page(List<ObjectNode> records, String nextCursor, Instant highWaterMark) {

    public Page {
        records = List.copyOf(records);
    }

    /** The page a streamed fetch ({@link WmsAdapter#streamPage}) hands over, its records gathered in a list. */
    public static Page collect(Function<Consumer<ObjectNode>, PageEnd> stream) {
        List<ObjectNode> records = new ArrayList<>();
        PageEnd end = stream.apply(records::add);
        return new Page(records, end.nextCursor(), end.highWaterMark());
    }

    public static Page last(List<ObjectNode> records) {
        return new Page(records, null, null);
    }

    public boolean isLast() {
        return nextCursor == null;
    }
}
