package dev.switchboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What the served OpenAPI document promises, checked operation by operation. */
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
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
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
            KEYED.stream().filter(code -> !op.responses().containsKey(code)).forEach(code -> missing.add(op + " " + code));
        }
        assertEquals(List.of(), missing);
        Map<String, Object> unavailable = (Map<String, Object>) operations.stream()
                .filter(op -> op.path().equals("/connections") && op.method().equals("get")).findFirst().orElseThrow()
                .responses().get("503");
        assertEquals("#/components/responses/Unavailable", unavailable.get("$ref"));
    }
}
