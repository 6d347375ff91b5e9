package dev.switchboard.integrations.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;

/**
 * How a vendor's HTTP answer becomes an {@link AdapterException}: 429 is RATE_LIMITED with the wait the vendor asked
 * for ({@code Retry-After}, ShipBob's {@code x-retry-after}, or a reset header), 401 is CREDENTIALS_REJECTED, 403 is
 * PERMISSION_MISSING for the function, and 5xx is TRANSIENT. The message carries the vendor's own reason (it may be
 * shown to the customer), never a credential.
 */
public final class VendorFailures {

    /** When a vendor says 429 without saying how long: wait a minute (every limit documented here is per minute). */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final int MAX_REASON = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private VendorFailures() {
    }

    /**
     * Throws the exception a 401, 403, 429 or 5xx maps to; any other status is the adapter's to judge. A 401 or 403
     * names {@code url} (its query string cut off) as the connection error's failed URL; {@code now} (the service's
     * clock) reads a reset given as a date or an epoch second.
     */
    public static void check(Vendor vendor, WmsFunction function, VendorResponse response, String url, Instant now) {
        String failedUrl = url == null ? null : url.replaceFirst("[?#].*$", "");
        int status = response.status();
        if (status == 429) {
            Duration wait = retryAfter(response, now);
            throw new AdapterException(AdapterException.Kind.RATE_LIMITED, vendor.displayName()
                    + "'s rate limit was reached: " + reason(response), wait, function, 429, null);
        }
        if (status == 401) {
            throw new AdapterException(AdapterException.Kind.CREDENTIALS_REJECTED, vendor.displayName()
                    + " rejected the credentials: " + reason(response), null, null, 401, failedUrl, null);
        }
        if (status == 403) {
            throw new AdapterException(AdapterException.Kind.PERMISSION_MISSING, vendor.displayName()
                    + " refused access (the credentials lack a permission): " + reason(response), null, function, 403,
                    failedUrl, null);
        }
        if (status >= 500) {
            throw new AdapterException(AdapterException.Kind.TRANSIENT, vendor.displayName() + " failed (HTTP "
                    + status + "): " + reason(response), null, function, status, null);
        }
    }

    /** The wait a 429 asks for: {@code Retry-After} (seconds or a date), {@code x-retry-after}, or a reset header. */
    static Duration retryAfter(VendorResponse response, Instant now) {
        for (String name : List.of("Retry-After", "x-retry-after", "X-RateLimit-Reset", "RateLimit-Reset")) {
            Duration wait = parseWait(response.header(name), now);
            if (wait != null) {
                return wait;
            }
        }
        return DEFAULT_RETRY_AFTER;
    }

    static Duration parseWait(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            if (seconds < 0) {
                return null;
            }
            // A reset header may be an epoch second rather than a delay.
            if (seconds > 1_000_000_000L) {
                long delay = seconds - now.getEpochSecond();
                return Duration.ofSeconds(Math.max(1, delay));
            }
            return Duration.ofSeconds(Math.max(1, seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now,
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ofSeconds(1) : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * The vendor's reason in a line: the usual fields of their error bodies ({@code message},
     * {@code error_description},
     * {@code error}, ProblemDetails' {@code title}/{@code detail}, ASP.NET's field map, GraphQL's {@code errors[]},
     * Extensiv's {@code Hint}), else the status.
     */
    public static String reason(VendorResponse response) {
        String text = response.text().strip();
        String reason = null;
        if (!text.isEmpty()) {
            try {
                reason = reasonFrom(JSON.readTree(text));
            } catch (IOException notJson) {
                reason = text.length() <= 200 && !text.startsWith("<") ? text : null;
            }
        }
        if (reason == null || reason.isBlank()) {
            reason = "HTTP " + response.status();
        }
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }

    private static String reasonFrom(JsonNode body) {
        if (body == null) {
            return null;
        }
        if (body.isTextual()) {
            return body.asText();
        }
        if (body.isArray()) {
            List<String> parts = new ArrayList<>();
            body.forEach(item -> {
                String part = reasonFrom(item);
                if (part != null) {
                    parts.add(part);
                }
            });
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        if (!body.isObject()) {
            return null;
        }
        JsonNode errors = body.get("errors");
        for (String field : List.of("message", "error_description", "detail", "title", "Hint", "hint", "Message")) {
            JsonNode value = body.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                // ShipBob's 422s carry a summary and the particulars: {"message", "errors": ["..."]}.
                String particulars = errors != null && errors.isArray() ? reasonFrom(errors) : null;
                return particulars == null || particulars.equals(value.asText())
                        ? value.asText()
                        : value.asText() + ": " + particulars;
            }
        }
        if (errors != null) {
            String nested = reasonFrom(errors);
            if (nested != null) {
                return nested;
            }
        }
        JsonNode error = body.get("error");
        if (error != null && error.isTextual()) {
            return error.asText();
        }
        if (error != null && error.isObject()) {
            return reasonFrom(error);
        }
        // ASP.NET model state: {"Field": ["message", ...]}
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isArray() && field.getValue().size() > 0 && field.getValue().get(0).isTextual()) {
                String name = field.getKey().isEmpty() ? "" : field.getKey() + ": ";
                parts.add(name + field.getValue().get(0).asText());
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
