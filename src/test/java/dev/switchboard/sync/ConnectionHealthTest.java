package dev.switchboard.sync;

import static dev.switchboard.sync.HealthTesting.assertWebhook;
import static dev.switchboard.sync.HealthTesting.connection;
import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.TestClock;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Connection health on the sandbox: its simulations revoke the credentials or deny a function, the sync runs (called
 * directly, as the job engine calls them; the suite runs without background syncs) meet the refusal as they would a
 * vendor's 401 or 403, and the connection shows it in {@code errors[]}, held to Trackstar's contract, with the
 * {@code connection-error.*} webhooks queued in the same transaction.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConnectionHealthTest {

    @Inject
    SyncRunner runner;
    @Inject
    SyncTesting testing;
    @Inject
    TestClock clock;
    @Inject
    ScriptedAdapter scripted;

    record Sandbox(Fixtures.Org org, String connectionId, String token) {
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Sandbox sandbox() {
        Fixtures.Org org = Fixtures.newOrganization();
        HealthTesting.subscribe(org.testKey());
        Response generated = as(org.testKey()).post("/sandbox/generate-sandbox/wms").then().statusCode(200).extract()
                .response();
        return new Sandbox(org, generated.path("connection_id"), generated.path("access_token"));
    }

    private static void simulate(Sandbox s, String path) {
        as(s.org().testKey()).header("x-trackstar-access-token", s.token()).put("/sandbox/simulate" + path).then()
                .statusCode(200).body("connection_id", equalTo(s.connectionId()));
    }

    private static io.restassured.response.ValidatableResponse force(Sandbox s, String function) {
        return as(s.org().testKey()).header("x-trackstar-access-token", s.token())
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("functions_to_sync", List.of(function))).post("/connections/sync").then().statusCode(200);
    }

    private SyncRunner.Next run(Sandbox s, WmsFunction function) {
        return runner.runSchedule(s.connectionId(), function, "forced");
    }

    private String status(Sandbox s, WmsFunction function) {
        return connection(s.org().testKey(), s.connectionId()).extract()
                .path("data[0].sync_schedules.find { it.function_name == '" + function.value() + "' }.sync_status");
    }

    private long runs(Sandbox s, WmsFunction function, String status) {
        return testing.count("select count(*) from sync_run where connection_id = ? and function = ? and status = ?",
                s.connectionId(), function.value(), status);
    }

    @Test
    void revoked_credentials_block_every_function_until_a_reinstall_clears_the_error() {
        Sandbox s = sandbox();
        run(s, WmsFunction.GET_WAREHOUSES);
        assertEquals(1, runs(s, WmsFunction.GET_WAREHOUSES, "succeeded"));
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", empty());

        simulate(s, "/credentials/revoke");
        SyncRunner.Next next = run(s, WmsFunction.GET_SHIPPING_METHODS);
        assertTrue(next.removes(), "a refused credential waits for a reinstall: " + next);

        connection(s.org().testKey(), s.connectionId())
                .body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].error_message", containsString("revoked"))
                .body("data[0].errors[0].affected_endpoints.endpoint",
                        hasItem("GET /wms/orders"))
                .body("data[0].errors[0].affected_endpoints.endpoint",
                        hasItem("GET /wms/shipping-methods"))
                .body("data[0].errors[0].affected_endpoints.preventing_sync", everyItem(equalTo(true)))
                .body("data[0].sync_schedules.sync_status", everyItem(equalTo("error")));
        // The list shows the same error.
        as(s.org().testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200)
                .body("data[0].errors", hasSize(1));

        // A forced sync skips them; every other function is stopped: a due task ends without calling the system.
        force(s, "get_warehouses").body("syncing", equalTo(false)).body("functions_to_sync", empty());
        // Every other function is stopped: a due task of one of them ends without calling the system.
        assertTrue(run(s, WmsFunction.GET_WAREHOUSES).removes());
        assertEquals(1, runs(s, WmsFunction.GET_WAREHOUSES, "succeeded"));
        assertEquals(0, runs(s, WmsFunction.GET_WAREHOUSES, "failed"));

        List<ObjectNode> created = testing.webhooks(s.org().id(), ConnectionErrors.CREATED);
        assertEquals(1, created.size());
        assertWebhook("GeneralConnectionErrorsCreatedWebhookSchema", created.get(0));
        ObjectNode data = (ObjectNode) created.get(0).get("data");
        assertEquals(s.connectionId(), created.get(0).get("connection_id").asText());
        assertEquals("sandbox", data.get("integration_name").asText());
        assertEquals("/wms/shipping-methods", data.get("failed_url").asText(), "the sandbox names no URL of its own");
        assertEquals(data.get("created_date"), data.get("last_seen"));

        // A reinstall with the same (revoked) credentials is refused by its first sync again; other ones clear it.
        HealthTesting.reinstall(s.org().testKey(), s.connectionId(), "sandbox",
                Map.of("username", "ops", "password", "a-new-password")).statusCode(200)
                .body(containsString("auth_code"));
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", empty())
                .body("data[0].sync_schedules.sync_status", not(hasItem("error")));
        List<ObjectNode> deleted = testing.webhooks(s.org().id(), ConnectionErrors.DELETED);
        assertEquals(1, deleted.size());
        assertWebhook("GeneralConnectionErrorsDeletedWebhookSchema", deleted.get(0));
        assertEquals(data.get("error_message"), deleted.get(0).get("data").get("error_message"));

        assertFalse(run(s, WmsFunction.GET_SHIPPING_METHODS).removes());
        assertEquals(1, runs(s, WmsFunction.GET_SHIPPING_METHODS, "succeeded"));
    }

    @Test
    void a_denied_function_blocks_only_itself_repeats_bump_last_seen_and_a_complete_run_resolves_it() {
        Sandbox s = sandbox();
        clock.freeze();
        simulate(s, "/permissions/get_warehouses/deny");

        SyncRunner.Next next = run(s, WmsFunction.GET_WAREHOUSES);
        assertFalse(next.removes(), "a refused permission is looked at again later");
        assertEquals(clock.instant().truncatedTo(ChronoUnit.MICROS).plus(SyncRunner.PERMISSION_RECHECK), next.at());
        connection(s.org().testKey(), s.connectionId())
                .body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].affected_endpoints", equalTo(List.of(Map.of("endpoint",
                        "GET /wms/warehouses", "preventing_sync", true))))
                .body("data[0].errors[0].error_message", containsString("get_warehouses"));
        assertEquals("error", status(s, WmsFunction.GET_WAREHOUSES));
        // A forced sync still tries it (the customer may just have granted the permission).
        force(s, "get_warehouses").body("syncing", equalTo(true))
                .body("functions_to_sync", equalTo(List.of("get_warehouses")));
        // The others go on, and their complete runs do not touch this function's error.
        run(s, WmsFunction.GET_SHIPPING_METHODS);
        assertEquals(1, runs(s, WmsFunction.GET_SHIPPING_METHODS, "succeeded"));
        assertNotEquals("error", status(s, WmsFunction.GET_SHIPPING_METHODS));
        String firstSeen = connection(s.org().testKey(), s.connectionId()).body("data[0].errors", hasSize(1))
                .extract().path("data[0].errors[0].first_seen");

        // The same cause again: one error, last_seen moves, first_seen stays.
        clock.advance(SyncRunner.PERMISSION_RECHECK);
        run(s, WmsFunction.GET_WAREHOUSES);
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].first_seen", equalTo(firstSeen))
                .body("data[0].errors[0].last_seen", not(equalTo(firstSeen)));
        List<ObjectNode> updated = testing.webhooks(s.org().id(), ConnectionErrors.UPDATED);
        assertEquals(1, updated.size());
        assertWebhook("GeneralConnectionErrorsUpdatedWebhookSchema", updated.get(0));
        assertEquals(updated.get(0).get("previous_attributes").get("last_seen").asText(), firstSeen);
        assertNotEquals(updated.get(0).get("data").get("last_seen"),
                updated.get(0).get("previous_attributes").get("last_seen"));
        assertEquals(1, testing.webhooks(s.org().id(), ConnectionErrors.CREATED).size());

        // Granted in the system: the next look completes, and the block and the error go.
        simulate(s, "/permissions/get_warehouses/grant");
        clock.advance(SyncRunner.PERMISSION_RECHECK);
        run(s, WmsFunction.GET_WAREHOUSES);
        assertEquals(1, runs(s, WmsFunction.GET_WAREHOUSES, "succeeded"));
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", empty());
        assertNotEquals("error", status(s, WmsFunction.GET_WAREHOUSES));
        assertNull(testing.strings("select blocked_reason from sync_schedule where connection_id = ? and function = "
                + "'get_warehouses'", s.connectionId()).get(0));
        List<ObjectNode> deleted = testing.webhooks(s.org().id(), ConnectionErrors.DELETED);
        assertEquals(1, deleted.size());
        assertWebhook("GeneralConnectionErrorsDeletedWebhookSchema", deleted.get(0));
    }

    @Test
    void a_function_that_keeps_failing_becomes_an_error_on_the_third_failure_and_its_next_complete_run_resolves_it() {
        Fixtures.Org org = Fixtures.newOrganization();
        HealthTesting.subscribe(org.testKey());
        SyncTesting.Made conn = testing.connect(org.id(), List.of("get_orders", "get_warehouses"));
        ScriptedAdapter.World world = scripted.world(conn.connectionId());
        for (int i = 1; i <= ConnectionErrors.FAILURES_BEFORE_ERROR; i++) {
            world.failAt.put(0, AdapterException.transientFailure("The system timed out (" + i + ").", null));
            SyncRunner.Next next = runner.runSchedule(conn.connectionId(), WmsFunction.GET_WAREHOUSES, "forced");
            assertFalse(next.removes(), "a failing function is not blocked: it is tried again");
            connection(org.testKey(), conn.connectionId()).body("data[0].errors",
                    hasSize(i < ConnectionErrors.FAILURES_BEFORE_ERROR ? 0 : 1));
        }
        connection(org.testKey(), conn.connectionId())
                .body("data[0].errors[0].error_message", equalTo("get_warehouses has failed 3 times in a row; "
                        + "Switchboard keeps trying. Last failure: The system timed out (3)."))
                .body("data[0].errors[0].affected_endpoints", equalTo(List.of(Map.of("endpoint",
                        "GET /wms/warehouses", "preventing_sync", true))));
        assertWebhook("GeneralConnectionErrorsCreatedWebhookSchema",
                testing.webhooks(org.id(), ConnectionErrors.CREATED).get(0));

        // A fourth failure updates it; then a complete run resolves it.
        world.failAt.put(0, AdapterException.transientFailure("The system timed out (4).", null));
        runner.runSchedule(conn.connectionId(), WmsFunction.GET_WAREHOUSES, "forced");
        assertEquals(1, testing.webhooks(org.id(), ConnectionErrors.UPDATED).size());
        runner.runSchedule(conn.connectionId(), WmsFunction.GET_WAREHOUSES, "forced");
        connection(org.testKey(), conn.connectionId()).body("data[0].errors", empty());
        assertEquals(1, testing.webhooks(org.id(), ConnectionErrors.DELETED).size());
    }

    @Test
    void another_organization_sees_neither_the_connection_nor_its_errors_and_cannot_simulate_on_it() {
        Sandbox s = sandbox();
        simulate(s, "/permissions/get_warehouses/deny");
        run(s, WmsFunction.GET_WAREHOUSES);
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", hasSize(1));

        Fixtures.Org other = Fixtures.newOrganization();
        as(other.testKey()).get("/connections/" + s.connectionId()).then().statusCode(404);
        as(other.testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200)
                .body("data", empty());
        as(s.org().liveKey()).get("/connections/" + s.connectionId()).then().statusCode(404);
        as(other.testKey()).header("x-trackstar-access-token", s.token())
                .put("/sandbox/simulate/credentials/revoke").then().statusCode(401);
        as(other.testKey()).header("x-trackstar-access-token", s.token())
                .put("/sandbox/simulate/permissions/get_orders/deny").then().statusCode(401);
        assertEquals(0, testing.webhooks(other.id(), ConnectionErrors.CREATED).size());
    }

    @Test
    void bad_simulation_input_is_a_documented_4xx() {
        Sandbox s = sandbox();
        as(s.org().testKey()).put("/sandbox/simulate/credentials/revoke").then().statusCode(422)
                .body("detail.headers.x-trackstar-access-token[0]", equalTo("Missing data for required field."));
        as(s.org().testKey()).header("x-trackstar-access-token", s.token())
                .put("/sandbox/simulate/permissions/get_everything/deny").then().statusCode(422)
                .body("detail.path.function_name[0]", containsString("Not a WMS function"));
        String read = Fixtures.newKey(s.org().testKey(), "read", 1000);
        as(read).header("x-trackstar-access-token", s.token()).put("/sandbox/simulate/credentials/revoke").then()
                .statusCode(403);
        // Nothing was recorded by the refused calls: the next sync is not refused.
        run(s, WmsFunction.GET_WAREHOUSES);
        assertEquals(1, runs(s, WmsFunction.GET_WAREHOUSES, "succeeded"));
    }
}
