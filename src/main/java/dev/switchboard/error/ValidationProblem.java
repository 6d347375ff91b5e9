package dev.switchboard.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 422 in the contract's {@code ValidationError} shape:
 * {@code {"error":"Validation error","detail":{"<location>":{"<field>":["message"]}}}}. Locations are {@code json}
 * (the body), {@code query}, {@code path} and {@code headers}; nested fields are dotted paths with list indexes
 * ({@code integration_allow_list.2}); errors about the body as a whole use the field {@code _schema}.
 */
public class ValidationProblem extends RuntimeException {

    public static final String JSON = "json";
    public static final String QUERY = "query";
    public static final String PATH = "path";
    public static final String HEADERS = "headers";
    public static final String WHOLE_BODY = "_schema";

    private final Map<String, Map<String, List<String>>> detail = new LinkedHashMap<>();

    public ValidationProblem() {
        super("Validation error", null, false, false);
    }

    public static ValidationProblem of(String location, String field, String message) {
        return new ValidationProblem().add(location, field, message);
    }

    public ValidationProblem add(String location, String field, String message) {
        List<String> messages = detail.computeIfAbsent(location, l -> new LinkedHashMap<>())
                .computeIfAbsent(field, f -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
        return this;
    }

    /** The request body, or a 422 at {@code json._schema} when there was none. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw of(JSON, WHOLE_BODY, "Missing request body.");
        }
        return body;
    }

    public boolean isEmpty() {
        return detail.isEmpty();
    }

    /** Throws this problem if anything was added. */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw this;
        }
    }

    public ValidationErrorBody body() {
        return new ValidationErrorBody("Validation error", detail);
    }
}
