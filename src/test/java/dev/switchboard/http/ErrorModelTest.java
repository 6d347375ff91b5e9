package dev.switchboard.http;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ErrorModelTest {

    @Test
    void unknown_routes_are_json_404() {
        given().accept(ContentType.JSON).get("/no/such/route").then().statusCode(404).contentType(ContentType.JSON)
                .body("code", equalTo("NOT_FOUND")).body("error", equalTo("Not found"));
    }

    @Test
    void wrong_methods_are_json_405() {
        Org org = newOrganization();
        as(org.testKey()).put("/api-keys").then().statusCode(405).contentType(ContentType.JSON)
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void wrong_content_types_are_json_415() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.TEXT).body("name=x").post("/api-keys").then().statusCode(415)
                .contentType(ContentType.JSON).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void bodies_over_one_mebibyte_are_json_413_and_one_mebibyte_is_read() {
        Org org = newOrganization();
        String big = "{\"name\":\"" + "a".repeat(1024 * 1024) + "\"}";
        as(org.testKey()).contentType(ContentType.JSON).body(big).post("/api-keys").then().statusCode(413)
                .contentType(ContentType.JSON).body("code", equalTo("PAYLOAD_TOO_LARGE"));
        String justUnder = "{\"name\":\"" + "a".repeat(1024 * 1024 - 12) + "\"}";
        as(org.testKey()).contentType(ContentType.JSON).body(justUnder).post("/api-keys").then().statusCode(422)
                .body("detail.json._schema[0]", equalTo("A string is too long (at most 8192 characters)."));
    }

    @Test
    void unexpected_failures_are_500_with_the_request_id_and_nothing_internal() {
        Org org = newOrganization();
        Response response = as(org.testKey()).header("X-Request-Id", "trace-abc.123").get("/test-support/boom");
        response.then().statusCode(500).contentType(ContentType.JSON).header("X-Request-Id", "trace-abc.123");
        Map<String, Object> body = response.as(Map.class);
        assertEquals("INTERNAL_ERROR", body.get("code"));
        assertEquals("trace-abc.123", body.get("request_id"));
        String raw = response.asString();
        assertFalse(raw.contains("IllegalStateException") || raw.contains("dev.switchboard") || raw.contains("at com."),
                raw);
    }

    @Test
    void every_response_carries_a_request_id_echoing_a_sane_one() {
        given().header("X-Request-Id", "abc-123").get("/q/health/live").then().header("X-Request-Id", "abc-123");
        given().get("/q/health/live").then().header("X-Request-Id", matchesPattern("req_[0-9a-f]{24}"));
        given().header("X-Request-Id", "bad id\twith spaces and more").get("/api-keys").then().statusCode(401)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{24}"));
        given().header("X-Request-Id", "x".repeat(129)).get("/nowhere").then().statusCode(404)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{24}"));
    }

    @Test
    void timestamps_are_utc_with_whole_seconds() {
        Org org = newOrganization();
        as(org.testKey()).get("/api-keys").then().statusCode(200)
                .body("api_keys[0].created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }
}
