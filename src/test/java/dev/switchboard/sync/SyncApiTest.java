package dev.switchboard.sync;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.http.KeysetCursor;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.WithSyncEngine;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The sync API's 4xx answers: bad input is a 422 at its field, another tenant's objects are 401 or 404. */
@QuarkusTest
@TestProfile(WithSyncEngine.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SyncApiTest {

    @Inject
    SyncTesting testing;

    private static RequestSpecification with(String key, String token) {
        return as(key).header("x-trackstar-access-token", token).contentType(ContentType.JSON);
    }

    @Test
    void another_organization_gets_401_for_the_token_endpoints_and_404_for_the_run_log() {
        Fixtures.Org owner = Fixtures.newOrganization();
        Fixtures.Org other = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(owner.id(), SyncEngineTest.ACTIONS);
        String job = with(owner.testKey(), conn.accessToken()).body(Map.of("function_name", "get_orders", "start_time",
                "2025-01-01T00:00:00Z", "end_time", "2025-02-01T00:00:00Z")).post("/connections/on-demand-syncs")
                .then().statusCode(200).extract().path("id");

        with(other.testKey(), conn.accessToken()).body("{}").post("/connections/sync").then().statusCode(401)
                .body("code", equalTo("INVALID_ACCESS_TOKEN"));
        with(other.testKey(), conn.accessToken()).body(Map.of("function_name", "get_orders", "start_time",
                "2025-01-01T00:00:00Z", "end_time", "2025-02-01T00:00:00Z")).post("/connections/on-demand-syncs")
                .then().statusCode(401);
        with(other.testKey(), conn.accessToken()).get("/connections/on-demand-syncs/" + job).then().statusCode(401);
        with(other.testKey(), conn.accessToken()).post("/connections/on-demand-syncs/" + job + "/cancel").then()
                .statusCode(401);
        with(other.testKey(), conn.accessToken()).patch("/schedules/get_orders/toggle").then().statusCode(401);
        with(other.testKey(), conn.accessToken()).patch("/schedules/toggle-all").then().statusCode(401);
        as(other.testKey()).get("/connections/" + conn.connectionId() + "/sync-runs").then().statusCode(404);
        // The live environment of the same organization is another tenant too.
        as(owner.liveKey()).get("/connections/" + conn.connectionId() + "/sync-runs").then().statusCode(404);
        with(owner.liveKey(), conn.accessToken()).body("{}").post("/connections/sync").then().statusCode(401);

        // A job id of another connection is a 404 for this one.
        SyncTesting.Made second = testing.connect(owner.id(), SyncEngineTest.ACTIONS);
        with(owner.testKey(), second.accessToken()).get("/connections/on-demand-syncs/" + job).then().statusCode(404)
                .body("id", equalTo(job));
        with(owner.testKey(), conn.accessToken()).get("/connections/on-demand-syncs/" + job).then().statusCode(200)
                .body("connection_id", equalTo(conn.connectionId()));
    }

    @Test
    void bad_input_is_a_422_at_its_field() {
        Fixtures.Org org = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(org.id(), List.of("get_orders", "get_inventory"));
        String token = conn.accessToken();

        as(org.testKey()).contentType(ContentType.JSON).body("{}").post("/connections/sync").then().statusCode(422)
                .body("detail.headers", hasKey("x-trackstar-access-token"));
        with(org.testKey(), token).body(Map.of("functions_to_sync", List.of("get_returns"))).filter(Contract.FILTER)
                .post("/connections/sync").then().statusCode(422).body("detail.json", hasKey("functions_to_sync.0"));
        with(org.testKey(), token).body(Map.of("functions_to_sync", List.of("get_orders", "nope")))
                .post("/connections/sync").then().statusCode(422).body("detail.json", hasKey("functions_to_sync.1"));
        with(org.testKey(), token).body(Map.of("functions_to_sync", "get_orders")).post("/connections/sync").then()
                .statusCode(422).body("detail.json", hasKey("functions_to_sync"));
        with(org.testKey(), token).body(Map.of("functions", List.of())).post("/connections/sync").then().statusCode(422)
                .body("detail.json", hasKey("functions"));
        with(org.testKey(), token).body("{not json").post("/connections/sync").then().statusCode(422);

        with(org.testKey(), token).body(Map.of("function_name", "get_inventory", "start_time", "2025-01-01T00:00:00Z",
                "end_time", "2025-02-01T00:00:00Z")).post("/connections/on-demand-syncs").then().statusCode(422)
                .body("detail.json", hasKey("function_name"));
        with(org.testKey(), token).body(Map.of("function_name", "get_returns", "start_time", "2025-01-01T00:00:00Z",
                "end_time", "2025-02-01T00:00:00Z")).post("/connections/on-demand-syncs").then().statusCode(422)
                .body("detail.json", hasKey("function_name"));
        with(org.testKey(), token).body(Map.of("function_name", "get_orders", "start_time", "yesterday",
                "end_time", "2025-02-01T00:00:00Z")).post("/connections/on-demand-syncs").then().statusCode(422)
                .body("detail.json", hasKey("start_time"));
        with(org.testKey(), token).body(Map.of("function_name", "get_orders", "start_time", "2025-03-01T00:00:00Z",
                "end_time", "2025-02-01T00:00:00Z")).post("/connections/on-demand-syncs").then().statusCode(422)
                .body("detail.json", hasKey("end_time"));
        with(org.testKey(), token).body(Map.of("function_name", "get_orders")).post("/connections/on-demand-syncs")
                .then().statusCode(422).body("detail.json", hasKey("start_time"));
        with(org.testKey(), token).get("/connections/on-demand-syncs/sod_unknown").then().statusCode(404);

        with(org.testKey(), token).patch("/schedules/get_returns/toggle").then().statusCode(422)
                .body("detail.path", hasKey("function_name"));
        with(org.testKey(), token).body(Map.of("enabled", "yes")).patch("/schedules/toggle-all").then().statusCode(422)
                .body("detail.json", hasKey("enabled"));

        as(org.testKey()).queryParam("limit", 0).get("/connections/" + conn.connectionId() + "/sync-runs").then()
                .statusCode(422).body("detail.query", hasKey("limit"));
        as(org.testKey()).queryParam("page_token", "garbage").get("/connections/" + conn.connectionId() + "/sync-runs")
                .then().statusCode(422).body("detail.query", hasKey("page_token"));
        // The management lists' cursor format, but naming no run (a connection's cursor): 422 too.
        as(org.testKey()).queryParam("page_token", new KeysetCursor(java.time.Instant.now(), "conn_abc").encode())
                .get("/connections/" + conn.connectionId() + "/sync-runs").then().statusCode(422)
                .body("detail.query", hasKey("page_token"));
        as(org.testKey()).queryParam("function_name", "get_nothing").get("/connections/" + conn.connectionId()
                + "/sync-runs").then().statusCode(422).body("detail.query", hasKey("function_name"));

        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("initial_sync_days", 0)).patch("/organization")
                .then().statusCode(422).body("detail.json", hasKey("initial_sync_days"));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("initial_sync_days", 1096)).patch("/organization")
                .then().statusCode(422);
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("initial_sync_days", 365)).patch("/organization")
                .then().statusCode(200).body("organization.initial_sync_days", equalTo(365));
    }

    @Test
    void the_run_log_pages_newest_first_by_keyset() {
        Fixtures.Org org = Fixtures.newOrganization();
        SyncTesting.Made conn = testing.connect(org.id(), SyncEngineTest.ACTIONS);
        SyncTesting.await("four initial runs",
                () -> testing.count("select count(*) from sync_run where connection_id = ? "
                        + "and status = 'succeeded'", conn.connectionId()) >= 4);
        String next = as(org.testKey()).queryParam("limit", 3).get("/connections/" + conn.connectionId() + "/sync-runs")
                .then().statusCode(200).body("total_count", equalTo(3)).body("next_token", notNullValue())
                .body("data[0].kind", equalTo("initial")).extract().path("next_token");
        as(org.testKey()).queryParam("limit", 3).queryParam("page_token", next)
                .get("/connections/" + conn.connectionId() + "/sync-runs").then().statusCode(200)
                .body("data.size()", equalTo(1));
    }
}
