package dev.switchboard.apikey;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.keyId;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiKeyResourceTest {

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @Test
    void creating_a_key_returns_it_once_and_listing_never_shows_it() {
        Org org = newOrganization();
        String key = as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "billing", "scopes", List.of("write"), "rate_limit_per_hour", 500))
                .post("/api-keys").then().statusCode(201)
                .body("api_key.name", equalTo("billing"))
                .body("api_key.environment", equalTo("test"))
                .body("api_key.scopes", contains("read", "write"))
                .body("api_key.rate_limit_per_hour", equalTo(500))
                .body("api_key.revoked_at", nullValue())
                .body("warning", notNullValue())
                .extract().path("key");
        String listing = as(org.testKey()).get("/api-keys").then().statusCode(200)
                .body("api_keys", hasSize(2))
                .body("api_keys.key_prefix", hasItem(key.substring(0, 14)))
                .body("organization.id", equalTo(org.id()))
                .body("current_key_id", equalTo(keyId(org.testKey(), org.testKey())))
                .extract().asString();
        assertFalse(listing.contains(key));
        assertFalse(listing.contains("hash"));
    }

    @Test
    void defaults_are_write_scope_and_10000_requests_per_hour() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("name", "defaults")).post("/api-keys").then()
                .statusCode(201).body("api_key.scopes", contains("read", "write"))
                .body("api_key.rate_limit_per_hour", equalTo(10000)).body("api_key.expires_at", nullValue());
    }

    @Test
    void only_the_sha256_of_a_key_is_stored() throws Exception {
        Org org = newOrganization();
        String key = newKey(org.testKey(), "read", 10);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select * from api_key where key_prefix = ?")) {
            s.setString(1, key.substring(0, 14));
            try (ResultSet row = s.executeQuery()) {
                row.next();
                assertArrayEquals(ApiKeyFormat.hash(key), row.getBytes("key_hash"));
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    Object value = row.getObject(column);
                    assertFalse(value != null && value.toString().contains(key.substring(14)),
                            row.getMetaData().getColumnName(column) + " holds the secret part of the key");
                }
            }
        }
    }

    @Test
    void test_keys_never_see_live_keys_and_the_reverse() {
        Org org = newOrganization();
        String liveRead = newKey(org.liveKey(), "read", 10);
        String liveReadId = keyId(org.liveKey(), liveRead);
        as(org.testKey()).get("/api-keys").then().statusCode(200).body("api_keys.id", not(hasItem(liveReadId)))
                .body("api_keys.environment", not(hasItem("live")));
        as(org.testKey()).delete("/api-keys/" + liveReadId).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("id", equalTo(liveReadId));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of()).post("/api-keys/" + liveReadId + "/roll").then()
                .statusCode(404);
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("name", "x", "environment", "live"))
                .post("/api-keys")
                .then().statusCode(422).body("detail.json.environment", hasSize(1));
    }

    @Test
    void another_organization_gets_404_for_our_keys() {
        Org ours = newOrganization();
        Org theirs = newOrganization();
        String id = keyId(ours.testKey(), newKey(ours.testKey(), "read", 10));
        as(theirs.testKey()).delete("/api-keys/" + id).then().statusCode(404).body("id", equalTo(id));
        as(theirs.testKey()).contentType(ContentType.JSON).body(Map.of()).post("/api-keys/" + id + "/roll").then()
                .statusCode(404);
        as(theirs.testKey()).get("/api-keys").then().body("api_keys.id", not(hasItem(id)));
    }

    @Test
    void revoking_is_idempotent_and_the_key_stops_working_at_once() {
        Org org = newOrganization();
        String key = newKey(org.testKey(), "read", 10);
        String id = keyId(org.testKey(), key);
        as(key).get("/api-keys").then().statusCode(403); // works, lacks admin
        String revokedAt = as(org.testKey()).delete("/api-keys/" + id).then().statusCode(200)
                .body("api_key.id", equalTo(id)).body("api_key.revoked_at", notNullValue()).extract()
                .path("api_key.revoked_at");
        as(org.testKey()).delete("/api-keys/" + id).then().statusCode(200).body("api_key.revoked_at",
                equalTo(revokedAt));
        as(key).get("/api-keys").then().statusCode(401).body("code", equalTo("INVALID_API_KEY"));
    }

    @Test
    void the_last_admin_key_of_an_environment_cannot_be_revoked() {
        Org org = newOrganization();
        String adminId = keyId(org.testKey(), org.testKey());
        as(org.testKey()).delete("/api-keys/" + adminId).then().statusCode(409).body("code", equalTo("LAST_ADMIN_KEY"));
        String second = newKey(org.testKey(), "admin", 10);
        as(second).delete("/api-keys/" + adminId).then().statusCode(200);
        as(org.testKey()).get("/api-keys").then().statusCode(401);
    }

    @Test
    void rolling_keeps_the_old_key_for_the_grace_period_and_copies_its_settings() {
        Org org = newOrganization();
        String old = newKey(org.testKey(), "admin", 77);
        String oldId = keyId(org.testKey(), old);
        String replacement = as(old).contentType(ContentType.JSON).body(Map.of("expires_in_seconds", 2))
                .post("/api-keys/" + oldId + "/roll").then().statusCode(201)
                .body("api_key.scopes", contains("read", "write", "admin"))
                .body("api_key.rate_limit_per_hour", equalTo(77))
                .body("api_key.name", equalTo("admin-key"))
                .extract().path("key");
        as(old).get("/api-keys").then().statusCode(200);
        as(replacement).get("/api-keys").then().statusCode(200);
        clock.advance(Duration.ofSeconds(3));
        try {
            as(old).get("/api-keys").then().statusCode(401).body("code", equalTo("INVALID_API_KEY"));
            as(replacement).get("/api-keys").then().statusCode(200);
            as(replacement).contentType(ContentType.JSON).body(Map.of()).post("/api-keys/" + oldId + "/roll").then()
                    .statusCode(409).body("code", equalTo("API_KEY_NOT_ACTIVE"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void rolling_without_grace_stops_the_old_key_now() {
        Org org = newOrganization();
        String old = newKey(org.testKey(), "read", 10);
        String replacement = as(org.testKey()).contentType(ContentType.JSON).body(Map.of("expires_in_seconds", 0))
                .post("/api-keys/" + keyId(org.testKey(), old) + "/roll").then().statusCode(201).extract().path("key");
        as(old).get("/api-keys").then().statusCode(401);
        as(replacement).get("/api-keys").then().statusCode(403);
    }

    @Test
    void invalid_bodies_are_422_validation_errors() {
        Org org = newOrganization();
        expect422(org, "{\"name\":\"x\",\"bogus\":1}", "bogus", "Unknown field.");
        expect422(org, "{\"name\":5}", "name", "Not a valid string.");
        expect422(org, "{}", "name", "Missing data for required field.");
        expect422(org, "{\"name\":\"x\",\"scopes\":[\"read\",\"root\"]}", "scopes.1",
                "Must be one of: read, write, admin.");
        expect422(org, "{\"name\":\"x\",\"scopes\":[]}", "scopes", "Length must be between 1 and 3.");
        expect422(org, "{\"name\":\"x\",\"rate_limit_per_hour\":\"5\"}", "rate_limit_per_hour", "Not a valid integer.");
        expect422(org, "{\"name\":\"x\",\"rate_limit_per_hour\":1.5}", "rate_limit_per_hour", "Not a valid integer.");
        expect422(org, "{\"name\":\"x\",\"rate_limit_per_hour\":100001}", "rate_limit_per_hour",
                "Must be less than or equal to 100000.");
        expect422(org, "{\"name\":\"x\",\"rate_limit_per_hour\":-1}", "rate_limit_per_hour",
                "Must be greater than or equal to 0.");
        expect422(org, "{\"name\":\"x\",\"rate_limit_per_hour\":99999999999}", "rate_limit_per_hour",
                "Number out of range.");
        expect422(org, "{\"name\":\"" + "n".repeat(101) + "\"}", "name", "Length must be between 0 and 100.");
        expect422(org, "{\"name\":\"x\",\"expires_at\":\"soon\"}", "expires_at",
                "Not a valid datetime (ISO 8601, e.g. 2025-09-17T15:01:41Z).");
        expect422(org, "{\"name\":\"x\",\"expires_at\":\"2020-01-01T00:00:00Z\"}", "expires_at",
                "Must be in the future.");
        expect422(org, "{\"name\":\"x\",\"environment\":\"prod\"}", "environment", "Must be one of: test, live.");
        expect422(org, "[]", "_schema", "Invalid input type: expected a JSON object.");
        expect422(org, "{\"name\":", "_schema", "Invalid JSON body.");
        expect422(org, "", "_schema", "Missing request body.");
        String id = keyId(org.testKey(), org.testKey());
        as(org.testKey()).contentType(ContentType.JSON).body("{\"expires_in_seconds\":604801}")
                .post("/api-keys/" + id + "/roll")
                .then().statusCode(422)
                .body("detail.json.expires_in_seconds[0]", equalTo("Must be less than or equal to 604800."));
    }

    private static void expect422(Org org, String body, String field, String message) {
        Map<String, Object> response = as(org.testKey()).contentType(ContentType.JSON).body(body).post("/api-keys")
                .then()
                .statusCode(422).contentType(ContentType.JSON).extract().as(Map.class);
        assertEquals(Map.of("error", "Validation error", "detail", Map.of("json", Map.of(field, List.of(message)))),
                response,
                body);
    }
}
