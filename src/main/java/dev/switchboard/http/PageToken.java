package dev.switchboard.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.switchboard.error.ValidationProblem;

/**
 * The one {@code page_token} format of every keyset-paged list: base64url (no padding) of {@code v1.<part>.<part>...},
 * the sort key of the last row of the previous page, in the list's own parts. Every part but the last is free of dots;
 * the last may hold anything but NUL (a record id of a vendor's). {@link KeysetCursor} is the common case, the
 * management lists' {@code (created_at, id)}; the WMS reads bind their record id to a hash of their filters. Opaque
 * to clients, never an offset. A token that is not one of ours is a 422 at {@code query.page_token}.
 */
public final class PageToken {

    private static final String VERSION = "v1";
    static final String INVALID = "Invalid page token.";

    private PageToken() {
    }

    public static String encode(String... parts) {
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].indexOf('.') >= 0) {
                throw new IllegalArgumentException("only the last part of a page token may hold a dot");
            }
        }
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + "." + String.join(".", parts)).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code parts} parts of a token, none empty; a 422 at {@code query.page_token} when it is not one of ours. */
    public static List<String> decode(String token, int parts) {
        String text;
        try {
            text = new String(java.util.Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(INVALID);
        }
        String[] split = text.split("\\.", parts + 1);
        if (split.length != parts + 1 || !VERSION.equals(split[0]) || text.indexOf('\0') >= 0
                || Arrays.stream(split).anyMatch(String::isEmpty)) {
            throw invalid(INVALID);
        }
        return List.of(split).subList(1, parts + 1);
    }

    /** A 422 at {@code query.page_token}. */
    public static ValidationProblem invalid(String message) {
        return ValidationProblem.of(ValidationProblem.QUERY, "page_token", message);
    }
}
