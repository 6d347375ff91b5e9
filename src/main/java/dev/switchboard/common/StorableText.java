package dev.switchboard.common;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text PostgreSQL can store. A {@code text} or {@code jsonb} value cannot hold NUL ({@code \u0000}), and an unpaired
 * UTF-16 surrogate has no UTF-8 form, so either would fail at the database (a 500) or be silently changed. Every
 * place request text enters (JSON bodies, query and path parameters, headers the service keeps, forms) checks it
 * here and answers 422 at the field instead.
 */
public final class StorableText {

    public static final String MESSAGE = "Contains a character that cannot be stored (NUL or an unpaired surrogate).";

    private StorableText() {
    }

    /** True when {@code text} (null counts) can be stored as PostgreSQL text. */
    public static boolean isStorable(CharSequence text) {
        if (text == null) {
            return true;
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** True when every key and string inside a parsed JSON value (maps, lists, strings, nesting) can be stored. */
    public static boolean isStorableJson(Object value) {
        if (value instanceof CharSequence text) {
            return isStorable(text);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!isStorableJson(entry.getKey()) || !isStorableJson(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (!isStorableJson(item)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof JsonNode node) {
            if (node.isTextual()) {
                return isStorable(node.textValue());
            }
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!isStorable(field.getKey()) || !isStorableJson(field.getValue())) {
                    return false;
                }
            }
            if (node.isArray()) {
                for (JsonNode item : node) {
                    if (!isStorableJson(item)) {
                        return false;
                    }
                }
            }
            return true;
        }
        return true;
    }
}
