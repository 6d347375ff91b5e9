package dev.switchboard.wms.adapter;

import java.time.Instant;

/**
 * Where a page streamed by {@link WmsAdapter#streamPage} ends: its records went to the sink, one at a time.
 *
 * @param nextCursor the opaque cursor of the next page; null when this was the last page of the run
 * @param highWaterMark as {@link Page#highWaterMark()}
 */
public record PageEnd(String nextCursor, Instant highWaterMark) {

    public boolean isLast() {
        return nextCursor == null;
    }
}
