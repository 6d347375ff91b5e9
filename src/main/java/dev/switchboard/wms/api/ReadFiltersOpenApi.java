package dev.switchboard.wms.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the query parameters of every WMS list route from the same data the service checks them with
 * ({@code wms/read-filters.json}), so the API documentation cannot drift from what is accepted. Registered with
 * {@code @OpenApiFilter} (at build time; {@code mp.openapi.filter} names {@code auth.KeyedResponses}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ReadFiltersOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        JsonNode root;
        try (InputStream in = ReadFiltersOpenApi.class.getClassLoader().getResourceAsStream(ReadFilters.RESOURCE)) {
            root = new ObjectMapper().readTree(Objects.requireNonNull(in, ReadFilters.RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (ReadRoute route : ReadRoute.lists()) {
            PathItem item = openAPI.getPaths().getPathItem(route.path());
            if (item == null || item.getGET() == null) {
                continue;
            }
            Operation get = item.getGET();
            add(get, "limit", "The maximum number of records to return, 1..1000. The default is 1000.",
                    OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)
                            .maximum(java.math.BigDecimal.valueOf(ReadFilters.MAX_LIMIT)));
            add(get, "page_token", "The next_token of the previous page. Keep every filter of the first page.",
                    string());
            add(get, "ids[in]", "At most 100 comma-separated record ids. If given, every other filter is ignored.",
                    string());
            JsonNode fields = root.path("paths").path(route.path());
            List<String> names = new ArrayList<>();
            fields.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode field = fields.path(name);
                for (JsonNode op : field.path("operators")) {
                    document(get, name, op.asText(), field.path("type").asText(), field.path("enum"));
                }
            }
            for (String name : ReadFilters.TRACKSTAR_DATES) {
                for (String op : ReadFilters.DATE_OPERATORS) {
                    document(get, name, op, "date-time", null);
                }
            }
            if (ReadFilters.tagged(route)) {
                add(get, ReadFilters.TRACKSTAR_TAGS + "[contains]", "Has every one of these trackstar tags (at most "
                        + "100, comma-separated; key:value matches the tag {\"key\": \"value\"}).", string());
                add(get, ReadFilters.TRACKSTAR_TAGS + "[not_contains]", "Has none of these trackstar tags (at most "
                        + "100, comma-separated; key:value matches the tag {\"key\": \"value\"}).", string());
            }
        }
    }

    private static void document(Operation get, String field, String op, String type, JsonNode allowed) {
        boolean list = op.equals("in") || op.equals("nin") || op.equals("in-insensitive");
        String description = (op.isEmpty() ? "Equal to" : switch (op) {
            case "eq" -> "Equal to";
            case "neq" -> "Not equal to (records without the field included)";
            case "gt" -> "After / greater than";
            case "gte" -> "At or after / at least";
            case "lt" -> "Before / less than";
            case "lte" -> "At or before / at most";
            case "in" -> "One of (at most 100, comma-separated)";
            case "nin" -> "None of (at most 100, comma-separated)";
            case "contains" -> "Contains the text";
            case "not_contains" -> "Does not contain the text";
            case "eq-insensitive" -> "Equal to, ignoring case";
            case "in-insensitive" -> "One of, ignoring case (at most 100, comma-separated)";
            case "contains-insensitive" -> "Contains the text, ignoring case";
            default -> op;
        }) + (type.equals("date-time") ? "; YYYY-MM-DDTHH:MM:SSZ" : "") + ".";
        Schema schema = type.equals("boolean")
                ? OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN)
                : string();
        if (type.equals("date-time")) {
            schema.format("date-time");
        }
        if (allowed != null && allowed.isArray() && !list) {
            allowed.forEach(v -> schema.addEnumeration(v.asText()));
        }
        add(get, op.isEmpty() ? field : field + "[" + op + "]", description, schema);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static void add(Operation get, String name, String description, Schema schema) {
        get.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.QUERY).required(false)
                .description(description).schema(schema));
    }
}
