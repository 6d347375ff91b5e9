package dev.switchboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What the served OpenAPI document promises, checked operation by operation: every route has a summary and documents
 * every status it can answer (401, 403, 429 and 503 where it needs a key, 422 where it validates input, 404 where it
 * takes an id), and the 404 bodies of the paths Trackstar's contract defines have no {@code code}, as the contract's
 * {@code HTTPError} has none.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenApiDocumentTest {

    static final List<String> KEYED = List.of("401", "403", "429", "503");

    /** One operation of the document: its path, method and body. */
    record Op(String path, String method, Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> responses() {
            return (Map<String, Object>) body.getOrDefault("responses", Map.of());
        }

        boolean needsKey() {
            Object security = body.get("security");
            return security instanceof List<?> list
                    && list.stream().anyMatch(r -> r instanceof Map<?, ?> m && m.containsKey("SecurityScheme"));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parameters() {
            return (List<Map<String, Object>>) body.getOrDefault("parameters", List.of());
        }

        @SuppressWarnings("unchecked")
        boolean takesJson() {
            Map<String, Object> request = (Map<String, Object>) body.get("requestBody");
            return request != null && ((Map<String, Object>) request.getOrDefault("content", Map.of()))
                    .containsKey("application/json");
        }

        boolean takesQuery() {
            return parameters().stream().anyMatch(p -> "query".equals(p.get("in")));
        }

        boolean takesAnId() {
            return parameters().stream().anyMatch(p -> "path".equals(p.get("in"))
                    && ((String) p.get("name")).matches("(.*_)?id|integration_name"));
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    static Map<String, Object> document;
    static List<Op> operations;

    /** The served document, read once (in a test: RestAssured learns the port before each test, not before all). */
    @SuppressWarnings("unchecked")
    static void read() {
        if (document != null) {
            return;
        }
        document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().as(Map.class);
        operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths"))
                .forEach((path, item) -> item.forEach((method, op) -> {
                    if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                        operations.add(new Op(path, method, (Map<String, Object>) op));
                    }
                }));
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_operation_that_needs_a_key_documents_401_403_429_and_503_once_for_all() {
        read();
        Map<String, Object> shared = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("responses");
        assertTrue(shared.keySet().containsAll(List.of("Unauthorized", "Forbidden", "RateLimited", "Unavailable")),
                shared::toString);
        List<Op> keyed = operations.stream().filter(Op::needsKey).toList();
        assertTrue(keyed.size() >= 20, "operations that need a key: " + keyed);
        List<String> missing = new ArrayList<>();
        for (Op op : keyed) {
            KEYED.stream().filter(code -> !op.responses().containsKey(code))
                    .forEach(code -> missing.add(op + " " + code));
        }
        assertEquals(List.of(), missing);
        Map<String, Object> unavailable = (Map<String, Object>) operations.stream()
                .filter(op -> op.path().equals("/connections") && op.method().equals("get")).findFirst().orElseThrow()
                .responses().get("503");
        assertEquals("#/components/responses/Unavailable", unavailable.get("$ref"));
    }

    @Test
    void every_operation_has_a_summary() {
        read();
        assertEquals(List.of(), operations.stream()
                .filter(op -> !(op.body().get("summary") instanceof String summary) || summary.isBlank()).toList());
    }

    @Test
    void every_operation_that_validates_input_documents_422() {
        read();
        assertEquals(List.of(), operations.stream().filter(op -> op.takesJson() || op.takesQuery())
                .filter(op -> !op.responses().containsKey("422")).toList());
    }

    @Test
    void every_operation_that_takes_an_id_documents_404() {
        read();
        // The page's beacon answers 204 whatever the id, so that it tells nothing about which links exist.
        List<Op> withIds = operations.stream().filter(Op::takesAnId)
                .filter(op -> !op.path().equals("/link/{magic_link_id}/opened")).toList();
        assertTrue(withIds.size() >= 15, withIds::toString);
        assertEquals(List.of(), withIds.stream().filter(op -> !op.responses().containsKey("404")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_contract_paths_404_bodies_have_no_code() throws Exception {
        read();
        Set<String> contractPaths;
        try (InputStream in = Files
                .newInputStream(Path.of("src/test/resources/contract/trackstar-management-openapi.json"))) {
            contractPaths = ((Map<String, Object>) new ObjectMapper().readValue(in, Map.class).get("paths")).keySet();
        }
        List<Op> contract404s = operations.stream().filter(op -> contractPaths.contains(op.path()))
                .filter(op -> op.responses().containsKey("404")).toList();
        assertTrue(contract404s.size() >= 4, contract404s::toString);
        List<String> withCode = new ArrayList<>();
        for (Op op : contract404s) {
            Map<String, Object> schema = schemaOf((Map<String, Object>) op.responses().get("404"));
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            if (properties.containsKey("code") || !properties.containsKey("error")) {
                withCode.add(op + " " + properties.keySet());
            }
        }
        assertEquals(List.of(), withCode);
    }

    /** The JSON schema of a response, following {@code $ref}s into the components. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemaOf(Map<String, Object> response) {
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        if (response.get("$ref") instanceof String ref) {
            response = (Map<String, Object>) ((Map<String, Object>) components.get("responses"))
                    .get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        Map<String, Object> content = (Map<String, Object>) response.get("content");
        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) content.get("application/json"))
                .get("schema");
        if (schema.get("$ref") instanceof String ref) {
            schema = (Map<String, Object>) ((Map<String, Object>) components.get("schemas"))
                    .get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }
}
