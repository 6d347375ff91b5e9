package dev.switchboard.it;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.testing.WmsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;

/**
 * The data plane of the packaged service (the jar, or the native executable with {@code -Dnative}): a sandbox
 * connection's initial sync runs on the job engine in the shipped configuration, and its orders are read through
 * Trackstar's read API. Natively this exercises what only the data plane uses: db-scheduler's task data, the sandbox
 * world, the record store's JSON and the read filters loaded from the classpath.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedService.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxSyncIT {

    private static final Duration SYNC_WAIT = Duration.ofMinutes(3);

    @Test
    void a_sandbox_syncs_and_its_orders_are_read_through_the_unified_api() throws InterruptedException {
        Org org = newOrganization();
        Response sandbox = as(org.testKey()).filter(Contract.FILTER).post("/sandbox/generate-sandbox/wms").then()
                .statusCode(200).extract().response();
        String token = sandbox.path("access_token");
        String connection = sandbox.path("connection_id");

        List<Map<String, Object>> orders = awaitOrders(org.testKey(), token);
        assertFalse(orders.isEmpty());
        Map<String, Object> first = orders.get(0);
        assertTrue(first.get("trackstar_updated_date") instanceof String, first.toString());

        // One order by id, a filtered page, and the run log that produced them.
        reads(org.testKey(), token).filter(WmsContract.FILTER).get("/wms/orders/" + first.get("id")).then()
                .statusCode(200).body("data.id", equalTo(first.get("id")));
        reads(org.testKey(), token).filter(WmsContract.FILTER).queryParam("limit", 5).get("/wms/orders").then()
                .statusCode(200).body("total_count", equalTo(5));
        as(org.testKey()).get("/connections/" + connection + "/sync-runs").then().statusCode(200)
                .body("data.size()", greaterThan(0));

        // The token belongs to its organization: another organization's key with it is 401.
        Org other = newOrganization();
        reads(other.testKey(), token).get("/wms/orders").then().statusCode(401)
                .body("code", equalTo("INVALID_ACCESS_TOKEN"));
    }

    private static List<Map<String, Object>> awaitOrders(String key, String token) throws InterruptedException {
        long deadline = System.nanoTime() + SYNC_WAIT.toNanos();
        while (true) {
            List<Map<String, Object>> data = reads(key, token).filter(WmsContract.FILTER).get("/wms/orders").then()
                    .statusCode(200).extract().path("data");
            if (!data.isEmpty()) {
                return data;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The sandbox's initial sync stored no orders within " + SYNC_WAIT);
            }
            Thread.sleep(500);
        }
    }

    private static io.restassured.specification.RequestSpecification reads(String key, String token) {
        return as(key).header("x-trackstar-access-token", token);
    }
}
