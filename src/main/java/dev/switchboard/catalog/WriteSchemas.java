package dev.switchboard.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The request bodies of the unified WMS API's writes, as data: {@code catalog/write-schemas.json}, generated from the
 * reference OpenAPI ({@code build-config/gen-write-schemas.py}) and held to it by {@code WriteSchemasTest}. Each write
 * action has Trackstar's base schema and the variant of each integration Switchboard serves (the oneOf of
 * {@code CreatewmsOrderInputSchema} and its siblings, by the discriminator's integration names). The same data
 * validates a body ({@code wms.api.WriteBodies}) and fills {@code write_operations} in the catalog, so what the
 * catalog advertises is what a write accepts.
 */
@ApplicationScoped
public class WriteSchemas {

    static final String RESOURCE = "catalog/write-schemas.json";

    /** What {@code write_operations} says of one action of one integration. */
    public record Fields(List<String> requiredBase, List<String> optionalBase, Map<String, Object> specific,
            List<String> specificRequired) {
    }

    private final JsonNode actions;
    private final ObjectMapper json = new ObjectMapper();

    public WriteSchemas() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.actions = json.readTree(in).get("actions");
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
        for (Action action : Action.values()) {
            if (action.isWrite() && !actions.has(action.value())) {
                throw new IllegalStateException(RESOURCE + " has no schema for " + action.value());
            }
        }
    }

    /**
     * The body schema of {@code action} for {@code integrationName}: its variant, or else the base schema without its
     * {@code required} list (the base lists every field as required, which no integration asks for).
     */
    public ObjectNode schema(Action action, String integrationName) {
        JsonNode entry = actions.get(action.value());
        JsonNode variant = entry.path("variants").get(integrationName);
        if (variant != null) {
            return (ObjectNode) variant;
        }
        ObjectNode base = ((ObjectNode) entry.get("base")).deepCopy();
        base.remove("required");
        return base;
    }

    /** Whether the reference has a variant of {@code action} for {@code integrationName}. */
    public boolean hasVariant(Action action, String integrationName) {
        return actions.get(action.value()).path("variants").has(integrationName);
    }

    /**
     * The fields of {@code action} for {@code integrationName}: the schema's fields that the base schema has
     * (required or optional, with the required fields of its arrays' items as {@code line_items.sku}), and the others
     * as integration-specific fields with their JSON schemas.
     */
    public Fields fields(Action action, String integrationName) {
        JsonNode base = actions.get(action.value()).get("base").path("properties");
        ObjectNode schema = schema(action, integrationName);
        List<String> required = strings(schema.get("required"));
        List<String> requiredBase = new ArrayList<>();
        List<String> optionalBase = new ArrayList<>();
        Map<String, Object> specific = new LinkedHashMap<>();
        List<String> specificRequired = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            boolean isRequired = required.contains(name);
            if (base.has(name)) {
                (isRequired ? requiredBase : optionalBase).add(name);
                JsonNode items = field.getValue().path("items");
                if (isRequired) {
                    for (String inner : strings(items.get("required"))) {
                        requiredBase.add(name + "." + inner);
                    }
                }
            } else {
                specific.put(name, json.convertValue(field.getValue(), Map.class));
                if (isRequired) {
                    specificRequired.add(name);
                }
            }
        }
        return new Fields(requiredBase, optionalBase, specific, specificRequired);
    }

    /** The route of an action as the reference names it, such as {@code PUT /wms/orders/{order_id}/cancel}. */
    public Optional<String> route(Action action) {
        JsonNode entry = actions.get(action.value());
        return entry == null
                ? Optional.empty()
                : Optional.of(entry.get("method").asText() + " " + entry.get("path").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array instanceof ArrayNode items) {
            items.forEach(item -> out.add(item.asText()));
        }
        return out;
    }
}
