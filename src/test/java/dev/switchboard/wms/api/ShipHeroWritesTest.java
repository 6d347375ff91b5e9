package dev.switchboard.wms.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.Fixtures.as;

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

/**
 * ShipHero's cancel_order through the unified API against the ShipHero stand-in, answering as ShipHero's GraphQL
 * reference shows (vendors/shiphero.md: {@code order_cancel}, then the order read back), a not-found answer (code 5)
 * as the contract's 404, and a write ShipHero's adapter does not do yet as 501.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShipHeroWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    /** The first order of the reference's orders page, as {@code order(id)} answers it, cancelled. */
    private static String cancelledOrder() throws IOException {
        try (InputStream in = ShipHeroWritesTest.class.getClassLoader()
                .getResourceAsStream("vendors/shiphero/orders.json")) {
            ObjectNode node = (ObjectNode) JSON.readTree(in).at("/data/orders/data/edges/0/node");
            node.put("fulfillment_status", "canceled");
            ObjectNode body = JSON.createObjectNode();
            ObjectNode order = body.putObject("data").putObject("order");
            order.put("request_id", "6567a2f1e5b2c3a4d5e6f829");
            order.put("complexity", 1);
            order.set("data", node);
            return body.toString();
        }
    }

    @Test
    void an_order_is_cancelled_and_read_back() throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST),
                org.testKey(), "shiphero", List.of(), null);
        String id = "T3JkZXI6MzA1NDQ2Nzg3";
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("order_cancel"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"data\": {\"order_cancel\": {\"request_id\": \"6567a2f1e5b2c3a4d5e6f828\", \"complexity\": "
                                + "10, \"order\": {\"id\": \"" + id + "\", \"fulfillment_status\": \"canceled\"}}}}")));
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("order(id"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(cancelledOrder())));
        as(org.testKey()).filter(WmsContract.WRITE_FILTER).header("x-trackstar-access-token", reader.token())
                .put("/wms/orders/" + id + "/cancel").then().statusCode(200).body("id", Matchers.equalTo(id))
                .body("data.status", Matchers.equalTo("cancelled"));
        VendorStandIns.shiphero().verify(postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("order_cancel")).withRequestBody(containing(id)));
    }

    @Test
    void an_unknown_order_is_404_and_an_unbuilt_write_is_501() {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST),
                org.testKey(), "shiphero", List.of(), null);
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("order_cancel"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"errors\": [{\"message\": \"Not found\", \"operation\": \"order_cancel\", \"field\": "
                                + "\"order_cancel\", \"request_id\": \"x\", \"code\": 5}], \"data\": {\"order_cancel\": "
                                + "null}}")));
        as(org.testKey()).header("x-trackstar-access-token", reader.token()).put("/wms/orders/T3JkZXI6MQ==/cancel")
                .then().statusCode(404).body("id", Matchers.equalTo("T3JkZXI6MQ=="));
        as(org.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                .body(Map.of("sku", "X", "name", "Y")).post("/wms/products").then().statusCode(501)
                .body("error", Matchers.equalTo("Endpoint create_product is not implemented for ShipHero"));
    }
}
