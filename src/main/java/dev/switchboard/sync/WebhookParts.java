package dev.switchboard.sync;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cuts a record event whose body is over the webhook limit (256 KiB) into parts that fit, each sent as an event of its
 * own, so a large change is never dropped. Trackstar's record schemas require no field and the envelope allows no
 * extra one, so a part is the same envelope whose {@code data} holds the record's identity ({@code id},
 * {@code updated_date}, the two {@code trackstar_*} dates) plus some of its top-level fields, and whose
 * {@code previous_attributes} holds the changed paths under those fields. Parts of one change share {@code data.id}
 * and {@code data.trackstar_updated_date}. A top-level array that alone is too large is cut by elements, in order (the
 * part holding {@code line_items} elements 0..k, the next k+1..n: a receiver that merges parts by id appends them);
 * {@code previous_attributes} paths keep their absolute indexes. An element that alone is over the limit (a single
 * line item of more than 256 KiB, which no WMS sends) is left out of {@code data} and logged; the event is still sent.
 */
final class WebhookParts {

    private static final Logger LOG = Logger.getLogger(WebhookParts.class);

    /** What every part of a change carries, so a receiver can tell which record and version it belongs to. */
    private static final List<String> IDENTITY = List.of("id", "updated_date", "trackstar_created_date",
            "trackstar_updated_date");

    private WebhookParts() {
    }

    /** The envelope as one body if it fits in {@code max} bytes, else its parts, each within {@code max}. */
    static List<byte[]> fit(ObjectMapper json, ObjectNode envelope, int max) {
        byte[] whole = write(json, envelope);
        if (whole.length <= max) {
            return List.of(whole);
        }
        ObjectNode data = (ObjectNode) envelope.get("data");
        ObjectNode previous = envelope.get("previous_attributes") instanceof ObjectNode p ? p : null;
        ObjectNode base = envelope.deepCopy();
        ObjectNode baseData = base.putObject("data");
        for (String field : IDENTITY) {
            if (data.has(field)) {
                baseData.set(field, data.get(field));
            }
        }
        if (previous != null) {
            base.putObject("previous_attributes");
        }
        int baseSize = write(json, base).length;

        // The units: each top-level field of data (or of previous_attributes only, for a field that went away).
        Set<String> fields = new LinkedHashSet<>();
        data.fieldNames().forEachRemaining(fields::add);
        if (previous != null) {
            previous.fieldNames().forEachRemaining(path -> fields.add(top(path)));
        }
        IDENTITY.forEach(fields::remove);

        List<Part> parts = new ArrayList<>();
        Part current = new Part();
        for (String field : fields) {
            Map<String, JsonNode> changed = changedUnder(previous, field);
            JsonNode value = data.get(field);
            int size = entry(json, field, value) + changed.entrySet().stream()
                    .mapToInt(e -> entry(json, e.getKey(), e.getValue())).sum();
            if (baseSize + size <= max) {
                if (baseSize + current.size + size > max) {
                    parts.add(current);
                    current = new Part();
                }
                current.add(field, value, changed, size);
                continue;
            }
            // Alone too large: its own parts. previous_attributes first, by path, then data's array by elements.
            parts.addAll(cut(json, field, value, changed, baseSize, max));
        }
        if (!current.fields.isEmpty() || parts.isEmpty()) {
            parts.add(current);
        }
        List<byte[]> bodies = new ArrayList<>(parts.size());
        for (Part part : parts) {
            ObjectNode body = base.deepCopy();
            ObjectNode partData = (ObjectNode) body.get("data");
            part.fields.forEach((field, value) -> {
                if (value != null) {
                    partData.set(field, value);
                }
            });
            if (previous != null) {
                ((ObjectNode) body.get("previous_attributes")).setAll(part.previous);
            }
            bodies.add(write(json, body));
        }
        return bodies;
    }

    /** One top-level field that does not fit with the identity in one part: cut by elements and by paths. */
    private static List<Part> cut(ObjectMapper json, String field, JsonNode value, Map<String, JsonNode> changed,
            int baseSize, int max) {
        List<Part> parts = new ArrayList<>();
        Part current = new Part();
        // The changed paths, each an entry of previous_attributes.
        for (Map.Entry<String, JsonNode> e : changed.entrySet()) {
            int size = entry(json, e.getKey(), e.getValue());
            if (baseSize + size > max) {
                LOG.warnf("A previous_attributes entry %s of %d bytes is over the webhook limit; left out", e.getKey(),
                        size);
                continue;
            }
            if (baseSize + current.size + size > max) {
                parts.add(current);
                current = new Part();
            }
            current.previous.set(e.getKey(), e.getValue());
            current.size += size;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode chunk = null;
            int overhead = entry(json, field, array.arrayNode());
            for (JsonNode element : array) {
                int size = write(json, element).length + 1;
                if (baseSize + overhead + size > max) {
                    LOG.warnf("An element of %s of %d bytes is over the webhook limit; left out of data", field, size);
                    continue;
                }
                if (chunk == null || baseSize + current.size + overhead + size > max) {
                    if (chunk != null || !current.previous.isEmpty()) {
                        parts.add(current);
                        current = new Part();
                    }
                    chunk = array.arrayNode();
                    current.fields.put(field, chunk);
                    current.size += overhead;
                }
                chunk.add(element);
                current.size += size;
            }
        } else if (value != null) {
            LOG.warnf("The field %s of %d bytes is over the webhook limit; left out of data", field,
                    entry(json, field, value));
        }
        if (!current.fields.isEmpty() || !current.previous.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** The entries of previous_attributes under a top-level field: {@code field} itself or {@code field.<...>}. */
    private static Map<String, JsonNode> changedUnder(ObjectNode previous, String field) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (previous == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = previous.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (top(e.getKey()).equals(field)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static String top(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The bytes {@code "name":value,} adds to an object. */
    private static int entry(ObjectMapper json, String name, JsonNode value) {
        if (value == null) {
            return 0;
        }
        return write(json, json.getNodeFactory().textNode(name)).length + 2 + write(json, value).length;
    }

    private static byte[] write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields and previous_attributes entries of one part, and the bytes they add to the base envelope. */
    private static final class Part {

        final Map<String, JsonNode> fields = new LinkedHashMap<>();
        final ObjectNode previous = JsonNodeFactory.instance.objectNode();
        int size;

        void add(String field, JsonNode value, Map<String, JsonNode> changed, int bytes) {
            fields.put(field, value);
            changed.forEach(previous::set);
            size += bytes;
        }
    }
}
