package dev.switchboard.integrations.shipbob;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.switchboard.common.Base62;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.ReadsContract;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapters;
import io.quarkus.test.junit.QuarkusTest;

/** The ShipBob adapter against a WireMock stand-in answering as ShipBob's 2026-01 documentation shows. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShipBobAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WmsAdapters adapters;

    private final WireMockServer shipbob = VendorStandIns.shipbob();
    // A token per test: each has a budget of its own.
    private final String token = "pat_" + Base62.random(20);

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private ShipBobAdapter adapter() {
        return (ShipBobAdapter) adapters.find("shipbob").orElseThrow();
    }

    private AdapterContext context() {
        return new AdapterContext(null, new Tenant("org_test", Environment.TEST), "shipbob",
                Map.of("personal_access_token", token), credentials -> {
                });
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-remaining-calls", "148").withBody(body);
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
    void orders_follow_the_page_headers_to_an_empty_page_and_map_to_trackstar_orders() throws Exception {
        ArrayNode page1 = (ArrayNode) JSON.readTree(resource("vendors/shipbob/orders.json"));
        ObjectNode unknown = page1.get(0).deepCopy();
        unknown.put("id", 329856999);
        unknown.put("status", "SomethingNew");
        unknown.put("a_field_shipbob_added_later", "ignored");
        unknown.remove(List.of("shipments", "tags", "financials", "channel", "type", "recipient"));
        page1.add(unknown);
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(page1.toString()).withHeader("Page-Number", "1").withHeader("Total-Pages", "2")
                        .withHeader("Next-Page", "/2026-01/order?Page=2&Limit=250")));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page", equalTo("2"))
                .willReturn(json("[]").withHeader("Page-Number", "2").withHeader("Total-Pages", "2")));

        SyncWindow window = new SyncWindow(Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"));
        List<ObjectNode> orders = fetchAll(WmsFunction.GET_ORDERS, window);

        assertEquals(2, orders.size());
        ObjectNode order = orders.get(0);
        assertEquals("329856173", order.get("id").asText());
        assertEquals("fulfilled", order.get("status").asText());
        assertEquals("Fulfilled", order.get("raw_status").asText());
        assertEquals("d2c", order.get("type").asText());
        assertEquals("2026-11-30T14:02:11Z", order.get("created_date").asText());
        assertEquals("2026-12-01T19:41:03Z", order.get("updated_date").asText());
        assertEquals("60614", order.at("/ship_to_address/postal_code").asText());
        assertEquals("TEE-BLU-M", order.at("/line_items/0/sku").asText());
        assertEquals("shipped", order.at("/shipments/0/status").asText());
        assertEquals("9400111899223847162539", order.at("/shipments/0/packages/0/tracking_number").asText());
        assertEquals("source:shopify", order.at("/tags/0").asText());
        assertTrue(order.get("external_system_url").asText().endsWith("/329856173"));
        assertEquals("other", orders.get(1).get("status").asText());
        assertEquals("SomethingNew", orders.get(1).get("raw_status").asText());
        assertFalse(orders.get(1).toString().contains("a_field_shipbob_added_later"));
        shipbob.verify(getRequestedFor(urlPathEqualTo("/2026-01/order"))
                .withQueryParam("LastUpdateStartDate", equalTo("2026-11-30T00:00:00Z"))
                .withQueryParam("LastUpdateEndDate", equalTo("2026-12-02T00:00:00Z")));
    }

    @Test
    void products_follow_the_next_link_one_record_per_variant() throws Exception {
        ObjectNode page1 = (ObjectNode) JSON.readTree(resource("vendors/shipbob/products.json"));
        page1.put("next", "/2026-01/product?PageSize=1&Cursor=2");
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/product")).withQueryParam("PageSize", equalTo("250"))
                .willReturn(json(page1.toString())));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/product")).withQueryParam("Cursor", equalTo("2"))
                .willReturn(json("{\"items\":[],\"first\":null,\"next\":null,\"prev\":null,\"last\":null}")));

        List<ObjectNode> products = fetchAll(WmsFunction.GET_PRODUCTS, new SyncWindow(null, Instant.now()));

        assertEquals(1, products.size());
        ObjectNode product = products.get(0);
        assertEquals("412998", product.get("id").asText());
        assertEquals("TEE-BLU-M", product.get("sku").asText());
        assertEquals("1550873", product.at("/inventory_items/0/inventory_item_id").asText());
        assertEquals("9001234", product.at("/additional_fields/product_id").asText());
    }

    @Test
    void a_next_link_off_shipbobs_api_is_refused() throws Exception {
        ObjectNode page1 = (ObjectNode) JSON.readTree(resource("vendors/shipbob/products.json"));
        page1.put("next", "https://elsewhere.example/steal");
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/product")).willReturn(json(page1.toString())));
        Page first = adapter().fetchPage(context(), WmsFunction.GET_PRODUCTS, new SyncWindow(null, Instant.now()),
                null);
        AdapterException refused = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_PRODUCTS, new SyncWindow(null, Instant.now()), first.nextCursor()));
        assertEquals(AdapterException.Kind.PERMANENT, refused.kind());
    }

    @Test
    void every_other_function_maps_to_records_that_hold_to_the_read_schemas() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/inventory-level/locations"))
                .willReturn(json(resource("vendors/shipbob/inventory-locations.json").replace(
                        "\"next\": \"/2026-01/inventory-level/locations?PageSize=2&Cursor=eyJQYWdlIjoyfQ==\"",
                        "\"next\": null"))));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/receiving"))
                .willReturn(json(resource("vendors/shipbob/receiving.json")).withHeader("Page-Number", "1")
                        .withHeader("Total-Pages", "1")));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/return")).withQueryParam("Cursor", equalTo("1"))
                .willReturn(json(resource("vendors/shipbob/returns.json"))));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/return")).withQueryParam("Cursor", equalTo("2"))
                .willReturn(json("{\"items\":[],\"first\":null,\"next\":null,\"prev\":null,\"last\":null}")));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/location")).willReturn(json(resource(
                "vendors/shipbob/locations.json"))));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/shipping-method")).willReturn(json(resource(
                "vendors/shipbob/shipping-methods.json"))));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/invoices")).willReturn(json(resource(
                "vendors/shipbob/invoices.json").replace("\"next\": \"m8cUk/xJkbeYp2JhvL8oHqxL3hFiGz3qjqtkQ\"",
                        "\"next\": null"))));
        SyncWindow all = new SyncWindow(null, Instant.parse("2026-12-02T00:00:00Z"));

        List<ObjectNode> inventory = fetchAll(WmsFunction.GET_INVENTORY, all);
        assertEquals(2, inventory.size());
        assertEquals(200, inventory.get(0).get("onhand").asInt());
        assertEquals(134, inventory.get(0).at("/inventory_by_warehouse_id/8/fulfillable").asInt());
        assertEquals(320, inventory.get(1).get("awaiting").asInt() + inventory.get(0).get("awaiting").asInt());

        ObjectNode wro = fetchAll(WmsFunction.GET_INBOUND_SHIPMENTS, all).get(0);
        assertEquals("receiving", wro.get("status").asText());
        assertEquals("PartiallyArrived", wro.get("raw_status").asText());
        assertEquals(120, wro.at("/line_items/0/received_quantity").asInt());

        List<ObjectNode> returns = fetchAll(WmsFunction.GET_RETURNS, all);
        assertEquals(1, returns.size());
        assertEquals("received", returns.get(0).get("status").asText());
        assertEquals(1, returns.get(0).at("/line_items/0/restocked_quantity").asInt());

        ObjectNode warehouse = fetchAll(WmsFunction.GET_WAREHOUSES, all).get(0);
        assertEquals("Cicero (IL)", warehouse.get("name").asText());
        assertEquals("60804", warehouse.at("/address/postal_code").asText());

        assertEquals(3, fetchAll(WmsFunction.GET_SHIPPING_METHODS, all).size());

        List<ObjectNode> bills = fetchAll(WmsFunction.GET_BILLS, all);
        assertEquals(2, bills.size());
        assertEquals("Shipping", bills.get(0).get("charge_type").asText());
    }

    @Test
    void one_order_by_id_and_a_missing_one() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/order/329856173")).willReturn(json(
                resource("vendors/shipbob/orders.json").strip().replaceAll("^\\[|\\]$", ""))));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/order/404404")).willReturn(aResponse().withStatus(404)));
        ObjectNode order = adapter().fetchOne(context(), WmsFunction.GET_ORDERS, "329856173").orElseThrow();
        ReadsContract.assertValid(WmsFunction.GET_ORDERS, order);
        assertTrue(adapter().fetchOne(context(), WmsFunction.GET_ORDERS, "404404").isEmpty());
        assertTrue(adapter().fetchOne(context(), WmsFunction.GET_ORDERS, "../channel").isEmpty());
    }

    @Test
    void a_429_is_rate_limited_for_as_long_as_x_retry_after_says() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/order")).willReturn(aResponse().withStatus(429)
                .withHeader("x-retry-after", "25").withHeader("x-remaining-calls", "0")
                .withBody("{\"statusCode\": 429, \"message\": \"Rate limit is exceeded. Try again in 25 seconds.\"}")));
        AdapterException e = assertThrows(AdapterException.class,
                () -> adapter().fetchPage(context(), WmsFunction.GET_ORDERS, new SyncWindow(null, Instant.now()),
                        null));
        assertEquals(AdapterException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(25), e.retryAfter());
        assertTrue(e.getMessage().contains("Try again in 25 seconds"), e.getMessage());
        shipbob.verify(1, getRequestedFor(urlPathEqualTo("/2026-01/order")));
    }

    @Test
    void a_429_with_retry_after_is_honoured_too() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/location")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7")));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_WAREHOUSES, null, null));
        assertEquals(AdapterException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void a_500_is_retried_and_a_lasting_one_is_transient() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/location")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/location")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(json(resource("vendors/shipbob/locations.json"))));
        assertEquals(1, adapter().fetchPage(context(), WmsFunction.GET_WAREHOUSES, null, null).records().size());
        shipbob.verify(2, getRequestedFor(urlPathEqualTo("/2026-01/location")));

        shipbob.stubFor(get(urlPathEqualTo("/2026-01/shipping-method")).willReturn(aResponse().withStatus(503)
                .withBody("{\"message\":\"Service Unavailable\"}")));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_SHIPPING_METHODS, null, null));
        assertEquals(AdapterException.Kind.TRANSIENT, e.kind());
        assertEquals(503, e.status());
        shipbob.verify(3, getRequestedFor(urlPathEqualTo("/2026-01/shipping-method")));
    }

    @Test
    void a_timeout_is_retried() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/location")).inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json("[]").withFixedDelay(4_000))
                .willSetStateTo("fast"));
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/location")).inScenario("slow")
                .whenScenarioStateIs("fast").willReturn(json(resource("vendors/shipbob/locations.json"))));
        assertEquals(1, adapter().fetchPage(context(), WmsFunction.GET_WAREHOUSES, null, null).records().size());
    }

    @Test
    void malformed_json_is_transient() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/location")).willReturn(json("[{\"id\": 8, \"name\": ")));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_WAREHOUSES, null, null));
        assertEquals(AdapterException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void a_revoked_token_is_rejected_with_shipbobs_reason() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/channel")).withHeader("Authorization",
                equalTo("Bearer " + token)).willReturn(
                        aResponse().withStatus(401)
                                .withBody("{\"message\":\"The access token is revoked.\"}")));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().verifyCredentials(context()));
        assertEquals(AdapterException.Kind.CREDENTIALS_REJECTED, e.kind());
        assertTrue(e.getMessage().contains("The access token is revoked."), e.getMessage());
        assertNull(e.retryAfter());
    }

    @Test
    void a_missing_scope_blocks_only_its_function() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/invoices")).willReturn(aResponse().withStatus(403)));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_BILLS, new SyncWindow(null, Instant.now()), null));
        assertEquals(AdapterException.Kind.PERMISSION_MISSING, e.kind());
        assertEquals(WmsFunction.GET_BILLS, e.function());
    }

    @Test
    void the_check_at_install_is_one_call_to_the_channels() {
        adapter().verifyCredentials(context());
        shipbob.verify(1, getRequestedFor(urlPathEqualTo("/2026-01/channel"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }
}
