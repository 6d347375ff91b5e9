package dev.switchboard.integrations.shiphero;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.VendorStandIns.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.Base62;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.ReadsContract;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The ShipHero adapter against a WireMock stand-in of its GraphQL API and token endpoints. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShipHeroAdapterTest {

    @Inject
    WmsAdapters adapters;
    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    private final WireMockServer shiphero = VendorStandIns.shiphero();
    private final String user = "ops-" + Base62.random(8) + "@acme.example";
    private final String token = "sh-at-" + Base62.random(16);

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private ShipHeroAdapter adapter() {
        return (ShipHeroAdapter) adapters.find("shiphero").orElseThrow();
    }

    private AdapterContext context(String expiresAt) {
        return new AdapterContext(null, new Tenant("org_test", Environment.TEST), "shiphero",
                Map.of("username", user, "access_token", token, "refresh_token", "sh-refresh-1",
                        "access_token_expires_at", expiresAt),
                credentials -> {
                });
    }

    private AdapterContext context() {
        return context("2099-01-01T00:00:00Z");
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void stubQuery(String field, String body) {
        shiphero.stubFor(post(urlPathEqualTo("/graphql")).atPriority(5)
                .withRequestBody(matchingJsonPath("$.query", containing(field))).willReturn(json(body)));
    }

    private List<ObjectNode> fetchAll(WmsFunction function, SyncWindow window) {
        List<ObjectNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page page = adapter().fetchPage(context(), function, window, cursor);
            page.records().forEach(record -> ReadsContract.assertValid(function, record));
            all.addAll(page.records());
            cursor = page.nextCursor();
            assertTrue(++pages < 20, "paging ends");
        } while (cursor != null);
        return all;
    }

    @Test
    void orders_page_with_end_cursors_to_an_empty_page() {
        String page1 = resource("vendors/shiphero/orders.json").replace("\"fulfillment_status\": \"fulfilled\",\n",
                "\"fulfillment_status\": \"fulfilled\", \"a_new_field\": 1,\n");
        stubQuery("orders(", page1);
        shiphero.stubFor(post(urlPathEqualTo("/graphql")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.variables.after", equalTo("YXJyYXljb25uZWN0aW9uOjI0")))
                .willReturn(json("{\"data\":{\"orders\":{\"request_id\":\"r2\",\"complexity\":1,\"data\":{"
                        + "\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},\"edges\":[]}}}}")));

        List<ObjectNode> orders = fetchAll(WmsFunction.GET_ORDERS, new SyncWindow(
                Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")));

        assertEquals(1, orders.size());
        ObjectNode order = orders.get(0);
        assertEquals("T3JkZXI6MzA1NDQ2Nzg3", order.get("id").asText());
        assertEquals("fulfilled", order.get("status").asText());
        assertEquals("#1001", order.get("order_number").asText());
        assertEquals("Jane Rivera", order.at("/ship_to_address/full_name").asText());
        assertEquals("9400111899223847162539", order.at("/shipments/0/packages/0/tracking_number").asText());
        assertEquals(53.95, order.get("total_price").asDouble());
        assertTrue(order.get("external_system_url").asText().endsWith("/305446787"));
        assertFalse(order.toString().contains("a_new_field"));
        shiphero.verify(postRequestedFor(urlPathEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(matchingJsonPath("$.variables.from", equalTo("2026-11-30T00:00:00"))));
    }

    @Test
    void every_other_function_maps_to_records_that_hold_to_the_read_schemas() {
        stubQuery("{ products", resource("vendors/shiphero/products.json"));
        stubQuery("purchase_orders(", resource("vendors/shiphero/purchase-orders.json"));
        stubQuery("returns(", resource("vendors/shiphero/returns.json").replace("\"complete\"", "\"exotic\""));
        stubQuery("bills(", resource("vendors/shiphero/bills.json"));
        stubQuery("warehouses {", resource("vendors/shiphero/account.json"));
        stubQuery("customers(", "{\"data\":{\"account\":{\"request_id\":\"x\",\"complexity\":2,\"data\":{"
                + "\"customers\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"YQ==\"},\"edges\":[{\"node\":"
                + "{\"id\":\"QWNjb3VudDo3Nw==\",\"legacy_id\":77,\"email\":\"brand@example.com\",\"username\":"
                + "\"Brand Co\"}}]}}}}}");
        SyncWindow all = new SyncWindow(null, Instant.parse("2026-12-02T00:00:00Z"));

        ObjectNode product = fetchAll(WmsFunction.GET_PRODUCTS, all).get(0);
        assertEquals("TEE-BLU-M", product.get("sku").asText());
        assertEquals(product.get("id"), product.at("/inventory_items/0/inventory_item_id"));
        ObjectNode inventory = fetchAll(WmsFunction.GET_INVENTORY, all).get(0);
        assertEquals(140, inventory.get("onhand").asInt());
        assertEquals(134, inventory.at("/inventory_by_warehouse_id/V2FyZWhvdXNlOjExNzk=/fulfillable").asInt());
        ObjectNode po = fetchAll(WmsFunction.GET_INBOUND_SHIPMENTS, all).get(0);
        assertEquals("open", po.get("status").asText());
        assertEquals("Cotton Mills Co", po.at("/supplier_object/supplier_name").asText());
        ObjectNode ret = fetchAll(WmsFunction.GET_RETURNS, all).get(0);
        assertEquals("other", ret.get("status").asText());
        assertEquals("exotic", ret.get("raw_status").asText());
        assertEquals(2, fetchAll(WmsFunction.GET_WAREHOUSES, all).size());
        assertEquals("1532.18", fetchAll(WmsFunction.GET_BILLS, all).get(0).get("amount").asText());
        assertEquals("brand@example.com", fetchAll(WmsFunction.GET_WAREHOUSE_CUSTOMERS, all).get(0).get("email")
                .asText());
        assertFalse(adapter().functions().contains(WmsFunction.GET_SHIPPING_METHODS));
    }

    @Test
    void a_missing_order_is_empty() {
        stubQuery("order(id:", "{\"errors\":[{\"message\":\"Order not found\",\"operation\":\"order\","
                + "\"field\":\"order\",\"request_id\":\"5da7dc13f3079f0def208711\",\"code\":5}],"
                + "\"data\":{\"order\":null}}");
        assertTrue(adapter().fetchOne(context(), WmsFunction.GET_ORDERS, "T3JkZXI6MQ==").isEmpty());
    }

    @Test
    void spent_credits_are_rate_limited_for_the_time_remaining() {
        stubQuery("orders(", "{\"errors\":[{\"code\":30,\"message\":\"There are not enough credits to perform the "
                + "requested operation, which requires 1301 credits, but there are only 263 left. In 18 seconds you "
                + "will have enough credits to perform the operation\",\"operation\":\"orders\",\"request_id\":"
                + "\"6567a2f1e5b2c3a4d5e6f701\",\"required_credits\":1301,\"remaining_credits\":263,"
                + "\"time_remaining\":\"18 seconds\"}],\"data\":{\"orders\":null}}");
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_ORDERS, new SyncWindow(null, Instant.now()), null));
        assertEquals(AdapterException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(18), e.retryAfter());
    }

    @Test
    void an_http_429_and_a_500_and_malformed_json() {
        shiphero.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30")));
        AdapterException limited = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_WAREHOUSES, null, null));
        assertEquals(AdapterException.Kind.RATE_LIMITED, limited.kind());
        assertEquals(Duration.ofSeconds(30), limited.retryAfter());

        shiphero.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(502)));
        assertEquals(AdapterException.Kind.TRANSIENT, assertThrows(AdapterException.class,
                () -> adapter().fetchPage(context(), WmsFunction.GET_WAREHOUSES, null, null)).kind());

        shiphero.stubFor(post(urlPathEqualTo("/graphql")).willReturn(json("{\"data\": {\"account\": ")));
        assertEquals(AdapterException.Kind.TRANSIENT, assertThrows(AdapterException.class,
                () -> adapter().fetchPage(context(), WmsFunction.GET_WAREHOUSES, null, null)).kind());
    }

    @Test
    void an_expired_token_is_refreshed_before_the_call() {
        shiphero.stubFor(post(urlPathEqualTo("/auth/refresh")).withRequestBody(matchingJsonPath("$.refresh_token",
                equalTo("sh-refresh-1"))).willReturn(json(
                        "{\"access_token\":\"sh-at-new\",\"expires_in\":2419200,"
                                + "\"scope\":\"email profile offline_access\",\"token_type\":\"Bearer\"}")));
        stubQuery("warehouses {", resource("vendors/shiphero/account.json"));
        Page page = adapter().fetchPage(context("2020-01-01T00:00:00Z"), WmsFunction.GET_WAREHOUSES, null, null);
        assertEquals(2, page.records().size());
        shiphero.verify(1, postRequestedFor(urlPathEqualTo("/auth/refresh")));
        shiphero.verify(postRequestedFor(urlPathEqualTo("/graphql")).withHeader("Authorization",
                equalTo("Bearer sh-at-new")));
    }

    @Test
    void a_401_refreshes_once_and_a_revoked_refresh_token_is_rejected_with_shipheros_reason() {
        shiphero.stubFor(post(urlPathEqualTo("/graphql")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Token expired\"}")));
        shiphero.stubFor(post(urlPathEqualTo("/auth/refresh")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown or invalid refresh token.\"}")));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_WAREHOUSES, null, null));
        assertEquals(AdapterException.Kind.CREDENTIALS_REJECTED, e.kind());
        assertTrue(e.getMessage().contains("Unknown or invalid refresh token."), e.getMessage());
        shiphero.verify(1, postRequestedFor(urlPathEqualTo("/auth/refresh")));
    }

    @Test
    void install_trades_the_password_for_tokens_and_keeps_no_password() {
        shiphero.stubFor(post(urlPathEqualTo("/auth/token")).withRequestBody(matchingJsonPath("$.password",
                equalTo("right"))).willReturn(json(
                        "{\"access_token\":\"sh-at-install\",\"expires_in\":2419200,"
                                + "\"refresh_token\":\"sh-rt-install\",\"token_type\":\"Bearer\"}")));
        shiphero.stubFor(post(urlPathEqualTo("/auth/token")).withRequestBody(matchingJsonPath("$.password",
                equalTo("wrong"))).willReturn(aResponse().withStatus(403)
                        .withHeader("Content-Type",
                                "application/json")
                        .withBody("{\"error\":\"access_denied\",\"error_description\":"
                                + "\"Wrong email or password.\"}")));
        AdapterContext install = new AdapterContext(null, null, "shiphero", Map.of("username", user, "password",
                "right"), null);
        Map<String, String> stored = adapter().connect(install);
        assertEquals("sh-at-install", stored.get("access_token"));
        assertEquals("sh-rt-install", stored.get("refresh_token"));
        assertNull(stored.get("password"));
        assertTrue(
                Instant.parse(stored.get("access_token_expires_at")).isAfter(Instant.now().plus(Duration.ofDays(27))));

        AdapterContext wrong = new AdapterContext(null, null, "shiphero", Map.of("username", user, "password",
                "wrong"), null);
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().verifyCredentials(wrong));
        assertEquals(AdapterException.Kind.CREDENTIALS_REJECTED, e.kind());
        assertTrue(e.getMessage().contains("Wrong email or password."), e.getMessage());
    }

    @Test
    void two_instances_racing_to_refresh_an_expired_token_refresh_once_and_keep_the_refresh_token()
            throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        String connectionId = connections.install(tenant, catalog.find(IntegrationType.WMS, "shiphero").orElseThrow(),
                null, Map.of("username", user, "password", "pw"), List.of(), null, null).connection().id;
        connections.updateCredentials(tenant, connectionId, Map.of("username", user, "access_token", "sh-at-old",
                "refresh_token", "sh-rt-keep", "access_token_expires_at", "2020-01-01T00:00:00Z"));
        shiphero.stubFor(post(urlPathEqualTo("/auth/refresh")).willReturn(json("{\"access_token\":\"sh-at-raced\","
                + "\"expires_in\":2419200,\"token_type\":\"Bearer\"}").withFixedDelay(500)));
        stubQuery("warehouses {", resource("vendors/shiphero/account.json"));

        // Two instances: each has read the same stale credentials before either refreshes.
        AdapterContext first = connections.adapterContext(tenant, connectionId);
        AdapterContext second = connections.adapterContext(tenant, connectionId);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Page>> both = List.of(
                    () -> adapter().fetchPage(first, WmsFunction.GET_WAREHOUSES, null, null),
                    () -> adapter().fetchPage(second, WmsFunction.GET_WAREHOUSES, null, null));
            for (Future<Page> page : pool.invokeAll(both, 60, TimeUnit.SECONDS)) {
                assertEquals(2, page.get().records().size());
            }
        } finally {
            pool.shutdownNow();
        }
        shiphero.verify(1, postRequestedFor(urlPathEqualTo("/auth/refresh")));
        shiphero.verify(2, postRequestedFor(urlPathEqualTo("/graphql")).withHeader("Authorization",
                equalTo("Bearer sh-at-raced")));
        // Read in a transaction of its own: this thread's session still holds the connection as it was loaded above.
        Map<String, String> stored = QuarkusTransaction.requiringNew().call(() -> connections.credentials(tenant,
                connectionId));
        assertEquals("sh-at-raced", stored.get("access_token"));
        assertEquals("sh-rt-keep", stored.get("refresh_token"));
    }
}
