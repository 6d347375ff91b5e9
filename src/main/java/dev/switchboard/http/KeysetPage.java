package dev.switchboard.http;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list, made the one way: fetch {@link #fetchSize(int) limit + 1} rows after the cursor; if
 * the extra row came back there is a next page, which starts after the last row kept.
 */
public record KeysetPage<T>(List<T> items, KeysetCursor next) {

    /** How many rows to fetch for a page of {@code limit}: one more, to learn whether another page follows. */
    public static int fetchSize(int limit) {
        return limit + 1;
    }

    /**
     * The page of {@code limit} in {@code rows} (fetched with {@link #fetchSize}); {@code position} names a row's
     * place.
     */
    public static <T> KeysetPage<T> of(List<T> rows, int limit, Function<T, KeysetCursor> position) {
        if (rows.size() <= limit) {
            return new KeysetPage<>(rows, null);
        }
        List<T> page = rows.subList(0, limit);
        return new KeysetPage<>(page, position.apply(page.get(limit - 1)));
    }

    public boolean hasMore() {
        return next != null;
    }

    /** The {@code page_token} of the next page; null on the last. */
    public String nextToken() {
        return next == null ? null : next.encode();
    }
}
