package dev.switchboard.writes;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.common.StorableText;
import dev.switchboard.error.ValidationProblem;

/**
 * Checks a write's body against the integration's schema ({@code catalog.WriteSchemas}) the way Trackstar does: every
 * field is non-nullable ({@code null}, {@code ""}, {@code "null"} and {@code "none"} are 422s: omit the field
 * instead), types and enums as the schema says, required fields present, and every string and array bounded. A field
 * the schema does not have is not an error: it is left out of what reaches the system and named in the response's
 * {@code unused_fields} (dot paths, {@code ship_to_address.phone}), as Trackstar reports fields an integration does
 * not use. Problems are 422s at {@code json.<dot path>}, all of them at once (up to ValidationProblem's cap).
 */
final class WriteBodies {

    /** The longest string a write field may hold; vendors' own limits are far smaller. */
    static final int MAX_STRING = 4096;
    /** The most elements of one array (line items, packages, tags). */
    static final int MAX_ITEMS = 1000;

    /** The fields the system gets, and those it does not use. */
    record Checked(ObjectNode accepted, List<String> unused) {
    }

    private WriteBodies() {
    }

    static Checked check(JsonNode body, ObjectNode schema) {
        ValidationProblem problem = new ValidationProblem();
        List<String> unused = new ArrayList<>();
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, "Invalid input type.");
        }
        JsonNode accepted = value(body, schema, "", problem, unused);
        problem.throwIfAny();
        return new Checked((ObjectNode) accepted, unused);
    }

    /** The checked copy of {@code value} (null when it has a problem, which is added). */
    private static JsonNode value(JsonNode value, JsonNode schema, String path, ValidationProblem problem,
            List<String> unused) {
        String field = path.isEmpty() ? ValidationProblem.WHOLE_BODY : path;
        if (value.isNull()) {
            problem.add(ValidationProblem.JSON, field, "Field may not be null.");
            return null;
        }
        String type = schema.path("type").asText("");
        if (type.isEmpty()) {
            type = value.isObject() && schema.has("properties") ? "object" : "";
        }
        switch (type) {
            case "string" -> {
                if (!value.isTextual()) {
                    problem.add(ValidationProblem.JSON, field, "Not a valid string.");
                    return null;
                }
                return string(value.asText(), schema, field, problem) ? value : null;
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problem.add(ValidationProblem.JSON, field, "Not a valid number.");
                    return null;
                }
                return value;
            }
            case "integer" -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    problem.add(ValidationProblem.JSON, field, "Not a valid integer.");
                    return null;
                }
                return value;
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problem.add(ValidationProblem.JSON, field, "Not a valid boolean.");
                    return null;
                }
                return value;
            }
            case "array" -> {
                if (!value.isArray()) {
                    problem.add(ValidationProblem.JSON, field, "Not a valid list.");
                    return null;
                }
                if (value.size() > MAX_ITEMS) {
                    problem.add(ValidationProblem.JSON, field, "Longer than maximum length " + MAX_ITEMS + ".");
                    return null;
                }
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                JsonNode items = schema.path("items");
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value(value.get(i), items, path + "." + i, problem, unused);
                    out.add(item);
                }
                return out;
            }
            case "object" -> {
                if (!value.isObject()) {
                    problem.add(ValidationProblem.JSON, field, "Not a valid mapping type.");
                    return null;
                }
                return object(value, oneOf(value, schema, field, problem), path, problem, unused);
            }
            default -> {
                // No type (trackstar_tags' items: a string or a one-key object): any value but null and "".
                return free(value, field, problem) ? value : null;
            }
        }
    }

    /**
     * The schema an object is held to: itself, or for a {@code oneOf} (such as {@code supplier_object}: a
     * {@code supplier_id} or a {@code supplier_name}) the first branch whose required fields the value has; a value
     * matching no branch is a 422 naming the choices.
     */
    private static JsonNode oneOf(JsonNode value, JsonNode schema, String field, ValidationProblem problem) {
        JsonNode branches = schema.path("oneOf");
        if (!branches.isArray() || branches.isEmpty()) {
            return schema;
        }
        List<String> choices = new ArrayList<>();
        for (JsonNode branch : branches) {
            boolean matches = true;
            List<String> names = new ArrayList<>();
            for (JsonNode name : branch.path("required")) {
                matches &= value.has(name.asText());
                names.add(name.asText());
            }
            if (matches) {
                return branch;
            }
            choices.add(String.join(" and ", names));
        }
        problem.add(ValidationProblem.JSON, field, "Must have one of: " + String.join("; ", choices) + ".");
        return schema;
    }

    private static ObjectNode object(JsonNode value, JsonNode schema, String path, ValidationProblem problem,
            List<String> unused) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode properties = schema.path("properties");
        boolean open = properties.isEmpty() && !schema.path("additionalProperties").isBoolean()
                || schema.path("additionalProperties").asBoolean(false) && properties.isEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            String memberPath = path.isEmpty() ? name : path + "." + name;
            JsonNode memberSchema = properties.get(name);
            if (memberSchema == null) {
                if (open) {
                    if (free(member.getValue(), memberPath, problem)) {
                        out.set(name, member.getValue());
                    }
                } else {
                    unused.add(memberPath);
                }
                continue;
            }
            JsonNode checked = value(member.getValue(), memberSchema, memberPath, problem, unused);
            if (checked != null) {
                out.set(name, checked);
            }
        }
        JsonNode required = schema.path("required");
        for (JsonNode name : required) {
            if (!value.has(name.asText())) {
                String memberPath = path.isEmpty() ? name.asText() : path + "." + name.asText();
                problem.add(ValidationProblem.JSON, memberPath, "Missing data for required field.");
            }
        }
        return out;
    }

    private static boolean string(String text, JsonNode schema, String field, ValidationProblem problem) {
        if (text.isBlank() || "null".equals(text.toLowerCase(Locale.ROOT))
                || "none".equals(text.toLowerCase(Locale.ROOT))) {
            problem.add(ValidationProblem.JSON, field, "Field may not be empty or null; omit it instead.");
            return false;
        }
        if (text.length() > MAX_STRING) {
            problem.add(ValidationProblem.JSON, field, "Longer than maximum length " + MAX_STRING + ".");
            return false;
        }
        if (!StorableText.isStorable(text)) {
            problem.add(ValidationProblem.JSON, field, StorableText.MESSAGE);
            return false;
        }
        JsonNode values = schema.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            boolean found = false;
            for (JsonNode allowed : values) {
                found |= allowed.asText().equals(text);
            }
            if (!found) {
                List<String> names = new ArrayList<>();
                values.forEach(v -> names.add(v.asText()));
                problem.add(ValidationProblem.JSON, field, "Must be one of: " + String.join(", ", names) + ".");
                return false;
            }
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                problem.add(ValidationProblem.JSON, field, "Not a valid datetime.");
                return false;
            }
        }
        return true;
    }

    /** A value without a schema: anything but null and empty or null-like strings, bounded. */
    private static boolean free(JsonNode value, String field, ValidationProblem problem) {
        if (value.isNull()) {
            problem.add(ValidationProblem.JSON, field, "Field may not be null.");
            return false;
        }
        if (value.isTextual()) {
            return string(value.asText(), JsonNodeFactory.instance.objectNode(), field, problem);
        }
        if (value.isContainerNode()) {
            boolean ok = value.size() <= MAX_ITEMS;
            if (!ok) {
                problem.add(ValidationProblem.JSON, field, "Longer than maximum length " + MAX_ITEMS + ".");
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                ok &= free(member.getValue(), field + "." + member.getKey(), problem);
            }
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    ok &= free(value.get(i), field + "." + i, problem);
                }
            }
            return ok;
        }
        return true;
    }
}
