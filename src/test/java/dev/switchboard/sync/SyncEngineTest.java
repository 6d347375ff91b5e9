package dev.switchboard.sync;

import static dev.switchboard.sync.SyncTesting.await;
import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.Scheduler;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.WithSyncEngine;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(WithSyncEngine.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SyncEngineTest {

    static final List<String> ACTIONS = List.of("get_orders", "get_inventory", "get_inbound_shipment",
            "get_warehouses");

    @Inject
    SyncTesting testing;
    @Inject
    ScriptedAdapter adapter;
    @Inject
    SyncEngine engine;

    private long records(String connectionId, String function, boolean live) {
        return testing.count("select count(*) from wms_record where connection_id = ? and function = ?"
                + (live ? " and deleted_at is null" : ""), connectionId, function);
    }

    private boolean historical(String connectionId, String function) {
        return testing.count("select count(*) from sync_schedule where connection_id = ? and function = ? and "
                + "historical_sync_completed and not exists (select 1 from sync_run r where r.connection_id = ? and "
                + "r.function = ? and r.status = 'running')", connectionId, function, connectionId, function) == 1;
    }

    private long succeededRuns(String connectionId, String function) {
        return testing.count("select count(*) from sync_run where connection_id = ? and function = ? and status = "
                + "'succeeded'", connectionId, function);
    }

    private static String webhook(String key) {
        return as(key).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hooks"))
                .post("/webhooks").then().statusCode(201).extract().path("id");
    }

    @Test
    void initial_sync_is_silent_then_changes_send_trackstar_webhooks_with_previous_attributes() {
        Fixtures.Org org = Fixtures.newOrganization();
        webhook(org.testKey());
        Instant base = Instant.now().minus(Duration.ofDays(2));
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS, id -> {
            ScriptedAdapter.World system = adapter.world(id);
            for (int i = 0; i < 12; i++) {
                system.put(WmsFunction.GET_ORDERS,
                        testing.order(String.format("o%02d", i), "open", base.plusSeconds(i)));
            }
            // Older than the 30-day initial window: never fetched.
            system.put(WmsFunction.GET_ORDERS, testing.order("old", "open", Instant.now().minus(Duration.ofDays(40))));
        });
        ScriptedAdapter.World world = adapter.world(conn.connectionId());

        await("the initial sync of orders", () -> historical(conn.connectionId(), "get_orders"));
        assertEquals(12, records(conn.connectionId(), "get_orders", true));
        assertEquals(0, testing.webhooks(org.id(), "order.created").size(), "no record events during the initial sync");
        List<ObjectNode> completed = testing.webhooks(org.id(), "connection.historical-sync-completed");
        assertTrue(completed.stream().anyMatch(b -> b.at("/data/resource").asText().equals("orders")),
                completed.toString());
        for (ObjectNode body : completed) {
            assertValid("GeneralConnectionsHistorical-Sync-CompletedWebhookSchema", body);
        }
        String stored = testing
                .strings("select document::text from wms_record where connection_id = ? and record_id = 'o01'",
                        conn.connectionId())
                .get(0);
        assertFalse(stored.contains("trackstar_"), "the stored document has no trackstar dates: " + stored);
        String untouchedBefore = testing.strings("select trackstar_updated_date::text from wms_record where "
                + "connection_id = ? and record_id = 'o05'", conn.connectionId()).get(0);

        // The system changes: a status, a new shipment, a new order.
        Instant later = Instant.now();
        ObjectNode o01 = testing.order("o01", "fulfilled", later);
        o01.withArray("shipments").add(testing.shipment("sh1"));
        ((ObjectNode) o01.withArray("line_items").get(0)).put("quantity", 3);
        world.put(WmsFunction.GET_ORDERS, o01);
        world.put(WmsFunction.GET_ORDERS, testing.order("o99", "open", later));
        long before = succeededRuns(conn.connectionId(), "get_orders");
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("functions_to_sync", List.of("get_orders"))).filter(Contract.FILTER)
                .post("/connections/sync").then().statusCode(200).body("id", equalTo(conn.connectionId()))
                .body("syncing", equalTo(true)).body("functions_to_sync", contains("get_orders"));
        await("the forced run", () -> succeededRuns(conn.connectionId(), "get_orders") > before);

        // The forced sync tells it is over: one connection.force-sync-completed for get_orders, the run's figures.
        List<ObjectNode> forced = testing.webhooks(org.id(), "connection.force-sync-completed");
        assertEquals(1, forced.size(), forced.toString());
        ObjectNode done = forced.get(0);
        assertConnectionEnvelope(done, "connection.force-sync-completed", conn.connectionId());
        assertEquals("orders", done.at("/data/resource").asText());
        assertEquals("get_orders", done.at("/data/function_name").asText());
        assertEquals("forced", done.at("/data/kind").asText());
        assertEquals("succeeded", done.at("/data/status").asText());
        assertEquals(1, done.at("/data/records_created").asInt());
        assertEquals(1, done.at("/data/records_updated").asInt());
        assertTrue(done.at("/data/ended_at").isTextual(), done.toString());

        List<ObjectNode> updated = testing.webhooks(org.id(), "order.updated");
        assertEquals(1, updated.size(), updated.toString());
        ObjectNode body = updated.get(0);
        assertValid("WmsOrdersUpdatedWebhookSchema", body);
        assertEquals(conn.connectionId(), body.get("connection_id").asText());
        assertEquals("test-scripted", body.get("integration_name").asText());
        assertEquals("wms", body.get("integration_type").asText());
        assertEquals("fulfilled", body.at("/data/status").asText());
        assertTrue(body.at("/data/trackstar_updated_date").isTextual());
        ObjectNode previous = (ObjectNode) body.get("previous_attributes");
        assertEquals("open", previous.get("status").asText());
        assertEquals(2, previous.get("line_items.0.quantity").asInt());
        assertTrue(previous.get("shipments.0").isNull(), previous.toString());
        assertFalse(previous.has("order_number"), "only changed fields");
        previous.fieldNames().forEachRemaining(path -> assertTrue(
                List.of("status", "updated_date", "created_date", "line_items", "shipments")
                        .contains(path.split("\\.")[0]),
                path));

        List<ObjectNode> shipment = testing.webhooks(org.id(), "order.shipment.created");
        assertEquals(1, shipment.size());
        assertValid("WmsOrdersShipment.CreatedWebhookSchema", shipment.get(0));
        assertEquals(0, shipment.get(0).at("/previous_attributes/shipments").size());
        List<ObjectNode> created = testing.webhooks(org.id(), "order.created");
        assertEquals(1, created.size());
        assertValid("WmsOrdersCreatedWebhookSchema", created.get(0));
        assertEquals("o99", created.get(0).at("/data/id").asText());
        assertFalse(created.get(0).has("previous_attributes"));
        // trackstar_updated_date moved only where the hash changed.
        assertEquals(untouchedBefore, testing.strings("select trackstar_updated_date::text from wms_record where "
                + "connection_id = ? and record_id = 'o05'", conn.connectionId()).get(0));

        // The incremental run asked from the high-water mark minus the overlap, not from the initial window.
        ScriptedAdapter.Call last = adapter.calls.stream().filter(c -> c.connectionId().equals(conn.connectionId())
                && c.function() == WmsFunction.GET_ORDERS).reduce((a, b) -> b).orElseThrow();
        assertTrue(last.window().since().isAfter(base.minus(Duration.ofMinutes(10))), last.toString());

        // The connection object tells the truth; the run log lists both runs.
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + conn.connectionId()).then().statusCode(200)
                .body("data[0].historical_sync_completed", hasKey("get_orders"))
                .body("data[0].sync_schedules.function_name", hasItem("get_orders"))
                .body("data[0].available_endpoints", hasItem("GET /wms/orders/{order_id}"))
                .body("data[0].latest_sync", notNullValue());
        as(org.testKey()).queryParam("function_name", "get_orders")
                .get("/connections/" + conn.connectionId() + "/sync-runs")
                .then().statusCode(200).body("data.kind", contains("forced", "initial"))
                .body("data[0].records_created", equalTo(1)).body("data[0].records_updated", equalTo(1))
                .body("data[1].records_created", equalTo(12));
    }

    @Test
    void per_page_transactions_bound_the_outbox_rows_one_transaction_writes() {
        Fixtures.Org org = Fixtures.newOrganization();
        webhook(org.testKey());
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        ScriptedAdapter.World world = adapter.world(conn.connectionId());
        await("the initial sync", () -> historical(conn.connectionId(), "get_orders"));
        Instant now = Instant.now();
        for (int i = 0; i < 23; i++) {
            world.put(WmsFunction.GET_ORDERS, testing.order(String.format("n%02d", i), "open", now));
        }
        long before = succeededRuns(conn.connectionId(), "get_orders");
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("functions_to_sync", List.of("get_orders"))).post("/connections/sync").then()
                .statusCode(200);
        await("the forced run", () -> succeededRuns(conn.connectionId(), "get_orders") > before);
        assertEquals(23, testing.webhooks(org.id(), "order.created").size());
        // 23 records in pages of 5: five page transactions (each stamps its rows with one created_at), none with more
        // than five rows.
        assertEquals(5,
                testing.count("select count(distinct created_at) from webhook_delivery where organization_id = ? "
                        + "and event_type = 'order.created'", org.id()));
        assertEquals(5, testing.count("select max(n) from (select count(*) n from webhook_delivery where "
                + "organization_id = ? and event_type = 'order.created' group by created_at) t", org.id()));
    }

    @Test
    void a_snapshot_deletes_unseen_records_only_after_a_complete_successful_run() {
        Fixtures.Org org = Fixtures.newOrganization();
        webhook(org.testKey());
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        ScriptedAdapter.World world = adapter.world(conn.connectionId());
        for (int i = 0; i < 8; i++) {
            world.put(WmsFunction.GET_INVENTORY, testing.inventory("i" + i, i));
        }
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).post("/connections/sync").then()
                .statusCode(200);
        await("the inventory snapshot", () -> records(conn.connectionId(), "get_inventory", true) == 8
                && historical(conn.connectionId(), "get_inventory"));

        world.remove(WmsFunction.GET_INVENTORY, "i7");
        world.failAt.put(5, AdapterException.transientFailure("HTTP 503 from the system", null));
        long failedBefore = testing.count("select count(*) from sync_run where connection_id = ? and status = 'failed'",
                conn.connectionId());
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("functions_to_sync", List.of("get_inventory"))).post("/connections/sync").then()
                .statusCode(200);
        await("the failed run", () -> testing.count("select count(*) from sync_run where connection_id = ? and "
                + "status = 'failed'", conn.connectionId()) > failedBefore);
        assertEquals(8, records(conn.connectionId(), "get_inventory", true), "nothing deleted after a failed run");
        // A forced sync that failed is over too: the organization is told so, with the error.
        assertTrue(testing.webhooks(org.id(), "connection.force-sync-completed").stream()
                .anyMatch(b -> b.at("/data/status").asText().equals("failed")
                        && b.at("/data/error").asText().equals("HTTP 503 from the system")
                        && b.at("/data/resource").asText().equals("inventory")),
                testing.webhooks(org.id(), "connection.force-sync-completed").toString());
        assertEquals(1, testing.count("select count(*) from sync_run where connection_id = ? and function = "
                + "'get_inventory' and status = 'failed' and error = 'HTTP 503 from the system'", conn.connectionId()));

        // The retry (backoff 1 s in tests) completes and deletes the one it did not see.
        await("the retry", () -> records(conn.connectionId(), "get_inventory", true) == 7);
        assertEquals(8, records(conn.connectionId(), "get_inventory", false), "soft deletion keeps the row");
        assertEquals(1, testing.count("select count(*) from wms_record where connection_id = ? and record_id = 'i7' "
                + "and deleted_at is not null", conn.connectionId()));
    }

    @Test
    void a_run_whose_instance_dies_is_resumed_by_another_from_its_last_page_with_nothing_lost_or_doubled()
            throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(org.id(), List.of("get_warehouses"));
        ScriptedAdapter.World world = adapter.world(conn.connectionId());
        for (int i = 0; i < 20; i++) {
            ObjectNode w = testing.inventory("w" + String.format("%02d", i), 0);
            world.put(WmsFunction.GET_WAREHOUSES, w);
        }
        world.hang = new CountDownLatch(1);
        world.hanging = new CountDownLatch(1);
        world.hangAt = 10; // the third page hangs in this instance: its process "dies" there
        // Make it due now; this instance's engine (heartbeat 10 min in tests) picks it.
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).post("/connections/sync").then()
                .statusCode(200);
        assertTrue(world.hanging.await(30, TimeUnit.SECONDS), "the first instance reached page 3");
        // Page 3 is fetched while page 2 commits (SyncRunner.prefetch): page 2 commits though page 3 hangs.
        await("page 2 to commit", () -> testing.count("select pages from sync_run where connection_id = ?",
                conn.connectionId()) == 2);

        // A second instance whose dead-execution check fires after ~1 s without heartbeats takes the run over.
        Scheduler second = engine.newScheduler("second-instance", 2, Duration.ofMillis(200), Duration.ofMillis(250), 4);
        second.start();
        try {
            await("the takeover to finish", () -> succeededRuns(conn.connectionId(), "get_warehouses") == 1);
        } finally {
            world.hang.countDown(); // the first instance wakes up with a page it no longer owns
            second.stop();
        }
        await("the first instance to give up", () -> adapter.calls.stream()
                .filter(c -> c.connectionId().equals(conn.connectionId())).count() >= 5);
        Thread.sleep(500);
        assertEquals(20, records(conn.connectionId(), "get_warehouses", true));
        assertEquals(1, testing.count("select count(*) from sync_run where connection_id = ?", conn.connectionId()));
        assertEquals(4, testing.count("select pages from sync_run where connection_id = ?", conn.connectionId()),
                "pages 1-2 by the first instance, 3-4 by the second; the first one's late page 3 was refused");
        assertEquals(20,
                testing.count("select records_created from sync_run where connection_id = ?", conn.connectionId()));
        assertEquals(2, testing.count("select attempts from sync_run where connection_id = ?", conn.connectionId()));
        // The second instance resumed at the cursor of page 3, it did not start over.
        assertTrue(adapter.calls.stream().filter(c -> c.connectionId().equals(conn.connectionId())
                && c.thread().contains("second-instance")).allMatch(c -> c.cursor() != null), adapter.calls.toString());
    }

    @Test
    void two_engines_racing_never_run_one_connection_and_function_twice_at_once() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        ScriptedAdapter.World world = adapter.world(conn.connectionId());
        world.delayMillis = 30;
        for (int i = 0; i < 15; i++) {
            world.put(WmsFunction.GET_WAREHOUSES, testing.inventory("w" + i, 0));
            world.put(WmsFunction.GET_INVENTORY, testing.inventory("i" + i, i));
        }
        Scheduler second = engine.newScheduler("racer", 4, Duration.ofMillis(50), Duration.ofMinutes(10), 6);
        second.start();
        try {
            for (int round = 0; round < 8; round++) {
                as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).post("/connections/sync")
                        .then().statusCode(200);
                Thread.sleep(150);
            }
            await("the runs to settle", () -> testing.count("select count(*) from sync_run where connection_id = ? and "
                    + "status = 'running'", conn.connectionId()) == 0);
        } finally {
            second.stop();
        }
        for (WmsFunction f : List.of(WmsFunction.GET_WAREHOUSES, WmsFunction.GET_INVENTORY)) {
            assertEquals(1, adapter.maxInFlight.get(conn.connectionId() + "|" + f).get(), f + " ran twice at once");
        }
        assertTrue(succeededRuns(conn.connectionId(), "get_inventory") >= 2);
    }

    @Test
    void pause_and_resume_per_function_and_all() {
        Fixtures.Org org = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        await("the initial syncs", () -> historical(conn.connectionId(), "get_orders")
                && historical(conn.connectionId(), "get_inventory"));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).patch("/schedules/get_orders/toggle").then().statusCode(200)
                .body("sync_schedules.find { it.function_name == 'get_orders' }.sync_status", equalTo("disabled"))
                .body("sync_schedules.find { it.function_name == 'get_inventory' }.sync_status", equalTo("enabled"));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("functions_to_sync", List.of("get_orders"))).post("/connections/sync").then()
                .statusCode(200).body("syncing", equalTo(false)).body("functions_to_sync.size()", equalTo(0));
        assertEquals(0, testing.count("select count(*) from scheduled_tasks where task_instance = ?",
                conn.connectionId() + "|get_orders"));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken())
                .patch("/schedules/get_orders/toggle").then().statusCode(200)
                // a resumed schedule is due at once, so it may already be running
                .body("sync_schedules.find { it.function_name == 'get_orders' }.sync_status",
                        oneOf("enabled", "sync_in_progress"));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).patch("/schedules/toggle-all").then()
                .statusCode(200).body("sync_schedules.sync_status", everyItem(equalTo("disabled")));
        as(org.testKey()).get("/connections/" + conn.connectionId()).then()
                .body("data[0].sync_schedules.in_progress", everyItem(equalTo(false)));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("enabled", true)).patch("/schedules/toggle-all").then().statusCode(200)
                // resumed schedules are due at once, so one may already be running
                .body("sync_schedules.sync_status", everyItem(oneOf("enabled", "sync_in_progress")));
    }

    @Test
    void an_on_demand_back_fill_runs_beside_the_schedule_and_can_be_read_and_cancelled() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        webhook(org.testKey());
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        ScriptedAdapter.World world = adapter.world(conn.connectionId());
        await("the initial sync", () -> historical(conn.connectionId(), "get_orders"));
        Instant old = Instant.parse("2025-03-10T12:00:00Z");
        world.put(WmsFunction.GET_ORDERS, testing.order("back1", "fulfilled", old));
        world.put(WmsFunction.GET_ORDERS, testing.order("back2", "fulfilled", old.plusSeconds(60)));
        String id = as(org.testKey()).header("x-trackstar-access-token", conn.accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("function_name", "get_orders", "start_time", "2025-03-01T00:00:00Z", "end_time",
                        "2025-04-01T00:00:00Z"))
                .post("/connections/on-demand-syncs").then().statusCode(200).body("status", equalTo("open"))
                .body("function_name", equalTo("get_orders")).extract().path("id");
        await("the back-fill", () -> "completed".equals(as(org.testKey()).header("x-trackstar-access-token",
                conn.accessToken()).get("/connections/on-demand-syncs/" + id).then().statusCode(200).extract()
                .path("status")));
        assertEquals(2,
                testing.count("select count(*) from wms_record where connection_id = ? and record_id like 'back%'",
                        conn.connectionId()));
        assertEquals(1, testing.count("select count(*) from sync_run where connection_id = ? and kind = 'on_demand'",
                conn.connectionId()));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken())
                .post("/connections/on-demand-syncs/" + id + "/cancel").then().statusCode(409);
        // The job's end is told: connection.sync-job-completed, data = the job as GET answers it.
        List<ObjectNode> jobs = testing.webhooks(org.id(), "connection.sync-job-completed");
        assertEquals(1, jobs.size(), jobs.toString());
        assertConnectionEnvelope(jobs.get(0), "connection.sync-job-completed", conn.connectionId());
        assertEquals(id, jobs.get(0).at("/data/id").asText());
        assertEquals("completed", jobs.get(0).at("/data/status").asText());
        assertEquals("get_orders", jobs.get(0).at("/data/function_name").asText());
        assertEquals("2025-03-01T00:00:00Z", jobs.get(0).at("/data/requested_start_time").asText());
        assertEquals("2025-04-01T00:00:00Z", jobs.get(0).at("/data/requested_end_time").asText());
        // A back-fill is no forced sync.
        assertEquals(0, testing.webhooks(org.id(), "connection.force-sync-completed").size());

        // A second one hangs; cancelling it stops its run at the next page.
        world.pageSize = 1;
        world.hang = new CountDownLatch(1);
        world.hanging = new CountDownLatch(1);
        world.hangAt = 1;
        String second = as(org.testKey()).header("x-trackstar-access-token", conn.accessToken())
                .contentType(ContentType.JSON).body(Map.of("function_name", "get_orders", "start_time",
                        "2025-03-01T00:00:00Z", "end_time", "2025-04-01T00:00:00Z"))
                .post("/connections/on-demand-syncs").then().statusCode(200).extract().path("id");
        assertTrue(world.hanging.await(30, TimeUnit.SECONDS));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken())
                .post("/connections/on-demand-syncs/" + second + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        world.hang.countDown();
        await("the cancelled run to stop", () -> testing.count("select count(*) from sync_run where connection_id = ? "
                + "and lane = ? and status = 'cancelled' and pages = 1", conn.connectionId(), second) == 1);
    }

    @Test
    void rejected_credentials_stop_every_function_of_the_connection_with_the_error_recorded() {
        Fixtures.Org org = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        await("the initial syncs", () -> historical(conn.connectionId(), "get_orders"));
        adapter.world(conn.connectionId()).failAt.put(0, AdapterException.credentialsRejected("API key revoked"));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("functions_to_sync", List.of("get_orders"))).post("/connections/sync").then()
                .statusCode(200);
        await("the block", () -> testing.count("select count(*) from sync_schedule where connection_id = ? and "
                + "blocked_reason = 'CREDENTIALS_REJECTED'", conn.connectionId()) == 4);
        as(org.testKey()).get("/connections/" + conn.connectionId()).then()
                .body("data[0].sync_schedules.sync_status", everyItem(equalTo("error")));
        assertEquals(1, testing.count("select count(*) from sync_run where connection_id = ? and status = 'failed' and "
                + "error = 'API key revoked'", conn.connectionId()));
        await("the tasks to go", () -> testing.count("select count(*) from scheduled_tasks where task_instance like ? "
                + "and not picked", conn.connectionId() + "|%") == 0);
    }

    @Test
    void deleting_a_connection_stops_its_syncs_and_purges_its_records() {
        Fixtures.Org org = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        ScriptedAdapter.World world = adapter.world(conn.connectionId());
        for (int i = 0; i < 12; i++) {
            world.put(WmsFunction.GET_INVENTORY, testing.inventory("i" + i, i));
        }
        await("the initial syncs", () -> records(conn.connectionId(), "get_inventory", true) == 12);
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).delete("/connections").then()
                .statusCode(200);
        await("the purge", () -> testing.count("select count(*) from wms_record where connection_id = ?",
                conn.connectionId()) == 0
                && testing.count("select count(*) from sync_schedule where connection_id = ?",
                        conn.connectionId()) == 0);
        await("the tasks to go", () -> testing.count("select count(*) from scheduled_tasks where task_instance like ?",
                conn.connectionId() + "%") == 0);
    }

    @Test
    void webhooks_disabled_stops_record_events() {
        Fixtures.Org org = Fixtures.newOrganization();
        webhook(org.testKey());
        SyncTesting.Made conn = testing.connect(org.id(), ACTIONS);
        await("the initial sync", () -> historical(conn.connectionId(), "get_orders"));
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("webhooks_disabled", true)).patch("/connections").then().statusCode(200);
        adapter.world(conn.connectionId()).put(WmsFunction.GET_ORDERS, testing.order("quiet", "open", Instant.now()));
        long before = succeededRuns(conn.connectionId(), "get_orders");
        as(org.testKey()).header("x-trackstar-access-token", conn.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("functions_to_sync", List.of("get_orders"))).post("/connections/sync").then()
                .statusCode(200);
        await("the forced run", () -> succeededRuns(conn.connectionId(), "get_orders") > before);
        assertEquals(1, records(conn.connectionId(), "get_orders", true));
        assertEquals(0, testing.webhooks(org.id(), "order.created").size());
        assertFalse(testing.webhooks(org.id(), "connection.historical-sync-completed").isEmpty());
    }

    /**
     * The contract names {@code connection.force-sync-completed} and {@code connection.sync-job-completed} (2026) but
     * gives no schema: they use the envelope of its connection events ({@code GeneralConnections*WebhookSchema}).
     */
    static void assertConnectionEnvelope(ObjectNode body, String eventType, String connectionId) {
        List<String> fields = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("connection_id", "integration_name", "integration_type", "event_type", "data"), fields);
        assertEquals(connectionId, body.get("connection_id").asText());
        assertEquals("test-scripted", body.get("integration_name").asText());
        assertEquals("general", body.get("integration_type").asText());
        assertEquals(eventType, body.get("event_type").asText());
    }

    static void assertValid(String schema, ObjectNode body) {
        ValidationReport report = WebhookSchemas.validate(schema, body.toString());
        assertFalse(report.hasErrors(), schema + ": " + report.getMessages() + "\n" + body);
    }
}
