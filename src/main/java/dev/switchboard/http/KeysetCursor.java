package dev.switchboard.http;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.error.ValidationProblem;

/**
 * The one {@code page_token} format, of every list ordered by {@code (created_at, id)} (magic links, connections,
 * organizations): the last row of a page, base64url of {@code v1.<created_at in microseconds>.<id>}. Opaque to
 * clients; never an offset, so a page deep in a large list costs what the first page costs, and rows created while a
 * client pages do not shift what it sees. Build pages with {@link KeysetPage}.
 */
public record KeysetCursor(Instant createdAt, String id) {

    private static final Pattern FORMAT = Pattern.compile("^v1\\.(-?\\d{1,19})\\.([A-Za-z0-9_]{1,64})$");
    static final String INVALID = "Invalid page token.";

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
        try {
            Matcher m = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII));
            if (m.matches()) {
                return new KeysetCursor(Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS), m.group(2));
            }
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            // falls through to the 422
        }
        throw ValidationProblem.of(ValidationProblem.QUERY, "page_token", INVALID);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1." + micros + "." + id).getBytes(StandardCharsets.US_ASCII));
    }
}
