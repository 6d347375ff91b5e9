package dev.switchboard.wms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.testing.WmsContract;

/**
 * The reviewed filter table ({@code src/main/resources/wms/read-filters.json}) is exactly what Trackstar's reads
 * OpenAPI declares, and {@link ReadRoute} has exactly its 26 paths: a change on either side fails here.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WmsReadFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("([a-z_]+)(?:\\[([a-z_-]+)\\])?");

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = WmsReadFiltersTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void the_routes_are_the_contracts_26_get_paths() throws IOException {
        JsonNode paths = read(WmsContract.SPEC).path("paths");
        TreeSet<String> contract = new TreeSet<>();
        paths.fieldNames().forEachRemaining(contract::add);
        paths.forEach(item -> assertEquals(List.of("get"), iterable(item.fieldNames())));
        assertEquals(contract, new TreeSet<>(Arrays.stream(ReadRoute.values()).map(ReadRoute::path).toList()));
        for (ReadRoute route : ReadRoute.values()) {
            boolean paged = false;
            for (JsonNode p : paths.path(route.path()).path("get").path("parameters")) {
                paged |= p.path("name").asText().equals("page_token");
            }
            assertEquals(paged, route.list(), route.path());
        }
    }

    @Test
    void the_filter_table_is_what_the_contract_declares() throws IOException {
        JsonNode paths = read(WmsContract.SPEC).path("paths");
        ObjectNode derived = JSON.createObjectNode();
        for (ReadRoute route : ReadRoute.lists()) {
            Map<String, ObjectNode> fields = new LinkedHashMap<>();
            for (JsonNode p : paths.path(route.path()).path("get").path("parameters")) {
                String name = p.path("name").asText();
                if (!p.path("in").asText().equals("query")
                        || List.of("page_token", "limit", "ids[in]").contains(name)) {
                    continue;
                }
                Matcher m = NAME.matcher(name);
                assertEquals(true, m.matches(), name);
                JsonNode schema = p.path("schema");
                JsonNode scalar = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
                String type = scalar.path("format").asText().equals("date-time")
                        ? "date-time"
                        : scalar.path("type").asText();
                ObjectNode field = fields.computeIfAbsent(m.group(1), f -> {
                    ObjectNode node = JSON.createObjectNode().put("type", type);
                    node.putArray("operators");
                    return node;
                });
                assertEquals(type, field.path("type").asText(), route.path() + " " + name);
                field.withArray("operators").add(m.group(2) == null ? "" : m.group(2));
                if (scalar.has("enum")) {
                    field.set("enum", scalar.path("enum"));
                }
            }
            ObjectNode node = derived.putObject(route.path());
            fields.forEach(node::set);
        }
        assertEquals(derived, read(ReadFilters.RESOURCE).path("paths"));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
