package dev.switchboard.it;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged service (jar, or the native executable with {@code -Dnative}) from outside: keys, rate limits kept in
 * PostgreSQL, magic links held to Trackstar's contract, the catalog, errors and health. What differs natively
 * (secure randomness at run time, resources, reflection for Jackson and Hibernate) is exercised here.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedService.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeysAndLinksIT {

    @Test
    void keys_are_issued_listed_limited_and_revoked() {
        Org org = newOrganization();
        assertEquals(true, org.testKey().matches("sb_test_[0-9A-Za-z]{38}"), org.testKey());
        String read = newKey(org.testKey(), "read", 3);
        as(read).get("/api-keys").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(read).get("/connections").then().statusCode(200)
                .header("x-ratelimit-limit", "3").header("x-ratelimit-remaining", "1");
        as(read).get("/connections").then().statusCode(200).header("x-ratelimit-remaining", "0");
        as(read).get("/connections").then().statusCode(429).body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", matchesPattern("\\d+"));

        List<Map<String, Object>> keys = as(org.testKey()).get("/api-keys").then().statusCode(200)
                .body("api_keys.scopes", hasItem(List.of("read"))).extract().path("api_keys");
        String readId = keys.stream().filter(k -> "read-key".equals(k.get("name"))).map(k -> (String) k.get("id"))
                .findFirst().orElseThrow();
        as(org.testKey()).delete("/api-keys/" + readId).then().statusCode(200);
        as(read).get("/magic-links").then().statusCode(401).body("code", equalTo("INVALID_API_KEY"));
        as("sb_test_" + "0".repeat(38)).get("/magic-links").then().statusCode(401).body("code",
                equalTo("INVALID_API_KEY"));
    }

    @Test
    void magic_links_follow_the_contract_and_stay_inside_their_organization() {
        Org org = newOrganization();
        String id = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(Map.of("customer_id", "acme", "integration_allow_list", List.of("shipbob", "shiphero"),
                        "link_duration", 14, "metadata", Map.of("crm", 42)))
                .post("/magic-links").then().statusCode(200)
                .body("magic_link.integration_allow_list", equalTo(List.of("shipbob", "shiphero")))
                .body("magic_link.id", matchesPattern("[0-9a-f]{32}")).extract().path("magic_link.id");
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links?customer_id=acme").then().statusCode(200)
                .body("magic_links.id", equalTo(List.of(id)));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(200)
                .body("magic_link.customer_id", equalTo("acme"));
        as(org.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(200)
                .body("data.event", equalTo(List.of("created")));

        Org other = newOrganization();
        as(other.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(404);
        as(org.liveKey()).get("/magic-links/" + id).then().statusCode(404);

        as(org.testKey()).filter(Contract.FILTER).delete("/magic-links/" + id).then().statusCode(200)
                .body("deleted", equalTo(true));
        as(org.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(200)
                .body("data.event", equalTo(List.of("created", "revoked")));
    }

    @Test
    void idempotent_creation_replays_the_first_answer() {
        Org org = newOrganization();
        String body = "{\"customer_id\":\"retry\"}";
        String first = as(org.testKey()).header("Idempotency-Key", "k-1").contentType(ContentType.JSON).body(body)
                .post("/magic-links").then().statusCode(200).extract().path("magic_link.id");
        as(org.testKey()).header("Idempotency-Key", "k-1").contentType(ContentType.JSON).body(body).post("/magic-links")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("magic_link.id", equalTo(first));
    }

    @Test
    void bad_input_gets_the_documented_error_bodies() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body("{\"name\":5}").post("/api-keys").then().statusCode(422)
                .body("error", equalTo("Validation error")).body("detail.json.name", hasItem("Not a valid string."));
        as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON).body("{\"integration_type\":\"boat\"}")
                .post("/magic-links").then().statusCode(422).body("detail.json.integration_type", not(equalTo(null)));
        as(org.testKey()).contentType(ContentType.JSON).body("{").post("/magic-links").then().statusCode(422);
        as(org.testKey()).get("/no-such-route").then().statusCode(404).body("code", equalTo("NOT_FOUND"))
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{24}"));
        given().get("/magic-links").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void the_catalog_the_sandbox_and_the_operations_endpoints_answer() {
        Org org = newOrganization();
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/wms").then().statusCode(200)
                .body("data.integration_name", hasItem("shipbob")).header("ETag", not(equalTo(null)));
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/wms/shipbob").then().statusCode(200);
        String token = as(org.testKey()).filter(Contract.FILTER).post("/sandbox/generate-sandbox/wms").then()
                .statusCode(200).body("integration_name", equalTo("sandbox")).extract().path("access_token");
        as(org.testKey()).filter(Contract.FILTER).post("/sandbox/generate-sandbox/wms").then().statusCode(200)
                .body("access_token", equalTo(token));
        as(org.testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200)
                .body("data.integration_name", equalTo(List.of("sandbox")));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("switchboard_webhooks_queue_depth"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Switchboard API"));
    }
}
