package dev.switchboard.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import dev.switchboard.error.ValidationProblem;

/**
 * The {@code page_token} of lists ordered by {@code (created_at, id)}: the last row of a page, base64url of
 * {@code "<created_at>|<id>"}. Opaque to clients; the next page starts strictly after it, never at an offset.
 */
public record KeysetCursor(Instant createdAt, String id) {

    /** The cursor in a {@code page_token} query parameter; {@code null} when absent; a 422 at {@code query.page_token} when malformed. */
    public static KeysetCursor parse(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        String token = QueryParams.stringParam("page_token", pageToken, 200);
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length == 2) {
                return new KeysetCursor(Instant.parse(parts[0]), parts[1]);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // falls through to the 422 below
        }
        throw ValidationProblem.of(ValidationProblem.QUERY, "page_token", "Invalid page token.");
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
