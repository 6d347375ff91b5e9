package dev.switchboard.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.tenant.Environment;
import dev.switchboard.testing.AccessLogCapture;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(FailedAttemptThrottleTest.FiveAttempts.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailedAttemptThrottleTest {

    public static class FiveAttempts implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // As deploy/README.md tells operators behind an ingress: trust the proxy's X-Forwarded-For (here the
            // test client's own address is the "proxy").
            return Map.of("switchboard.auth.failed-attempts-per-minute", "5",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Test
    void an_address_that_keeps_sending_invalid_keys_is_throttled() {
        for (int i = 0; i < 5; i++) {
            String key = i % 2 == 0 ? "sb_test_garbage" : ApiKeyFormat.generate(Environment.TEST);
            given().header("x-trackstar-api-key", key).get("/api-keys").then().statusCode(401)
                    .body("code", equalTo("INVALID_API_KEY"));
        }
        given().header("x-trackstar-api-key", ApiKeyFormat.generate(Environment.TEST)).get("/api-keys").then()
                .statusCode(429).body("code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue())
                .body("retry_after_seconds", notNullValue());
        // A missing key is not a guess and is not throttled.
        given().get("/api-keys").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void a_valid_key_is_never_refused_by_the_throttle_of_its_address() {
        String validKey = Fixtures.newOrganization().testKey();
        for (int i = 0; i < 12; i++) {
            given().header("X-Forwarded-For", "203.0.113.7").header("x-trackstar-api-key",
                    ApiKeyFormat.generate(Environment.TEST)).get("/api-keys").then().statusCode(i < 5 ? 401 : 429);
        }
        // Never used before, so not in any cache: it is looked up and served even though the address is over.
        given().header("X-Forwarded-For", "203.0.113.7").header("x-trackstar-api-key", validKey).get("/api-keys")
                .then().statusCode(200);
        // Clients behind the same trusted proxy are counted apart.
        given().header("X-Forwarded-For", "203.0.113.8").header("x-trackstar-api-key",
                ApiKeyFormat.generate(Environment.TEST)).get("/api-keys").then().statusCode(401);
    }

    @Test
    void the_access_log_names_the_client_a_trusted_proxy_forwards() {
        try (AccessLogCapture log = new AccessLogCapture()) {
            String rid = "trusted-xff-" + System.nanoTime();
            given().header("X-Request-Id", rid).header("X-Forwarded-For", "203.0.113.44").get("/api-keys")
                    .then().statusCode(401);
            String line = log.line(rid);
            assertTrue(line.startsWith("203.0.113.44 "), line);
        }
    }
}
