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
 * <p>
 * A report holds at most {@value #MAX_FIELDS} fields: further problems are only counted, and the body says how many
 * were left out under the field {@value #MORE} of their location. A hostile body must not turn into a huge answer.
 */
public class ValidationProblem extends RuntimeException {

    public static final String JSON = "json";
    public static final String QUERY = "query";
    public static final String PATH = "path";
    public static final String HEADERS = "headers";
    public static final String WHOLE_BODY = "_schema";
    public static final String MORE = "_more";
    public static final int MAX_FIELDS = 20;

    private final Map<String, Map<String, List<String>>> detail = new LinkedHashMap<>();
    private final Map<String, Integer> omitted = new LinkedHashMap<>();
    private int fields;

    public ValidationProblem() {
        super("Validation error", null, false, false);
    }

    public static ValidationProblem of(String location, String field, String message) {
        return new ValidationProblem().add(location, field, message);
    }

    public ValidationProblem add(String location, String field, String message) {
        Map<String, List<String>> byField = detail.get(location);
        List<String> messages = byField == null ? null : byField.get(field);
        if (messages == null) {
            if (fields >= MAX_FIELDS) {
                omitted.merge(location, 1, Integer::sum);
                return this;
            }
            fields++;
            messages = new ArrayList<>(1);
            detail.computeIfAbsent(location, l -> new LinkedHashMap<>()).put(field, messages);
        }
        if (messages.size() < 5 && !messages.contains(message)) {
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
        if (omitted.isEmpty()) {
            return new ValidationErrorBody("Validation error", detail);
        }
        Map<String, Map<String, List<String>>> capped = new LinkedHashMap<>();
        detail.forEach((location, byField) -> capped.put(location, new LinkedHashMap<>(byField)));
        omitted.forEach((location, count) -> capped.computeIfAbsent(location, l -> new LinkedHashMap<>())
                .put(MORE, List.of(count + (count == 1 ? " more problem" : " more problems") + " not listed.")));
        return new ValidationErrorBody("Validation error", capped);
    }
}
