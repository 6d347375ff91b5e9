package dev.switchboard.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code page_token} of every list ordered by {@code (created_at, id)} (magic links, connections, organizations,
 * a connection's sync runs): the last row of a page, as the {@link PageToken} {@code v1.<created_at in
 * microseconds>.<id>}. Rows created while a client pages do not shift what it sees. Build pages with
 * {@link KeysetPage}.
 */
public record KeysetCursor(Instant createdAt, String id) {

    private static final Pattern MICROS = Pattern.compile("^-?\\d{1,19}$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_]{1,64}$");
    static final String INVALID = PageToken.INVALID;

    /**
     * The cursor in a {@code page_token} query parameter; {@code null} when absent; a 422 at {@code query.page_token}
     * when malformed.
     */
    public static KeysetCursor parse(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        return decode(QueryParams.stringParam("page_token", pageToken, 200));
    }

    /** The cursor of a token; a 422 at {@code query.page_token} when it is not one of ours. */
    public static KeysetCursor decode(String token) {
        List<String> parts = PageToken.decode(token, 2);
        if (MICROS.matcher(parts.get(0)).matches() && ID.matcher(parts.get(1)).matches()) {
            try {
                return new KeysetCursor(Instant.EPOCH.plus(Long.parseLong(parts.get(0)), ChronoUnit.MICROS),
                        parts.get(1));
            } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
                // falls through to the 422
            }
        }
        throw PageToken.invalid(INVALID);
    }

    public String encode() {
        return PageToken.encode(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, createdAt)), id);
    }
}
