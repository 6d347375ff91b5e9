package dev.switchboard.wms.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.testing.WmsContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * ShipBob's writes through the unified API against the ShipBob stand-in, answering as ShipBob's 2026-01 reference
 * shows (vendors/shipbob.md 7.1, 7.3, 7.4): create_order (with the channel header, found from the token's channels
 * when the connection has none), cancel_order, a refusal kept with ShipBob's status, and update_order's 501.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShipBobWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private static final Map<String, Object> ORDER = Map.of("reference_id", "SHOP-1002-88277", "order_number", "#1002",
            "shipping_method_name", "Standard", "ship_to_address", Map.of("full_name", "Sam Lee", "address1",
                    "500 Howard St", "city", "San Francisco", "state", "CA", "postal_code", "94105", "country", "US"),
            "line_items", List.of(Map.of("product_id", "412998", "quantity", 1)), "channel", "web");

    /** ShipBob's order of the reference (7.1), as the stand-in answers it, with the given id and status. */
    private static String order(long id, String status) throws IOException {
        try (InputStream in = ShipBobWritesTest.class.getClassLoader()
                .getResourceAsStream("vendors/shipbob/orders.json")) {
            ObjectNode order = (ObjectNode) ((ArrayNode) JSON.readTree(in)).get(0);
            order.put("id", id);
            order.put("reference_id", "SHOP-1002-88277");
            order.put("order_number", "#1002");
            order.put("status", status);
            return order.toString();
        }
    }

    private RequestSpecification writer(Fixtures.Org org, WmsTesting.Reader reader) {
        return as(org.testKey()).filter(WmsContract.WRITE_FILTER).header("x-trackstar-access-token", reader.token())
                .contentType(ContentType.JSON);
    }

    @Test
    void an_order_is_created_with_the_channel_and_read_back_from_the_store() throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST),
                org.testKey(), "shipbob", List.of(), null);
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo("/2026-01/order")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody(order(329856174L,
                        "Processing"))));
        writer(org, reader).body(ORDER).post("/wms/orders").then().statusCode(200)
                .body("id", Matchers.equalTo("329856174")).body("data.status", Matchers.equalTo("processing"))
                .body("data.raw_status", Matchers.equalTo("Processing"))
                .body("unused_fields", Matchers.equalTo(List.of("channel")));
        VendorStandIns.shipbob().verify(postRequestedFor(urlPathEqualTo("/2026-01/order"))
                .withHeader("Authorization", equalTo("Bearer " + WmsTesting.SHIPBOB.get("personal_access_token")))
                .withHeader("shipbob_channel_id", equalTo("128944"))
                .withRequestBody(equalToJson("{\"reference_id\":\"SHOP-1002-88277\",\"order_number\":\"#1002\","
                        + "\"type\":\"DTC\",\"shipping_method\":\"Standard\",\"recipient\":{\"name\":\"Sam Lee\","
                        + "\"address\":{\"address1\":\"500 Howard St\",\"city\":\"San Francisco\",\"state\":\"CA\","
                        + "\"country\":\"US\",\"zip_code\":\"94105\"}},\"products\":[{\"id\":412998,\"quantity\":1}]}")));
        as(org.testKey()).filter(WmsContract.FILTER).header("x-trackstar-access-token", reader.token())
                .get("/wms/orders/329856174").then().statusCode(200)
                .body("data.order_number", Matchers.equalTo("#1002"));
    }

    @Test
    void shipbobs_refusal_keeps_its_status_and_words() {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST),
                org.testKey(), "shipbob", List.of(), null);
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo("/2026-01/order")).willReturn(aResponse()
                .withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[\"Cannot insert order with existing ReferenceId\"]}")));
        writer(org, reader).body(ORDER).post("/wms/orders").then().statusCode(422)
                .body("origin", Matchers.equalTo("integration"))
                .body("error", containsString("Cannot insert order with existing ReferenceId"));
    }

    @Test
    void an_order_is_cancelled_and_an_unknown_one_is_404() throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST),
                org.testKey(), "shipbob", List.of(), null);
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo("/2026-01/order/329856174:cancel")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"order\":{\"id\":329856174,\"reference_id\":\"SHOP-1002-88277\",\"order_number\":\"#1002\","
                                + "\"status\":\"Cancelled\",\"type\":\"DTC\"},\"canceled_shipment_results\":[{"
                                + "\"shipment_id\":276544388,\"action\":\"Cancel\",\"is_success\":true,"
                                + "\"reason\":null}]}")));
        VendorStandIns.shipbob().stubFor(get(urlPathEqualTo("/2026-01/order/329856174")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(order(329856174L,
                        "Cancelled"))));
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo("/2026-01/order/1:cancel")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json").withBody("{}")));
        writer(org, reader).put("/wms/orders/329856174/cancel").then().statusCode(200)
                .body("data.status", Matchers.equalTo("cancelled")).body("id", Matchers.equalTo("329856174"));
        writer(org, reader).put("/wms/orders/1/cancel").then().statusCode(404).body("id", Matchers.equalTo("1"));
        writer(org, reader).body(Map.of("order_number", "x")).put("/wms/orders/329856174").then().statusCode(501)
                .body("error", Matchers.equalTo("Endpoint update_order is not implemented for ShipBob"));
    }
}
