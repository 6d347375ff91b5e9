package dev.switchboard.testing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Each test makes its own organizations through the real operator API, so tests never share tenant state. */
public final class Fixtures {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    public record Org(String id, String testKey, String liveKey) {
    }

    private Fixtures() {
    }

    public static Org newOrganization() {
        Response response = given().header("Authorization", "Bearer " + OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "Org " + System.nanoTime()))
                .post("/admin/organizations").then().statusCode(201).extract().response();
        List<Map<String, String>> keys = response.path("api_keys");
        return new Org(response.path("id"), keys.get(0).get("key"), keys.get(1).get("key"));
    }

    public static RequestSpecification as(String key) {
        return given().header("x-trackstar-api-key", key);
    }

    /** Creates a key with the given scope and hourly limit; returns the raw key. */
    public static String newKey(String adminKey, String scope, int ratePerHour) {
        return as(adminKey).contentType(ContentType.JSON)
                .body(Map.of("name", scope + "-key", "scopes", List.of(scope), "rate_limit_per_hour", ratePerHour))
                .post("/api-keys").then().statusCode(201).extract().path("key");
    }

    public static String keyId(String adminKey, String rawKey) {
        List<Map<String, Object>> keys = as(adminKey).get("/api-keys").then().statusCode(200).extract()
                .path("api_keys");
        String prefix = rawKey.substring(0, 14);
        return keys.stream().filter(k -> prefix.equals(k.get("key_prefix"))).map(k -> (String) k.get("id")).findFirst()
                .orElseThrow();
    }
}
