package dev.switchboard.writes;

import static dev.switchboard.testing.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.catalog.WriteSchemas;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What {@code UnstorableTextTest} cannot reach: the write routes' bodies are free-form objects in the OpenAPI document
 * (their schema is the integration's, from {@link WriteSchemas}), and passthrough's {@code data}, {@code headers} and
 * {@code params} are maps. Every string field at every depth of every write route's schema gets a NUL and an
 * oversize string, every array a list one over the bound, and so do the {@code trackstar-tags} routes and
 * passthrough's fields; each must be the documented 422 naming that field ({@code detail.json.<dot path>}). A valid
 * sandbox connection is used, so each probe gets past the access token to the body's own checks.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WriteBodyBoundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** On the wire as the JSON escape, so the bytes are plain ASCII. */
    private static final String NUL = "a\u0000b";
    private static final String OVERSIZE = "x".repeat(WriteBodies.MAX_STRING + 1);

    @Inject
    WriteSchemas schemas;

    record Sandbox(Fixtures.Org org, String token) {
    }

    private static Sandbox sandbox() {
        Fixtures.Org org = Fixtures.newOrganization();
        String token = as(org.testKey()).post("/sandbox/generate-sandbox/wms").then().statusCode(200).extract()
                .path("access_token");
        return new Sandbox(org, token);
    }

    /** A probe: the body, and the field the 422 must name. */
    record Probe(String what, String field, JsonNode body) {
    }

    @Test
    void every_nested_string_and_array_of_every_write_route_is_a_422_at_the_field() {
        Sandbox s = sandbox();
        List<String> failures = new ArrayList<>();
        int probes = 0;
        for (Action action : Action.values()) {
            if (!action.isWrite() || action.endpoint(IntegrationType.WMS).contains("trackstar-tags")) {
                continue;
            }
            String[] route = action.endpoint(IntegrationType.WMS).split(" ", 2);
            String url = route[1].replaceAll("\\{[^}]+}", "1");
            List<Probe> all = new ArrayList<>();
            leaves(schemas.schema(action, "sandbox"), List.of(), all);
            for (Probe probe : all) {
                probes++;
                expect422(failures, route[0] + " " + url + " " + probe.what(), send(s, route[0], url, probe.body()),
                        probe.field());
            }
        }
        assertTrue(probes > 100, probes + " probes");
        assertEquals(List.of(), failures);
    }

    @Test
    void trackstar_tags_are_checked_at_each_tag() {
        Sandbox s = sandbox();
        List<String> failures = new ArrayList<>();
        ArrayNode tooMany = NODES.arrayNode();
        for (int i = 0; i <= WmsWrites.MAX_TAGS; i++) {
            tooMany.add("t" + i);
        }
        for (String resource : List.of("orders", "products", "inventory", "inbound-shipments", "returns",
                "warehouses")) {
            String url = "/wms/" + resource + "/1/trackstar-tags";
            expect422(failures, url + " NUL", send(s, "PUT", url, tags(NODES.arrayNode().add(NUL))),
                    "trackstar_tags.0");
            expect422(failures, url + " NUL in an object tag", send(s, "PUT", url, tags(NODES.arrayNode().add(
                    NODES.objectNode().put("priority", NUL)))), "trackstar_tags.0.priority");
            expect422(failures, url + " oversize", send(s, "PUT", url, tags(NODES.arrayNode().add("x".repeat(256)))),
                    "trackstar_tags.0");
            expect422(failures, url + " too many", send(s, "PUT", url, tags(tooMany)), "trackstar_tags");
        }
        // The same rules inside a write's body.
        expect422(failures, "create_order too many tags", send(s, "POST", "/wms/orders", tags(tooMany)),
                "trackstar_tags");
        expect422(failures, "update_order oversize tag", send(s, "PUT", "/wms/orders/1", tags(NODES.arrayNode()
                .add("x".repeat(256)))), "trackstar_tags.0");
        assertEquals(List.of(), failures);
    }

    @Test
    void passthrough_data_headers_and_params_are_checked_at_the_field() {
        Sandbox s = sandbox();
        List<String> failures = new ArrayList<>();
        ArrayNode longList = NODES.arrayNode();
        for (int i = 0; i <= WmsPassthrough.MAX_ITEMS; i++) {
            longList.add(i);
        }
        ObjectNode manyHeaders = NODES.objectNode();
        for (int i = 0; i <= WmsPassthrough.MAX_ENTRIES; i++) {
            manyHeaders.put("X-H" + i, "v");
        }
        Map<String, JsonNode> probes = new java.util.LinkedHashMap<>();
        probes.put("method", passthrough().put("method", NUL));
        probes.put("path", passthrough().put("path", "/x" + NUL));
        probes.put("data.order.note", passthrough().set("data", NODES.objectNode().set("order",
                NODES.objectNode().put("note", NUL))));
        probes.put("data.lines.0.sku", passthrough().set("data", NODES.objectNode().set("lines",
                NODES.arrayNode().add(NODES.objectNode().put("sku", NUL)))));
        probes.put("data.0", passthrough().set("data", NODES.arrayNode().add(NUL)));
        probes.put("data.order.lines", passthrough().set("data", NODES.objectNode().set("order",
                NODES.objectNode().set("lines", longList))));
        probes.put("data", passthrough().set("data", longList));
        probes.put("headers.X-Note", passthrough().set("headers", NODES.objectNode().put("X-Note", NUL)));
        probes.put("headers.X-Long", passthrough().set("headers", NODES.objectNode().put("X-Long",
                "x".repeat(WmsPassthrough.MAX_TEXT + 1))));
        probes.put("headers", passthrough().set("headers", manyHeaders));
        probes.put("params.q", passthrough().set("params", NODES.objectNode().put("q", NUL)));
        probes.put("params.page", passthrough().set("params", NODES.objectNode().put("page",
                "x".repeat(WmsPassthrough.MAX_TEXT + 1))));
        probes.put("params", passthrough().set("params", manyHeaders));
        probes.put("headers.X-Obj", passthrough().set("headers", NODES.objectNode().set("X-Obj",
                NODES.objectNode())));
        probes.forEach((field, body) -> expect422(failures, "passthrough " + field, send(s, "POST",
                "/wms/passthrough", body), field));
        // A key with NUL in data: named at the object that holds it, or below.
        Response key = send(s, "POST", "/wms/passthrough", passthrough().set("data", NODES.objectNode()
                .set("order", NODES.objectNode().put("k" + NUL, 1))));
        if (key.statusCode() != 422 || !key.asString().contains("\"data.order")) {
            failures.add("passthrough key with NUL: " + key.statusCode() + " " + key.asString());
        }
        assertEquals(List.of(), failures);
    }

    private static ObjectNode passthrough() {
        ObjectNode body = NODES.objectNode();
        body.put("method", "GET");
        body.put("path", "/orders");
        return body;
    }

    private static ObjectNode tags(ArrayNode tags) {
        ObjectNode body = NODES.objectNode();
        body.set("trackstar_tags", tags);
        return body;
    }

    /**
     * Every string (a NUL, an oversize string) and array (one element over the bound) of {@code schema}, at every
     * depth; {@code path} is where the schema sits in the body.
     */
    private static void leaves(JsonNode schema, List<String> path, List<Probe> out) {
        String type = schema.path("type").asText("");
        String field = String.join(".", path);
        switch (type) {
            case "string" -> {
                out.add(new Probe(field + " NUL", field, build(path, NODES.textNode(NUL))));
                out.add(new Probe(field + " oversize", field, build(path, NODES.textNode(OVERSIZE))));
            }
            case "array" -> {
                ArrayNode tooLong = NODES.arrayNode();
                for (int i = 0; i <= WriteBodies.MAX_ITEMS; i++) {
                    tooLong.add(NODES.objectNode());
                }
                out.add(new Probe(field + " too long", field, build(path, tooLong)));
                List<String> item = new ArrayList<>(path);
                item.add("0");
                leaves(schema.path("items"), item, out);
            }
            case "object", "" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> p = it.next();
                    List<String> member = new ArrayList<>(path);
                    member.add(p.getKey());
                    leaves(p.getValue(), member, out);
                }
            }
            default -> {
            }
        }
    }

    /** The smallest body with {@code value} at {@code path} (a numeric segment is a list index). */
    private static JsonNode build(List<String> path, JsonNode value) {
        JsonNode node = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            String segment = path.get(i);
            if (segment.chars().allMatch(Character::isDigit)) {
                node = NODES.arrayNode().add(node);
            } else {
                node = NODES.objectNode().set(segment, node);
            }
        }
        return node;
    }

    private static Response send(Sandbox s, String method, String url, JsonNode body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return as(s.org().testKey())
                .header("x-trackstar-access-token", s.token()).contentType(ContentType.JSON).body(text)
                .request(method, url);
    }

    private static void expect422(List<String> failures, String probe, Response response, String field) {
        if (response.statusCode() != 422) {
            failures.add(probe + ": " + response.statusCode() + " " + cut(response.asString()));
            return;
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(response.asString()).path("detail").path("json");
        } catch (Exception e) {
            failures.add(probe + ": not JSON");
            return;
        }
        if (!detail.has(field)) {
            failures.add(probe + ": 422 not at json." + field + ": " + cut(response.asString()));
        }
    }

    private static String cut(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
