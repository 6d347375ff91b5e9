package dev.switchboard.wms.api;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How much page text the reads of this instance may be building at once. One page is bounded
 * ({@link WmsReads#MAX_PAGE_BYTES}), but thirty-two concurrent {@code limit=1000} pages of orders (about 3 MB each,
 * held several times over while built and sent) ran a 128 MB heap out of memory (bench/results/2026-12-03-1425-wms.md).
 * A page takes characters from this budget as it grows; when the budget is spent, the page ends early and its
 * {@code next_token} continues after its last record, exactly as a page that reaches its own bound does. A page's first
 * record is always taken, so every request makes progress. The budget is a quarter of the heap, at
 * {@link #HEAP_PER_CHAR} bytes of heap per character.
 */
@ApplicationScoped
public class PageMemory {

    /**
     * The heap one byte of a page costs while it is built and sent: the buffer (up to twice its length while it grows),
     * the exact copy that is sent, and the driver's row bytes it was copied from. (The page counts bytes of UTF-8,
     * which the names here still call characters.)
     */
    static final int HEAP_PER_CHAR = 4;

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    public PageMemory() {
        this(Runtime.getRuntime().maxMemory() / 4 / HEAP_PER_CHAR);
    }

    PageMemory(long capacityChars) {
        this.capacity = capacityChars;
    }

    /**
     * Takes {@code chars} from the budget; false when that would overspend it, unless {@code force} (a page's first
     * record), which always takes.
     */
    boolean take(long chars, boolean force) {
        while (true) {
            long now = held.get();
            if (!force && now + chars > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + chars)) {
                return true;
            }
        }
    }

    void give(long chars) {
        held.addAndGet(-chars);
    }

    /** Characters of the budget taken now. */
    long held() {
        return held.get();
    }

    long capacity() {
        return capacity;
    }
}
