package dev.switchboard.sandbox.wms;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.TestClock;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.WmsAdapters;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The sandbox adapter and Trackstar's simulation endpoints over HTTP, on the real PostgreSQL. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SimulationResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WmsAdapters adapters;
    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    TestClock clock;

    record Sandbox(Fixtures.Org org, String connectionId, String token, AdapterContext context) {
    }

    Sandbox sandbox() {
        Fixtures.Org org = Fixtures.newOrganization();
        Response generated = as(org.testKey()).filter(Contract.FILTER).post("/sandbox/generate-sandbox/wms").then()
                .statusCode(200).extract().response();
        String connectionId = generated.path("connection_id");
        return new Sandbox(org, connectionId, generated.path("access_token"), new AdapterContext(connectionId,
                new Tenant(org.id(), Environment.TEST), "sandbox", Map.of(), credentials -> {
                }));
    }

    WmsAdapter adapter() {
        return adapters.find("sandbox").orElseThrow();
    }

    /** Every record of a function as the sync engine reads it now. */
    List<ObjectNode> all(Sandbox sandbox, WmsFunction function, SyncWindow window) {
        List<ObjectNode> records = new ArrayList<>();
        String cursor = null;
        do {
            Page page = adapter().fetchPage(sandbox.context(), function, window, cursor);
            records.addAll(page.records());
            cursor = page.nextCursor();
        } while (cursor != null);
        return records;
    }

    String find(Sandbox sandbox, WmsFunction function, Predicate<ObjectNode> which) {
        return all(sandbox, function, new SyncWindow(null, Instant.now().plusSeconds(1))).stream().filter(which)
                .map(r -> r.get("id").asText()).findFirst().orElseThrow();
    }

    static ObjectNode data(Response response) throws Exception {
        return (ObjectNode) JSON.readTree(response.asString()).get("data");
    }

    @Test
    void the_sandbox_integration_has_an_adapter_for_every_function() {
        assertEquals(Set.of(WmsFunction.values()), adapter().functions());
        Sandbox sandbox = sandbox();
        for (WmsFunction function : WmsFunction.values()) {
            Page page = adapter().fetchPage(sandbox.context(), function, new SyncWindow(null, Instant.now()), null);
            assertTrue(!page.records().isEmpty(), function + " has records");
        }
    }

    @Test
    void the_sandbox_moves_with_the_services_clock() {
        Sandbox sandbox = sandbox();
        Instant start = clock.freeze();
        try {
            List<ObjectNode> before = all(sandbox, WmsFunction.GET_ORDERS, new SyncWindow(null, start.plusSeconds(1)));
            clock.advance(Duration.ofHours(6));
            Instant later = clock.instant();
            List<ObjectNode> changed = all(sandbox, WmsFunction.GET_ORDERS,
                    new SyncWindow(start, later.plusSeconds(1)));
            assertTrue(changed.size() > 3, "orders changed in six hours: " + changed.size());
            assertTrue(changed.stream().anyMatch(o -> Instant.parse(o.get("created_date").asText()).isAfter(start)),
                    "new orders arrived");
            assertTrue(all(sandbox, WmsFunction.GET_ORDERS, new SyncWindow(null, later.plusSeconds(1))).size() > before
                    .size());
        } finally {
            clock.reset();
        }
    }

    @Test
    void the_password_fail_is_refused_as_rejected_credentials() {
        Sandbox sandbox = sandbox();
        AdapterContext failing = new AdapterContext(sandbox.connectionId(), sandbox.context().tenant(), "sandbox",
                Map.of("username", "me", "password", "fail"), credentials -> {
                });
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().verifyCredentials(failing));
        assertEquals(AdapterException.Kind.CREDENTIALS_REJECTED, e.kind());
        assertThrows(AdapterException.class, () -> adapter().fetchPage(failing, WmsFunction.GET_ORDERS, null, null));
        adapter().verifyCredentials(new AdapterContext(sandbox.connectionId(), sandbox.context().tenant(), "sandbox",
                Map.of("username", "me", "password", "anything"), credentials -> {
                }));
    }

    @Test
    void another_tenants_connection_is_not_the_sandboxs() {
        Sandbox sandbox = sandbox();
        assertTrue(!adapter().fetchPage(sandbox.context(), WmsFunction.GET_ORDERS, null, null).records().isEmpty());
        AdapterContext foreign = new AdapterContext(sandbox.connectionId(),
                new Tenant(Fixtures.newOrganization().id(), Environment.TEST), "sandbox", Map.of(), c -> {
                });
        assertThrows(AdapterException.class, () -> adapter().fetchPage(foreign, WmsFunction.GET_ORDERS, null, null));
    }

    @Test
    void fulfilling_an_order_ships_it_and_the_next_sync_sees_the_change() throws Exception {
        Sandbox sandbox = sandbox();
        String orderId = find(sandbox, WmsFunction.GET_ORDERS,
                o -> Set.of("open", "processing", "picked").contains(o.get("status").asText()));
        Instant before = Instant.now().minusSeconds(1);

        Response response = as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/orders/" + orderId + "/fulfill?partial=false").then().statusCode(200)
                .body("data.id", is(orderId)).body("data.status", is("fulfilled")).extract().response();
        ObjectNode order = data(response);
        assertEquals(List.of(), ReadSchemas.problems(WmsFunction.GET_ORDERS, List.of(order)));
        assertTrue(order.get("shipments").size() >= 1);
        assertTrue(!order.get("shipments").get(0).get("packages").get(0).get("tracking_number").asText().isEmpty());

        // The simulated system shows it, and an incremental fetch over the moment finds it.
        assertEquals(order, adapter().fetchOne(sandbox.context(), WmsFunction.GET_ORDERS, orderId).orElseThrow());
        List<ObjectNode> changed = all(sandbox, WmsFunction.GET_ORDERS,
                new SyncWindow(before, Instant.now().plusSeconds(1)));
        assertTrue(changed.stream().anyMatch(o -> o.get("id").asText().equals(orderId)));

        as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/orders/" + orderId + "/fulfill").then().statusCode(409)
                .body("code", is("ORDER_ALREADY_FULFILLED"));
    }

    @Test
    void a_partial_fulfilment_leaves_the_order_partially_fulfilled() {
        Sandbox sandbox = sandbox();
        String orderId = find(sandbox, WmsFunction.GET_ORDERS, o -> o.get("status").asText().equals("open")
                && o.get("line_items").size() >= 2);
        as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/orders/" + orderId + "/fulfill?partial=true").then().statusCode(200)
                .body("data.status", is("partially_fulfilled")).body("data.shipments.size()", is(1));
        as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/orders/" + orderId + "/fulfill").then().statusCode(200)
                .body("data.status", is("fulfilled"));
    }

    @Test
    void a_cancelled_order_cannot_be_fulfilled() {
        Sandbox sandbox = sandbox();
        String orderId = find(sandbox, WmsFunction.GET_ORDERS, o -> o.get("status").asText().equals("cancelled"));
        as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/orders/" + orderId + "/fulfill").then().statusCode(409)
                .body("code", is("ORDER_CANCELLED"));
    }

    @Test
    void receiving_a_return_receives_it() throws Exception {
        Sandbox sandbox = sandbox();
        String returnId = find(sandbox, WmsFunction.GET_RETURNS,
                r -> Set.of("open", "in-transit").contains(r.get("status").asText()));
        ObjectNode ret = data(as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/returns/" + returnId + "/receive").then().statusCode(200)
                .body("data.id", is(returnId)).body("data.status", is("received")).extract().response());
        assertEquals(List.of(), ReadSchemas.problems(WmsFunction.GET_RETURNS, List.of(ret)));
        assertEquals(ret, adapter().fetchOne(sandbox.context(), WmsFunction.GET_RETURNS, returnId).orElseThrow());
        as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/returns/" + returnId + "/receive").then().statusCode(409)
                .body("code", is("RETURN_ALREADY_RECEIVED"));
    }

    @Test
    void unknown_orders_and_returns_are_404_with_the_contracts_body() {
        Sandbox sandbox = sandbox();
        for (String path : List.of("/sandbox/simulate/orders/ord_99999999/fulfill",
                "/sandbox/simulate/orders/x/fulfill",
                "/sandbox/simulate/returns/rma_99999999/receive", "/sandbox/simulate/returns/nope/receive")) {
            as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token()).put(path).then()
                    .statusCode(404).body("error", startsWith(path.contains("orders") ? "Order" : "Return"))
                    .body("id", is(path.split("/")[4]));
        }
    }

    @Test
    void a_bad_partial_or_a_missing_token_is_422() {
        Sandbox sandbox = sandbox();
        as(sandbox.org().testKey()).header("x-trackstar-access-token", sandbox.token())
                .put("/sandbox/simulate/orders/ord_1/fulfill?partial=maybe").then().statusCode(422)
                .body("detail.query.partial[0]", is("Not a valid boolean."));
        as(sandbox.org().testKey()).put("/sandbox/simulate/orders/ord_1/fulfill").then().statusCode(422)
                .body("detail.headers.x-trackstar-access-token[0]", is("Missing data for required field."));
    }

    @Test
    void another_organizations_or_environments_key_gets_401_for_the_token() {
        Sandbox sandbox = sandbox();
        Fixtures.Org other = Fixtures.newOrganization();
        for (String key : List.of(other.testKey(), sandbox.org().liveKey())) {
            as(key).header("x-trackstar-access-token", sandbox.token()).put("/sandbox/simulate/orders/ord_1/fulfill")
                    .then().statusCode(401).body("code", is("INVALID_ACCESS_TOKEN"));
            as(key).header("x-trackstar-access-token", sandbox.token())
                    .put("/sandbox/simulate/returns/rma_1/receive").then().statusCode(401);
        }
        as(sandbox.org().testKey()).header("x-trackstar-access-token", "sb_at_not-a-token")
                .put("/sandbox/simulate/orders/ord_1/fulfill").then().statusCode(401);
    }

    @Test
    void a_connection_to_a_real_system_cannot_be_simulated() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = connections.install(new Tenant(org.id(), Environment.TEST),
                catalog.find(IntegrationType.WMS, "shiphero").orElseThrow(), null,
                Map.of("username", "ops@acme.example", "password", "pa55-shiphero-secret"), List.of(), null, null);
        String token = as(org.testKey()).contentType(ContentType.JSON).body(Map.of("auth_code", installed.authCode()))
                .post("/link/exchange").then().statusCode(200).extract().path("access_token");
        as(org.testKey()).header("x-trackstar-access-token", token).put("/sandbox/simulate/orders/ord_1/fulfill")
                .then().statusCode(400).body("code", is("NOT_A_SANDBOX_CONNECTION"));
        as(org.testKey()).header("x-trackstar-access-token", token).put("/sandbox/simulate/returns/rma_1/receive")
                .then().statusCode(400).body("code", is("NOT_A_SANDBOX_CONNECTION"));
    }

    @Test
    void a_read_only_key_cannot_simulate() {
        Sandbox sandbox = sandbox();
        String readKey = Fixtures.newKey(sandbox.org().testKey(), "read", 0);
        as(readKey).header("x-trackstar-access-token", sandbox.token()).put("/sandbox/simulate/orders/ord_1/fulfill")
                .then().statusCode(403);
    }
}
