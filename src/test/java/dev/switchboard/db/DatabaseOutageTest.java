package dev.switchboard.db;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.testing.PostgresResource;
import dev.switchboard.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(DatabaseOutageTest.BehindProxy.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DatabaseOutageTest {

    static TcpProxy proxy;

    public static class BehindProxy implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            String url = PostgresResource.jdbcUrl();
            URI target = URI.create(url.substring("jdbc:".length()));
            try {
                proxy = new TcpProxy(target.getHost(), target.getPort() == -1 ? 5432 : target.getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String proxied = url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            if (PostgresResource.externalDatabase()) {
                return Map.of("quarkus.datasource.jdbc.url", proxied);
            }
            return Map.of("quarkus.datasource.jdbc.url", proxied, "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // test is over
            }
        }
    }

    @Test
    void requests_fail_fast_with_503_readiness_goes_down_and_the_service_recovers_by_itself() throws Exception {
        Org org = newOrganization();
        String key = newKey(org.testKey(), "admin", 0);
        as(key).get("/api-keys").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        proxy.cut();
        try {
            long start = System.nanoTime();
            Response response = as(key).get("/api-keys");
            long millis = (System.nanoTime() - start) / 1_000_000;
            response.then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE"));
            assertEquals("5", response.header("Retry-After"));
            // The bound comes from the pool's timeouts (1.5 s acquisition, 1 s login); the margin is for a busy CI.
            assertTrue(millis < 2500, "503 took " + millis + " ms");
            as(key).contentType("application/json").body(Map.of("name", "x")).post("/api-keys").then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            proxy.restore();
        }

        long deadline = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && (status = given().get("/q/health/ready").statusCode()) != 200) {
            Thread.sleep(250);
        }
        assertEquals(200, status, "readiness did not come back");
        as(key).get("/api-keys").then().statusCode(200);
    }
}
