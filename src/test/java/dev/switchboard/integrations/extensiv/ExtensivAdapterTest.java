package dev.switchboard.integrations.extensiv;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.VendorStandIns.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

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

/** The Extensiv 3PL Central adapter against a WireMock stand-in of its HAL API and token server. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExtensivAdapterTest {

    @Inject
    WmsAdapters adapters;

    private final WireMockServer extensiv = VendorStandIns.extensiv();
    private final String clientId = "client-" + Base62.random(10);

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private ExtensivAdapter adapter() {
        return (ExtensivAdapter) adapters.find("extensiv-3pl-central").orElseThrow();
    }

    private AdapterContext context(Map<String, String> extra) {
        Map<String, String> credentials = new java.util.HashMap<>(Map.of("client_id", clientId, "client_secret",
                "s3cret", "user_login", "api.acme", "customer_id", "5"));
        credentials.putAll(extra);
        return new AdapterContext(null, new Tenant("org_test", Environment.TEST), "extensiv-3pl-central",
                credentials, c -> {
                });
    }

    private AdapterContext context() {
        return context(Map.of("access_token", "ex-token", "access_token_expires_at", "2099-01-01T00:00:00Z"));
    }

    private static ResponseDefinitionBuilder hal(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json").withBody(body);
    }

    private List<ObjectNode> fetchAll(AdapterContext context, WmsFunction function, SyncWindow window) {
        List<ObjectNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page page = adapter().fetchPage(context, function, window, cursor);
            page.records().forEach(record -> ReadsContract.assertValid(function, record));
            all.addAll(page.records());
            cursor = page.nextCursor();
            assertTrue(++pages < 20, "paging ends");
        } while (cursor != null);
        return all;
    }

    @Test
    void orders_page_by_pgnum_filtered_by_customer_and_modified_date() {
        extensiv.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("pgnum", equalTo("1"))
                .withHeader("Accept", equalTo("application/hal+json"))
                .willReturn(hal(resource("vendors/extensiv/orders.json").replace("\"totalResults\": 37",
                        "\"totalResults\": 150"))));
        extensiv.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("pgnum", equalTo("2"))
                .willReturn(hal("{\"totalResults\": 150, \"_embedded\": {\"http://api.3plCentral.com/rels/orders/"
                        + "order\": []}}")));

        List<ObjectNode> orders = fetchAll(context(), WmsFunction.GET_ORDERS,
                new SyncWindow(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")));

        assertEquals(1, orders.size());
        ObjectNode order = orders.get(0);
        assertEquals("184522", order.get("id").asText());
        assertEquals("fulfilled", order.get("status").asText());
        assertEquals("Closed", order.get("raw_status").asText());
        assertEquals("SHOP-1001-88231", order.get("reference_id").asText());
        assertEquals("5", order.get("warehouse_customer_id").asText());
        assertEquals("TEE-BLU-M", order.at("/line_items/0/sku").asText());
        assertEquals("9400111899223847162539", order.at("/shipments/0/packages/0/tracking_number").asText());
        assertEquals("2026-12-01T10:20:55Z", order.get("updated_date").asText());
        extensiv.verify(getRequestedFor(urlPathEqualTo("/orders")).withQueryParam("rql",
                equalTo("readOnly.customerIdentifier.id==5;readOnly.lastModifiedDate=ge=2026-11-30T00:00:00"))
                .withHeader("Authorization", equalTo("Bearer ex-token")));
    }

    @Test
    void an_unknown_order_status_is_other_and_absent_fields_are_null() {
        extensiv.stubFor(get(urlPathEqualTo("/orders")).willReturn(hal("{\"totalResults\": 1, \"_embedded\": {"
                + "\"http://api.3plCentral.com/rels/orders/order\": [{\"readOnly\": {\"orderId\": 9, \"status\": 7,"
                + " \"creationDate\": \"2026-11-30T14:02:11\", \"someday\": true}}]}}")));
        ObjectNode order = fetchAll(context(), WmsFunction.GET_ORDERS, new SyncWindow(null, Instant.now())).get(0);
        assertEquals("other", order.get("status").asText());
        assertEquals("7", order.get("raw_status").asText());
        assertTrue(order.get("ship_to_address").get("city").isNull());
    }

    @Test
    void stock_summaries_sum_an_item_across_facilities_even_across_a_page_boundary() {
        extensiv.stubFor(get(urlPathEqualTo("/inventory/stocksummaries")).withQueryParam("pgnum", equalTo("1"))
                .atPriority(5).willReturn(hal("{\"totalResults\": 600, \"summaries\": ["
                        + row(3301, "TEE-BLU-M", 7, 140, 134) + "," + row(3302, "TEE-BLU-L", 7, 10, 8) + "]}")));
        extensiv.stubFor(get(urlPathEqualTo("/inventory/stocksummaries")).withQueryParam("rql",
                equalTo("itemIdentifier.id==3302")).atPriority(1).willReturn(hal(
                        "{\"totalResults\": 2, "
                                + "\"summaries\": [" + row(3302, "TEE-BLU-L", 7, 10, 8) + ","
                                + row(3302, "TEE-BLU-L", 9, 5, 5)
                                + "]}")));
        extensiv.stubFor(get(urlPathEqualTo("/inventory/stocksummaries")).withQueryParam("pgnum", equalTo("2"))
                .atPriority(5).willReturn(hal("{\"totalResults\": 600, \"summaries\": ["
                        + row(3302, "TEE-BLU-L", 9, 5, 5) + "," + row(3303, "TEE-BLU-S", 7, 1, 1) + "]}")));

        List<ObjectNode> inventory = fetchAll(context(), WmsFunction.GET_INVENTORY, null);

        assertEquals(List.of("3301", "3302", "3303"), inventory.stream().map(i -> i.get("id").asText()).toList());
        assertEquals(15, inventory.get(1).get("onhand").asInt());
        assertEquals(5, inventory.get(1).at("/inventory_by_warehouse_id/9/onhand").asInt());
        assertEquals(6, inventory.get(0).get("committed").asInt());
    }

    private static String row(int id, String sku, int facility, int onHand, int available) {
        return "{\"itemIdentifier\": {\"sku\": \"" + sku + "\", \"id\": " + id + "}, \"qualifier\": \"\", "
                + "\"totalReceived\": " + onHand + ".0, \"allocated\": 0.0, \"available\": " + available + ".0, "
                + "\"onHold\": 0.0, \"onHand\": " + onHand + ".0, \"facilityId\": " + facility + "}";
    }

    @Test
    void every_other_function_maps_to_records_that_hold_to_the_read_schemas() {
        extensiv.stubFor(get(urlPathEqualTo("/customers/5/items")).willReturn(hal(resource(
                "vendors/extensiv/items.json"))));
        extensiv.stubFor(get(urlPathEqualTo("/inventory/receivers")).withQueryParam("receivertype",
                equalTo("Normal")).willReturn(hal(resource("vendors/extensiv/receivers.json"))));
        extensiv.stubFor(get(urlPathEqualTo("/inventory/receivers")).withQueryParam("receivertype",
                equalTo("Return")).willReturn(
                        hal(resource("vendors/extensiv/receivers.json")
                                .replace("\"receiverType\": 0", "\"receiverType\": 1"))));
        extensiv.stubFor(get(urlPathEqualTo("/customers")).atPriority(1).willReturn(hal(resource(
                "vendors/extensiv/customers.json"))));
        extensiv.stubFor(get(urlPathEqualTo("/properties/carriers")).withHeader("Accept",
                equalTo("application/json")).willReturn(
                        aResponse().withStatus(200).withHeader("Content-Type",
                                "application/json").withBody(resource("vendors/extensiv/carriers.json"))));
        SyncWindow all = new SyncWindow(null, Instant.now());

        ObjectNode product = fetchAll(context(), WmsFunction.GET_PRODUCTS, all).get(0);
        assertEquals("3301", product.get("id").asText());
        assertEquals("840000123457", product.get("gtin").asText());
        ObjectNode receiver = fetchAll(context(), WmsFunction.GET_INBOUND_SHIPMENTS, all).get(0);
        assertEquals("received", receiver.get("status").asText());
        assertEquals(120, receiver.at("/line_items/0/expected_quantity").asInt());
        assertEquals("2026-11-20T08:02:00Z", receiver.at("/receipts/0/arrived_date").asText());
        ObjectNode ret = fetchAll(context(), WmsFunction.GET_RETURNS, all).get(0);
        assertEquals("received", ret.get("status").asText());
        assertEquals(2, fetchAll(context(), WmsFunction.GET_WAREHOUSES, all).size());
        assertEquals("Acme Goods", fetchAll(context(), WmsFunction.GET_WAREHOUSE_CUSTOMERS, all).get(0).get("name")
                .asText());
        List<ObjectNode> methods = fetchAll(context(), WmsFunction.GET_SHIPPING_METHODS, all);
        assertEquals(3, methods.size());
        assertEquals("UPS:03", methods.get(0).get("id").asText());
        assertEquals("UPGN", methods.get(0).get("scac").asText());
    }

    @Test
    void a_token_is_requested_with_the_client_and_user_and_again_after_a_401() {
        extensiv.stubFor(post(urlPathEqualTo("/AuthServer/api/Token")).atPriority(1)
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":s3cret").getBytes())))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials")))
                .withRequestBody(matchingJsonPath("$.user_login", equalTo("api.acme")))
                .willReturn(hal("{\"access_token\": \"ex-fresh\", \"token_type\": \"Bearer\", \"expires_in\": 3600,"
                        + " \"refresh_token\": null, \"scope\": null}")));
        extensiv.stubFor(get(urlPathEqualTo("/properties/carriers")).withHeader("Authorization",
                equalTo("Bearer ex-token")).willReturn(aResponse().withStatus(401)));
        extensiv.stubFor(get(urlPathEqualTo("/properties/carriers")).withHeader("Authorization",
                equalTo("Bearer ex-fresh")).willReturn(
                        aResponse().withStatus(200)
                                .withBody(resource("vendors/extensiv/carriers.json"))));

        assertEquals(3, adapter().fetchPage(context(), WmsFunction.GET_SHIPPING_METHODS, null, null).records()
                .size());
        extensiv.verify(1, postRequestedFor(urlPathEqualTo("/AuthServer/api/Token")));

        // Without a stored token, the first call asks for one.
        assertEquals(3, adapter().fetchPage(context(Map.of()), WmsFunction.GET_SHIPPING_METHODS, null, null)
                .records().size());
        extensiv.verify(2, postRequestedFor(urlPathEqualTo("/AuthServer/api/Token")));
    }

    @Test
    void a_wrong_secret_is_rejected_with_extensivs_reason() {
        extensiv.stubFor(post(urlPathEqualTo("/AuthServer/api/Token")).atPriority(1).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"ErrorCode\": \"Unauthorized\", \"Hint\": \"Invalid client credentials\"}")));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().verifyCredentials(context(Map.of())));
        assertEquals(AdapterException.Kind.CREDENTIALS_REJECTED, e.kind());
        assertTrue(e.getMessage().contains("Invalid client credentials"), e.getMessage());
    }

    @Test
    void a_customer_the_login_cannot_see_is_rejected() {
        extensiv.stubFor(get(urlPathEqualTo("/customers")).atPriority(1).withQueryParam("rql",
                containing("==5")).willReturn(hal("{\"totalResults\": 0, \"_embedded\": {}}")));
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().verifyCredentials(context()));
        assertEquals(AdapterException.Kind.CREDENTIALS_REJECTED, e.kind());
    }

    @Test
    void a_429_a_500_and_malformed_json() {
        extensiv.stubFor(get(urlPathEqualTo("/properties/carriers")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "12")));
        AdapterException limited = assertThrows(AdapterException.class, () -> adapter().fetchPage(context(),
                WmsFunction.GET_SHIPPING_METHODS, null, null));
        assertEquals(Duration.ofSeconds(12), limited.retryAfter());
        extensiv.stubFor(get(urlPathEqualTo("/properties/carriers")).willReturn(aResponse().withStatus(500)));
        assertEquals(AdapterException.Kind.TRANSIENT, assertThrows(AdapterException.class,
                () -> adapter().fetchPage(context(), WmsFunction.GET_SHIPPING_METHODS, null, null)).kind());
        extensiv.stubFor(get(urlPathEqualTo("/properties/carriers")).willReturn(aResponse().withStatus(200)
                .withBody("<html>maintenance</html>")));
        assertEquals(AdapterException.Kind.TRANSIENT, assertThrows(AdapterException.class,
                () -> adapter().fetchPage(context(), WmsFunction.GET_SHIPPING_METHODS, null, null)).kind());
    }
}
