package dev.switchboard.auth;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.tenant.Environment;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuthenticationTest {

    @Inject
    TestClock clock;

    private static final String INVALID_BODY = "{\"error\":\"Invalid, expired or revoked API key.\",\"code\":\"INVALID_API_KEY\"}";

    @Test
    void no_key_is_401_unauthorized() {
        given().get("/api-keys").then().statusCode(401).contentType(ContentType.JSON)
                .body("code", equalTo("UNAUTHORIZED"))
                .body("error", equalTo("Missing authentication. Provide the x-trackstar-api-key header."));
    }

    @Test
    void the_three_key_headers_are_accepted() {
        Org org = newOrganization();
        given().header("x-trackstar-api-key", org.testKey()).get("/api-keys").then().statusCode(200);
        given().header("X-API-Key", org.testKey()).get("/api-keys").then().statusCode(200);
        given().header("Authorization", "Bearer " + org.testKey()).get("/api-keys").then().statusCode(200);
    }

    @Test
    void a_key_in_the_query_string_is_never_accepted() {
        Org org = newOrganization();
        given().queryParam("api_key", org.testKey()).queryParam("x-trackstar-api-key", org.testKey()).get("/api-keys")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void malformed_bad_checksum_unknown_revoked_and_expired_keys_get_one_identical_401() {
        Org org = newOrganization();
        String valid = org.testKey();
        String badChecksum = valid.substring(0, 20) + (valid.charAt(20) == 'a' ? 'b' : 'a') + valid.substring(21);
        String unknown = ApiKeyFormat.generate(Environment.TEST);
        String revoked = newKey(valid, "read", 100);
        as(valid).delete("/api-keys/" + Fixtures.keyId(valid, revoked)).then().statusCode(200);
        String expiring = as(valid).contentType(ContentType.JSON)
                .body(Map.of("name", "short-lived", "expires_at", clock.instant().plusSeconds(2).toString()))
                .post("/api-keys").then().statusCode(201).extract().path("key");
        as(expiring).get("/api-keys").then().statusCode(403); // usable, but only write scope
        clock.advance(Duration.ofSeconds(3));
        try {
            for (String key : new String[]{ "not-a-key", "sb_test_short", badChecksum, unknown, revoked, expiring }) {
                String body = as(key).get("/api-keys").then().statusCode(401).contentType(ContentType.JSON).extract()
                        .asString();
                assertEquals(INVALID_BODY, body, key);
            }
        } finally {
            clock.reset();
        }
    }

    @Test
    void scopes_are_cumulative_and_a_missing_scope_is_403_naming_it() {
        Org org = newOrganization();
        String read = newKey(org.testKey(), "read", 100);
        String write = newKey(org.testKey(), "write", 100);
        as(read).get("/api-keys").then().statusCode(403).body("code", equalTo("FORBIDDEN"))
                .body("error", containsString("'admin'"));
        as(write).contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api-keys").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN")).body("error", containsString("'admin'"));
        as(org.testKey()).get("/api-keys").then().statusCode(200);
    }

    @Test
    void a_suspended_organization_gets_403_and_reactivation_restores_access() {
        Org org = newOrganization();
        as(org.testKey()).get("/api-keys").then().statusCode(200);
        operator().post("/admin/organizations/" + org.id() + "/suspend").then().statusCode(200)
                .body("status", equalTo("suspended"));
        as(org.testKey()).get("/api-keys").then().statusCode(403).body("code", equalTo("ORGANIZATION_SUSPENDED"));
        as(org.liveKey()).get("/api-keys").then().statusCode(403).body("code", equalTo("ORGANIZATION_SUSPENDED"));
        operator().post("/admin/organizations/" + org.id() + "/reactivate").then().statusCode(200)
                .body("status", equalTo("active"));
        as(org.testKey()).get("/api-keys").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + Fixtures.OPERATOR_TOKEN);
    }
}
