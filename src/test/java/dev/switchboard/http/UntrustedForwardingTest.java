package dev.switchboard.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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

/**
 * Forwarding headers from a peer that is not a trusted proxy change nothing: the invalid-key throttle and the access
 * log see the TCP peer (issue 14). The service trusts {@code X-Forwarded-For} and {@code Forwarded}, as
 * deploy/README.md
 * configures it, but only from 10.0.0.0/8, and the test client connects from 127.0.0.1. The trusted case is
 * {@code ratelimit.FailedAttemptThrottleTest}.
 */
@QuarkusTest
@TestProfile(UntrustedForwardingTest.ProxyElsewhere.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UntrustedForwardingTest {

    public static class ProxyElsewhere implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.auth.failed-attempts-per-minute", "5",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.allow-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "10.0.0.0/8");
        }
    }

    @Test
    void a_stranger_cannot_pick_its_address_to_escape_the_throttle_or_the_log() {
        String valid = Fixtures.newOrganization().testKey();
        try (AccessLogCapture log = new AccessLogCapture()) {
            // Five invalid keys, each "from" another address: all are counted against the one TCP peer.
            for (int i = 0; i < 5; i++) {
                String rid = "untrusted-xff-" + i + "-" + System.nanoTime();
                var request = given().header("X-Request-Id", rid)
                        .header("x-trackstar-api-key", ApiKeyFormat.generate(Environment.TEST));
                request = i % 2 == 0
                        ? request.header("X-Forwarded-For", "198.51.100." + i)
                        : request.header("Forwarded", "for=198.51.100." + i + ";proto=https");
                request.get("/api-keys").then().statusCode(401).body("code", equalTo("INVALID_API_KEY"));
                String line = log.line(rid);
                assertTrue(line.startsWith("127.0.0.1 "), line);
            }
            // A sixth, from yet another claimed address, is over the peer's allowance.
            given().header("X-Forwarded-For", "198.51.100.99").header("Forwarded", "for=198.51.100.98")
                    .header("x-trackstar-api-key", ApiKeyFormat.generate(Environment.TEST)).get("/api-keys").then()
                    .statusCode(429).body("code", equalTo("RATE_LIMITED"));
            // And the throttle still never refuses a valid key.
            given().header("X-Forwarded-For", "198.51.100.99").header("x-trackstar-api-key", valid).get("/api-keys")
                    .then().statusCode(200);
        }
    }
}
