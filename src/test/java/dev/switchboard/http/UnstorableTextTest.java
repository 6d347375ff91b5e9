package dev.switchboard.http;

import static dev.switchboard.testing.Fixtures.OPERATOR_TOKEN;
import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.common.StorableText;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Text PostgreSQL cannot store (NUL, an unpaired surrogate) is a 422 at the field on every route: every path
 * parameter, query parameter and string (or list of strings) of a JSON body that the service's own OpenAPI document
 * declares, so a route added later is covered without touching this test.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UnstorableTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JSON escapes, so the bytes on the wire are plain ASCII: a NUL, and a lone high surrogate. */
    private static final List<String> UNSTORABLE_JSON = List.of("\"a\\u0000b\"", "\"a\\ud800b\"");

    @Test
    void every_parameter_and_body_field_of_every_route_answers_422_at_the_field() throws Exception {
        Org org = newOrganization();
        JsonNode openapi = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        List<String> failures = new ArrayList<>();
        int probes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PATCH", "PUT", "DELETE").contains(method)) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                op.getValue().path("parameters").forEach(parameters::add);
                Map<String, String> pathValues = new LinkedHashMap<>();
                for (JsonNode p : parameters) {
                    if (p.path("in").asText().equals("path")) {
                        pathValues.put(p.path("name").asText(),
                                p.path("name").asText().equals("integration_type") ? "wms" : "x");
                    }
                }
                boolean form = op.getValue().path("requestBody").path("content")
                        .has("application/x-www-form-urlencoded");
                String contentType = form ? "application/x-www-form-urlencoded" : "application/json";
                String emptyBody = form ? "a=b" : "{}";
                // Each path parameter in turn.
                for (String name : pathValues.keySet()) {
                    Map<String, String> values = new LinkedHashMap<>(pathValues);
                    values.put(name, "a%00b");
                    probes++;
                    expect422(failures, method + " " + path.getKey() + " path " + name,
                            request(path.getKey(), org).urlEncodingEnabled(false).contentType(contentType)
                                    .body(emptyBody)
                                    .request(method, url(path.getKey(), values)),
                            "path", name);
                }
                // Each query parameter in turn.
                for (JsonNode p : parameters) {
                    if (!p.path("in").asText().equals("query")) {
                        continue;
                    }
                    String name = p.path("name").asText();
                    probes++;
                    expect422(failures, method + " " + path.getKey() + " query " + name,
                            request(path.getKey(), org).contentType(contentType).body(emptyBody)
                                    .urlEncodingEnabled(false)
                                    .request(method, url(path.getKey(), pathValues) + "?" + name + "=a%00b"),
                            "query", name);
                }
                // Each string, or list of strings, of the JSON body.
                JsonNode schema = resolve(openapi, op.getValue().path("requestBody").path("content")
                        .path("application/json").path("schema"));
                for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props
                        .hasNext();) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    JsonNode type = resolve(openapi, prop.getValue());
                    boolean list = hasType(type, "array") && hasType(resolve(openapi, type.path("items")), "string");
                    if (!hasType(type, "string") && !list) {
                        continue;
                    }
                    for (String bad : UNSTORABLE_JSON) {
                        String body = "{\"" + prop.getKey() + "\":" + (list ? "[" + bad + "]" : bad) + "}";
                        probes++;
                        expect422(failures, method + " " + path.getKey() + " body " + prop.getKey() + " " + bad,
                                request(path.getKey(), org).contentType(ContentType.JSON).body(body)
                                        .request(method, url(path.getKey(), pathValues)),
                                "json",
                                list ? prop.getKey() + ".0" : prop.getKey());
                    }
                }
            }
        }
        assertTrue(probes > 40, "the OpenAPI document names the routes' parameters and fields (" + probes + " probes)");
        assertEquals(List.of(), failures);
    }

    @Test
    void free_form_metadata_is_checked_at_every_depth() {
        Org org = newOrganization();
        for (String metadata : List.of("{\"k\\u0000\":\"v\"}", "{\"k\":{\"n\\u0000\":1}}", "{\"k\":[\"\\u0000\"]}",
                "{\"k\":\"\\udc00\"}")) {
            as(org.testKey()).contentType(ContentType.JSON).body("{\"metadata\":" + metadata + "}").post("/magic-links")
                    .then().statusCode(422).body("detail.json.keySet()", hasItem(
                            startsWith("metadata")));
        }
    }

    private static RequestSpecification request(String path, Org org) {
        RequestSpecification spec = path.startsWith("/admin")
                ? given().header("Authorization", "Bearer " + OPERATOR_TOKEN)
                : as(org.testKey());
        return spec.header("x-trackstar-access-token", "sb_at_00000000000000000000000000000000000000").accept("*/*");
    }

    private static void expect422(List<String> failures, String probe, Response response, String location,
            String field) {
        if (response.statusCode() != 422) {
            failures.add(probe + ": " + response.statusCode() + " " + response.asString());
            return;
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(response.asString()).path("detail").path(location);
        } catch (Exception e) {
            failures.add(probe + ": not JSON");
            return;
        }
        boolean named = detail.has(field) || (location.equals("json") && detail.has(field.replace(".0", "")));
        if (!named) {
            failures.add(probe + ": 422 not at " + location + "." + field + ": " + response.asString());
        }
    }

    private static String url(String template, Map<String, String> values) {
        String url = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            url = url.replace("{" + v.getKey() + "}", v.getValue());
        }
        return url;
    }

    private static JsonNode resolve(JsonNode openapi, JsonNode schema) {
        JsonNode node = schema;
        for (int i = 0; i < 5 && node.has("$ref"); i++) {
            String ref = node.get("$ref").asText();
            node = openapi.at(ref.substring(1));
        }
        if (node.has("allOf") && node.get("allOf").size() == 1) {
            return resolve(openapi, node.get("allOf").get(0));
        }
        return node;
    }

    private static boolean hasType(JsonNode schema, String type) {
        JsonNode t = schema.path("type");
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        for (JsonNode item : t) {
            if (item.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_helper_for_text_says_what_is_storable() {
        assertTrue(StorableText.isStorable("plain, é and 😀"));
        assertFalse(StorableText.isStorable("a\u0000b"));
        assertFalse(StorableText.isStorable("a\ud800"));
        assertFalse(StorableText.isStorable("\udc00a"));
    }
}
