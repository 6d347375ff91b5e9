package dev.switchboard.http;

import dev.switchboard.error.ValidationProblem;

/** Query parameters parsed by hand, so a malformed one is a 422 at {@code query.<name>} rather than a bare 404. */
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
}
