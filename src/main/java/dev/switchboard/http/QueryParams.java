package dev.switchboard.http;

import dev.switchboard.common.WireValue;
import dev.switchboard.error.ValidationProblem;

/**
 * Query and path parameters parsed by hand, so a malformed one is a 422 at {@code query.<name>} or
 * {@code path.<name>} rather than a bare 404.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intParam(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ValidationProblem.of(ValidationProblem.QUERY, name, "Not a valid integer.");
        }
        if (value < min || value > max) {
            throw ValidationProblem.of(ValidationProblem.QUERY, name, "Must be between " + min + " and " + max + ".");
        }
        return value;
    }

    public static String stringParam(String name, String raw, int maxLength) {
        if (raw != null && raw.length() > maxLength) {
            throw ValidationProblem.of(ValidationProblem.QUERY, name, "Longer than maximum length " + maxLength + ".");
        }
        return raw;
    }

    /** A {@link WireValue} enum from a query or path parameter; {@code null} when absent. */
    public static <E extends Enum<E> & WireValue> E wireValue(String location, String name, String raw, Class<E> type) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return WireValue.find(type, raw).orElseThrow(
                () -> ValidationProblem.of(location, name, "Must be one of: " + WireValue.values(type) + "."));
    }
}
