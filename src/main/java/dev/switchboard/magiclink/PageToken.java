package dev.switchboard.magiclink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.error.ValidationProblem;

/**
 * The keyset cursor of {@code GET /magic-links}: the last link of a page, as {@code (created_at, id)}. Opaque to
 * clients (base64url); never an offset, so a page deep in a large list costs what the first page costs, and links
 * created while a client pages do not shift what it sees.
 */
public record PageToken(Instant createdAt, String id) {

    private static final Pattern FORMAT = Pattern.compile("^v1\\.(-?\\d{1,19})\\.([0-9a-f]{32})$");

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1." + micros + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static PageToken decode(String raw) {
        try {
            Matcher m = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.US_ASCII));
            if (m.matches()) {
                return new PageToken(Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS), m.group(2));
            }
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // falls through to the 422
        }
        throw ValidationProblem.of(ValidationProblem.QUERY, "page_token", "Invalid page token.");
    }
}
