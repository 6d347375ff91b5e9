package dev.switchboard.sync;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Trackstar's {@code previous_attributes}: only the fields that changed, keyed by dot paths with integer array indexes
 * ({@code "status"}, {@code "line_items.1.received_quantity"}), each holding the value before the change. A field that
 * did not exist before holds null; an array element that is gone holds the old element whole.
 */
public final class PreviousAttributes {

    private PreviousAttributes() {
    }

    public static ObjectNode of(JsonNode before, JsonNode after) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        diff("", before, after, out);
        return out;
    }

    private static void diff(String path, JsonNode before, JsonNode after, ObjectNode out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = after.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            for (String name : names) {
                diff(join(path, name), before.get(name), after.get(name), out);
            }
        } else if (before != null && after != null && before.isArray() && after.isArray()) {
            int n = Math.max(before.size(), after.size());
            for (int i = 0; i < n; i++) {
                diff(join(path, Integer.toString(i)), before.get(i), after.get(i), out);
            }
        } else if (!equal(before, after)) {
            out.set(path, before == null ? NullNode.instance : before.deepCopy());
        }
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull();
        }
        if (a.isNumber() && b != null && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
