package dev.switchboard.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The management interface deploy/README.md documents (issue 14): built with {@code quarkus.management.enabled} and
 * {@code quarkus.smallrye-openapi.management.enabled}, health, metrics, OpenAPI and Swagger UI answer on the
 * management port only, and the public port serves the API and nothing under {@code /q/}.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.WithManagementInterface.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManagementInterfaceTest {

    /** The build deploy/README.md describes (both are build-time settings; a test profile re-augments the app). */
    public static class WithManagementInterface implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true",
                    "quarkus.smallrye-openapi.management.enabled", "true",
                    "quarkus.management.test-port", "0");
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void health_metrics_and_openapi_answer_on_the_management_port() {
        // The injected URL ends in the management root path (/q); the routes are named in full here.
        String base = management.getProtocol() + "://" + management.getAuthority();
        given().get(base + "/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(base + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get(base + "/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().get(base + "/q/openapi?format=json").then().statusCode(200).body("info.title",
                equalTo("Switchboard API"));
        // The API is not served there.
        given().get(base + "/api-keys").then().statusCode(404);
    }

    @Test
    void the_public_port_serves_the_api_and_nothing_under_q() {
        for (String path : new String[]{ "/q/metrics", "/q/health", "/q/health/live", "/q/openapi",
                "/q/swagger-ui/" }) {
            given().get(path).then().statusCode(404);
        }
        given().get("/api-keys").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }
}
