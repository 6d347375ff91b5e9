package dev.switchboard.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.TestClock;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.WmsFunction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Writes and {@code POST /wms/passthrough} feed the connection's health as syncs do: a ShipBob stand-in answers a
 * write or a passthrough 401 and the connection gets the blocking {@code credentials} error (on
 * {@code GET /connections/{id}}, held to Trackstar's contract, with {@code connection-error.created}/{@code updated}
 * queued), and its syncs stop until a reinstall; a write's 403 is an error of that write alone.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WriteHealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER_ID = "329856173";

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    SyncRunner runner;
    @Inject
    SyncTesting testing;
    @Inject
    TestClock clock;

    record ShipBob(Fixtures.Org org, String connectionId, String token) {

        RequestSpecification call() {
            return as(org.testKey()).header("x-trackstar-access-token", token).contentType(ContentType.JSON);
        }
    }

    @AfterEach
    void reset() {
        VendorStandIns.reset();
        clock.reset();
    }

    private ShipBob connect() {
        Fixtures.Org org = Fixtures.newOrganization();
        HealthTesting.subscribe(org.testKey());
        ConnectionService.Installed installed = connections.install(new Tenant(org.id(), Environment.TEST),
                catalog.find(IntegrationType.WMS, "shipbob").orElseThrow(), "cust-1",
                Map.of("personal_access_token", "pat_health_1", "channel_id", "100102"), List.of(), null, null);
        var exchanged = as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("auth_code", installed.authCode())).post("/link/exchange").then().statusCode(200)
                .extract();
        // The install checked the token with ShipBob; the tests count only what follows.
        VendorStandIns.shipbob().resetRequests();
        return new ShipBob(org, exchanged.path("connection_id"), exchanged.path("access_token"));
    }

    /** ShipBob's 401: the body is unspecified in its OpenAPI ("Any type"); its gateway sends a JSON message. */
    private static void shipbobAnswers(int status, String path) {
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse()
                .withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + (status == 401
                        ? "Authorization has been denied for this request."
                        : "The token lacks the orders_write scope.") + "\"}")));
    }

    private String blocked(ShipBob s, WmsFunction function) {
        return testing.strings("select coalesce(blocked_reason, '-') from sync_schedule where connection_id = ? and "
                + "function = ?", s.connectionId(), function.value()).get(0);
    }

    @Test
    void a_write_answered_401_blocks_the_connection_as_a_sync_would() {
        ShipBob s = connect();
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", empty());
        shipbobAnswers(401, "/2026-01/order/" + ORDER_ID + ":cancel");

        s.call().put("/wms/orders/" + ORDER_ID + "/cancel").then().statusCode(401)
                .body("origin", equalTo("integration")).body("error", containsString("denied"));

        connection(s.org().testKey(), s.connectionId())
                .body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].error_message", containsString("ShipBob rejected the credentials"))
                .body("data[0].errors[0].affected_endpoints.endpoint", hasItem("GET /wms/orders"))
                .body("data[0].errors[0].affected_endpoints.endpoint", hasItem("GET /wms/products"))
                .body("data[0].errors[0].affected_endpoints.preventing_sync", everyItem(equalTo(true)))
                .body("data[0].sync_schedules.sync_status", everyItem(equalTo("error")));
        assertEquals("CREDENTIALS_REJECTED", blocked(s, WmsFunction.GET_PRODUCTS));

        List<ObjectNode> created = testing.webhooks(s.org().id(), ConnectionErrors.CREATED);
        assertEquals(1, created.size());
        assertWebhook("GeneralConnectionErrorsCreatedWebhookSchema", created.get(0));
        JsonNode data = created.get(0).get("data");
        assertEquals(s.connectionId(), created.get(0).get("connection_id").asText());
        assertEquals(VendorStandIns.shipbob().baseUrl() + "/2026-01/order/" + ORDER_ID + ":cancel",
                data.get("failed_url").asText(), "the URL ShipBob refused");

        // The syncs stop: a due run of any function ends without calling ShipBob.
        assertTrue(runner.runSchedule(s.connectionId(), WmsFunction.GET_ORDERS, "scheduled").removes());
        VendorStandIns.shipbob().verify(0, getRequestedFor(urlPathEqualTo("/2026-01/order")));

        // The same cause again: one error, last_seen bumped, connection-error.updated.
        clock.advance(Duration.ofMinutes(5));
        s.call().put("/wms/orders/" + ORDER_ID + "/cancel").then().statusCode(401);
        var again = connection(s.org().testKey(), s.connectionId()).body("data[0].errors", hasSize(1)).extract();
        assertNotEquals((String) again.path("data[0].errors[0].first_seen"),
                (String) again.path("data[0].errors[0].last_seen"));
        List<ObjectNode> updated = testing.webhooks(s.org().id(), ConnectionErrors.UPDATED);
        assertEquals(1, updated.size());
        assertWebhook("GeneralConnectionErrorsUpdatedWebhookSchema", updated.get(0));
        assertEquals(1, testing.webhooks(s.org().id(), ConnectionErrors.CREATED).size());

        // A reinstall with credentials ShipBob accepts clears it and unblocks the schedules.
        HealthTesting.reinstall(s.org().testKey(), s.connectionId(), "shipbob",
                Map.of("personal_access_token", "pat_health_2")).statusCode(200).body(containsString("auth_code"));
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", empty());
        assertEquals("-", blocked(s, WmsFunction.GET_PRODUCTS));
        assertEquals(1, testing.webhooks(s.org().id(), ConnectionErrors.DELETED).size());
    }

    @Test
    void a_write_answered_403_is_an_error_of_that_write_alone_and_a_success_resolves_it() throws Exception {
        ShipBob s = connect();
        shipbobAnswers(403, "/2026-01/order/" + ORDER_ID + ":cancel");

        s.call().put("/wms/orders/" + ORDER_ID + "/cancel").then().statusCode(403)
                .body("origin", equalTo("integration"));
        connection(s.org().testKey(), s.connectionId())
                .body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].error_message", containsString("orders_write"))
                .body("data[0].errors[0].affected_endpoints.endpoint", equalTo(List.of(
                        "PUT /wms/orders/{order_id}/cancel")))
                .body("data[0].errors[0].affected_endpoints.preventing_sync", equalTo(List.of(false)))
                .body("data[0].sync_schedules.sync_status", everyItem(not(equalTo("error"))));
        assertEquals("-", blocked(s, WmsFunction.GET_ORDERS));
        assertEquals(1, testing.webhooks(s.org().id(), ConnectionErrors.CREATED).size());

        // The scope is granted in ShipBob: the next cancel goes through and the error is gone.
        clock.advance(Duration.ofMinutes(1));
        JsonNode order = JSON.readTree(VendorStandIns.resource("vendors/shipbob/orders.json")).get(0);
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo("/2026-01/order/" + ORDER_ID + ":cancel")).atPriority(0)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"order\":" + order + "}")));
        VendorStandIns.shipbob().stubFor(get(urlPathEqualTo("/2026-01/order/" + ORDER_ID)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(order.toString())));
        s.call().put("/wms/orders/" + ORDER_ID + "/cancel").then().statusCode(200).body("id", equalTo(ORDER_ID));
        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", empty());
        List<ObjectNode> deleted = testing.webhooks(s.org().id(), ConnectionErrors.DELETED);
        assertEquals(1, deleted.size());
        assertWebhook("GeneralConnectionErrorsDeletedWebhookSchema", deleted.get(0));
    }

    private static Map<String, Object> passthrough(String path) {
        return Map.of("method", "GET", "path", path, "headers", Map.of(), "params", Map.of());
    }

    @Test
    void a_passthrough_answered_401_blocks_the_connection_once_shipbob_refuses_the_credentials_check() {
        ShipBob s = connect();
        VendorStandIns.shipbob().stubFor(get(urlPathEqualTo("/2026-01/order")).atPriority(1).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Authorization has been denied for this request.\"}")));
        VendorStandIns.shipbob().stubFor(get(urlPathEqualTo("/2026-01/channel")).atPriority(1).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Authorization has been denied for this request.\"}")));

        // The caller has ShipBob's answer as it came.
        s.call().body(passthrough("/2026-01/order")).post("/wms/passthrough").then().statusCode(200)
                .body("status_code", equalTo(401));

        connection(s.org().testKey(), s.connectionId())
                .body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].error_message", containsString("ShipBob rejected the credentials"))
                .body("data[0].errors[0].affected_endpoints.endpoint", hasItem("GET /wms/orders"))
                .body("data[0].errors[0].affected_endpoints.preventing_sync", everyItem(equalTo(true)))
                .body("data[0].sync_schedules.sync_status", everyItem(equalTo("error")));
        List<ObjectNode> created = testing.webhooks(s.org().id(), ConnectionErrors.CREATED);
        assertEquals(1, created.size());
        assertWebhook("GeneralConnectionErrorsCreatedWebhookSchema", created.get(0));
        assertEquals(VendorStandIns.shipbob().baseUrl() + "/2026-01/channel",
                created.get(0).at("/data/failed_url").asText(), "the credential check's URL, which ShipBob refused");
        assertTrue(runner.runSchedule(s.connectionId(), WmsFunction.GET_PRODUCTS, "scheduled").removes());
        VendorStandIns.shipbob().verify(0, getRequestedFor(urlPathEqualTo("/2026-01/product")));
    }

    @Test
    void a_passthrough_401_or_403_that_the_credentials_check_does_not_confirm_records_nothing() {
        ShipBob s = connect();
        VendorStandIns.shipbob().stubFor(get(urlPathEqualTo("/2026-01/fulfillment-center")).atPriority(1)
                .willReturn(aResponse().withStatus(401)));
        VendorStandIns.shipbob().stubFor(get(urlPathEqualTo("/2026-01/webhook")).atPriority(1)
                .willReturn(aResponse().withStatus(403)));

        s.call().body(passthrough("/2026-01/fulfillment-center")).post("/wms/passthrough").then().statusCode(200)
                .body("status_code", equalTo(401));
        s.call().body(passthrough("/2026-01/webhook")).post("/wms/passthrough").then().statusCode(200)
                .body("status_code", equalTo(403));

        connection(s.org().testKey(), s.connectionId()).body("data[0].errors", empty())
                .body("data[0].sync_schedules.sync_status", everyItem(not(equalTo("error"))));
        assertEquals("-", blocked(s, WmsFunction.GET_ORDERS));
        assertEquals(0, testing.webhooks(s.org().id(), ConnectionErrors.CREATED).size());
        // The 401 was checked against the install's credential check, which ShipBob passed.
        VendorStandIns.shipbob().verify(1, getRequestedFor(urlPathEqualTo("/2026-01/channel")));
        VendorStandIns.shipbob().verify(3, getRequestedFor(anyUrl()));
    }
}
