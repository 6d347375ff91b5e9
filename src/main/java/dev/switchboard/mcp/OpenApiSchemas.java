package dev.switchboard.mcp;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tool input schemas cut from the service's own OpenAPI document (the one {@code /q/openapi} serves, generated from
 * the resources and their DTOs): an operation's path and query parameters and its JSON body's properties become one
 * flat JSON Schema object, with every {@code $ref} inlined. So a tool takes exactly what its REST route takes, under
 * the same names, with the same descriptions and limits.
 */
final class OpenApiSchemas {

    private static final int MAX_DEPTH = 16;
    static final String ACCESS_TOKEN_HEADER = "x-trackstar-access-token";
    private final JsonNode document;

    OpenApiSchemas(JsonNode document) {
        this.document = document;
    }

    static OpenApiSchemas parse(byte[] json, ObjectMapper mapper) {
        try {
            return new OpenApiSchemas(mapper.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("the service's OpenAPI document cannot be read", e);
        }
    }

    /** The input schema of {@code httpMethod path}; fails at start when the document lacks the operation. */
    ObjectNode inputSchema(String path, String httpMethod) {
        JsonNode operation = document.path("paths").path(path).path(httpMethod.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new IllegalStateException("no operation " + httpMethod + " " + path + " in the OpenAPI document");
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        addParameters(document.path("paths").path(path).path("parameters"), properties, required);
        addParameters(operation.path("parameters"), properties, required);
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        boolean openBody = false;
        if (!body.isMissingNode()) {
            JsonNode resolved = inline(body, 0);
            // A body the route reads as raw text documents no fields here: the route checks them itself.
            openBody = !resolved.has("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                properties.set(property.getKey(), property.getValue());
            }
            resolved.path("required").forEach(required::add);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", openBody);
        return schema;
    }

    private void addParameters(JsonNode parameters, ObjectNode properties, ArrayNode required) {
        for (JsonNode parameter : parameters) {
            String in = parameter.path("in").asText();
            String name = parameter.path("name").asText();
            if (in.equals("header") && name.equalsIgnoreCase(ACCESS_TOKEN_HEADER)) {
                // The connection's access token travels as a header over REST and as an argument of the tool.
                properties.putObject(RestTools.ACCESS_TOKEN).put("type", "string")
                        .put("description",
                                "The connection's access token (sb_at_...), as in x-trackstar-access-token.");
                required.add(RestTools.ACCESS_TOKEN);
                continue;
            }
            if (!in.equals("path") && !in.equals("query")) {
                continue; // other headers (Idempotency-Key) are the transport's business, not the tool's
            }
            ObjectNode property = parameter.has("schema")
                    ? (ObjectNode) inline(parameter.get("schema"), 0)
                    : JsonNodeFactory.instance.objectNode().put("type", "string");
            if (parameter.hasNonNull("description") && !property.has("description")) {
                property.put("description", parameter.get("description").asText());
            }
            if (in.equals("query") && (property.path("type").asText().equals("string") || !property.has("type"))) {
                // Query values arrive as text over HTTP; a tool also takes the number or boolean an agent sends.
                property.remove("type");
                ArrayNode types = property.putArray("type");
                types.add("string").add("integer").add("boolean");
            }
            properties.set(name, property);
            if (in.equals("path") || parameter.path("required").asBoolean(false)) {
                required.add(name);
            }
        }
    }

    private JsonNode inline(JsonNode schema, int depth) {
        if (depth > MAX_DEPTH) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (schema.isObject()) {
            JsonNode ref = schema.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/schemas/")) {
                JsonNode target = document.path("components").path("schemas")
                        .path(ref.asText().substring("#/components/schemas/".length()));
                ObjectNode resolved = (ObjectNode) inline(target, depth + 1);
                // Siblings of $ref (a description of the property) win over the target's own.
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!field.getKey().equals("$ref")) {
                        resolved.set(field.getKey(), inline(field.getValue(), depth + 1));
                    }
                }
                return resolved;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), inline(field.getValue(), depth + 1));
            }
            return copy;
        }
        if (schema.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            schema.forEach(item -> copy.add(inline(item, depth + 1)));
            return copy;
        }
        return schema.deepCopy();
    }
}
