package dev.switchboard.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.sync.HealthTesting.assertWebhook;
import static dev.switchboard.sync.HealthTesting.connection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.Base62;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.WmsFunction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Connection health against ShipBob's stand-in, answering 401 and 403 as ShipBob's 2026-01 API documents them (401 and
 * 403 bodies are unspecified, "Any type"; the billing endpoints answer errors as RFC 7807 ProblemDetails): the error's
 * {@code failed_url} is the ShipBob URL that refused, without its query string.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VendorConnectionHealthTest {

    @Inject
    SyncRunner runner;
    @Inject
    SyncTesting testing;
    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    private final WireMockServer shipbob = VendorStandIns.shipbob();

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private record Installed(Fixtures.Org org, String connectionId, String token) {
    }

    /** A ShipBob connection installed as the hosted flow installs one (its token checked with the stand-in). */
    private Installed shipbobConnection() {
        Fixtures.Org org = Fixtures.newOrganization();
        HealthTesting.subscribe(org.testKey());
        String token = "pat_" + Base62.random(20);
        ConnectionService.Installed installed = connections.install(new Tenant(org.id(), Environment.TEST),
                catalog.find(IntegrationType.WMS, "shipbob").orElseThrow(), null,
                Map.of("personal_access_token", token), List.of(), null, null);
        return new Installed(org, installed.connection().id, token);
    }

    private void answer(String path, String token, int status, String contentType, String body) {
        shipbob.stubFor(get(urlPathEqualTo(path)).atPriority(1)
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    }

    @Test
    void a_revoked_token_is_an_error_on_the_connection_until_a_reinstall_with_a_token_shipbob_accepts() {
        Installed c = shipbobConnection();
        // ShipBob's 401: the body is unspecified; this one carries a reason, as its gateway's answers do.
        answer("/2026-01/order", c.token(), 401, "application/json",
                "{\"message\":\"Authorization has been denied for this request.\"}");

        assertTrue(runner.runSchedule(c.connectionId(), WmsFunction.GET_ORDERS, "forced").removes());
        shipbob.verify(getRequestedFor(urlPathEqualTo("/2026-01/order")));

        connection(c.org().testKey(), c.connectionId())
                .body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].error_message",
                        equalTo("ShipBob rejected the credentials: Authorization has been denied for this request."))
                .body("data[0].errors[0].affected_endpoints.endpoint", hasItems("GET /wms/orders",
                        "GET /wms/inventory", "GET /wms/products", "GET /wms/billing"))
                .body("data[0].errors[0].affected_endpoints.preventing_sync", everyItem(equalTo(true)))
                .body("data[0].sync_schedules.sync_status", everyItem(equalTo("error")));
        List<ObjectNode> created = testing.webhooks(c.org().id(), ConnectionErrors.CREATED);
        assertEquals(1, created.size());
        assertWebhook("GeneralConnectionErrorsCreatedWebhookSchema", created.get(0));
        assertEquals(shipbob.baseUrl() + "/2026-01/order", created.get(0).get("data").get("failed_url").asText());
        assertEquals("shipbob", created.get(0).get("integration_name").asText());

        // Reinstalled through the Connect modal: ShipBob checks the new token (the stand-in accepts it).
        String fresh = "pat_" + Base62.random(20);
        HealthTesting.reinstall(c.org().testKey(), c.connectionId(), "shipbob",
                Map.of("personal_access_token", fresh)).statusCode(200).body(containsString("auth_code"));
        connection(c.org().testKey(), c.connectionId()).body("data[0].errors", empty());
        List<ObjectNode> deleted = testing.webhooks(c.org().id(), ConnectionErrors.DELETED);
        assertEquals(1, deleted.size());
        assertWebhook("GeneralConnectionErrorsDeletedWebhookSchema", deleted.get(0));
        assertEquals(0, testing.count("select count(*) from sync_schedule where connection_id = ? and "
                + "blocked_reason is not null", c.connectionId()));
    }

    @Test
    void a_403_on_billing_blocks_billing_only() {
        Installed c = shipbobConnection();
        answer("/2026-01/invoices", c.token(), 403, "application/problem+json",
                "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.3\",\"title\":\"Forbidden\","
                        + "\"status\":403,\"detail\":\"The token lacks the billing_read scope.\"}");
        answer("/2026-01/location", c.token(), 200, "application/json", "[]");

        SyncRunner.Next next = runner.runSchedule(c.connectionId(), WmsFunction.GET_BILLS, "forced");
        assertFalse(next.removes());
        assertFalse(runner.runSchedule(c.connectionId(), WmsFunction.GET_WAREHOUSES, "forced").removes());

        connection(c.org().testKey(), c.connectionId())
                .body("data[0].errors", hasSize(1))
                .body("data[0].errors[0].error_message", equalTo("ShipBob refused access (the credentials lack a "
                        + "permission): The token lacks the billing_read scope."))
                .body("data[0].errors[0].affected_endpoints", equalTo(List.of(Map.of("endpoint",
                        "GET /wms/billing", "preventing_sync", true))))
                .body("data[0].sync_schedules.find { it.function_name == 'get_bills' }.sync_status",
                        equalTo("error"))
                .body("data[0].sync_schedules.find { it.function_name == 'get_warehouses' }.sync_status",
                        equalTo("enabled"));
        ObjectNode created = testing.webhooks(c.org().id(), ConnectionErrors.CREATED).get(0);
        assertWebhook("GeneralConnectionErrorsCreatedWebhookSchema", created);
        assertEquals(shipbob.baseUrl() + "/2026-01/invoices", created.get("data").get("failed_url").asText());
        assertEquals(1, testing.count("select count(*) from sync_schedule where connection_id = ? and "
                + "blocked_reason is not null", c.connectionId()));
    }
}
