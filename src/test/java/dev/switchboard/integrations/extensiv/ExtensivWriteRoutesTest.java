package dev.switchboard.integrations.extensiv;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.integrations.extensiv.ExtensivWritesTest.ETAG;
import static dev.switchboard.integrations.extensiv.ExtensivWritesTest.ORDER;
import static dev.switchboard.integrations.extensiv.ExtensivWritesTest.hal;
import static dev.switchboard.integrations.extensiv.ExtensivWritesTest.openOrder;
import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
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
 * Extensiv's writes through the unified API on an Extensiv connection: the record Extensiv answers is in the store at
 * once (GET reads it back, both bodies held to Trackstar's contract), Extensiv's refusal and its 412 keep their status
 * with origin integration, and a write Extensiv does not document is Trackstar's 501.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExtensivWriteRoutesTest {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    record Extensiv(Fixtures.Org org, String token) {

        RequestSpecification write() {
            return as(org.testKey()).filter(WmsContract.WRITE_FILTER).header("x-trackstar-access-token", token)
                    .contentType(ContentType.JSON);
        }

        RequestSpecification read() {
            return as(org.testKey()).filter(WmsContract.FILTER).header("x-trackstar-access-token", token);
        }
    }

    private Extensiv connect() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = connections.install(new Tenant(org.id(), Environment.TEST),
                catalog.find(IntegrationType.WMS, "extensiv-3pl-central").orElseThrow(), "cust-1",
                Map.of("client_id", "client-route-1", "client_secret", "s3cret", "user_login", "api.acme",
                        "customer_id", "5"),
                List.of(), null, null);
        String token = as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("auth_code", installed.authCode())).post("/link/exchange").then().statusCode(200)
                .extract().path("access_token");
        return new Extensiv(org, token);
    }

    @Test
    void an_order_created_in_extensiv_is_in_the_store_at_once() {
        Extensiv e = connect();
        VendorStandIns.extensiv().stubFor(post(urlPathEqualTo("/orders")).willReturn(hal(201,
                openOrder(184523).toString()).withHeader("ETag", ETAG)));

        e.write().body(ORDER).post("/wms/orders").then().statusCode(200).body("id", equalTo("184523"))
                .body("data.status", equalTo("open")).body("data.reference_id", equalTo("SHOP-1002-88277"))
                .body("unused_fields", equalTo(List.of()));
        e.read().get("/wms/orders/184523").then().statusCode(200).body("data.order_number", equalTo("#1002"))
                .body("data.ship_to_address.city", equalTo("San Francisco"));
        VendorStandIns.extensiv().verify(postRequestedFor(urlPathEqualTo("/orders"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer ex-access-default")));

        // Another organization's key with this token: 401, and Extensiv is not called.
        Fixtures.Org other = Fixtures.newOrganization();
        as(other.testKey()).header("x-trackstar-access-token", e.token()).contentType(ContentType.JSON)
                .body(ORDER).post("/wms/orders").then().statusCode(401);
        VendorStandIns.extensiv().verify(1, postRequestedFor(urlPathEqualTo("/orders")));
    }

    @Test
    void a_refusal_and_a_stale_etag_keep_extensivs_status_with_origin_integration() {
        Extensiv e = connect();
        VendorStandIns.extensiv().stubFor(post(urlPathEqualTo("/orders")).willReturn(hal(400, "{\"ErrorCode\":"
                + " \"InvalidParameter\", \"Hint\": \"ReferenceNum SHOP-1002-88277 already exists\"}")));
        e.write().body(ORDER).post("/wms/orders").then().statusCode(400).body("origin", equalTo("integration"))
                .body("error", containsString("already exists"));

        VendorStandIns.extensiv().stubFor(get(urlPathEqualTo("/orders/184523")).willReturn(hal(200,
                openOrder(184523).toString()).withHeader("ETag", ETAG)));
        VendorStandIns.extensiv().stubFor(put(urlPathEqualTo("/orders/184523")).willReturn(hal(412,
                "{\"ErrorCode\": \"PreconditionFailed\", \"Hint\": \"ETag mismatch\"}")));
        e.write().body(Map.of("notes", "ring twice")).put("/wms/orders/184523").then().statusCode(412)
                .body("origin", equalTo("integration")).body("error", containsString("ETag mismatch"));
        e.read().get("/wms/orders/184523").then().statusCode(404);

        VendorStandIns.extensiv().stubFor(get(urlPathEqualTo("/orders/999")).willReturn(aResponse()
                .withStatus(404)));
        e.write().put("/wms/orders/999/cancel").then().statusCode(404).body("id", equalTo("999"));
        e.write().body(Map.of("warehouse_id", "7", "reference_num", "RMA-1", "line_items", List.of(Map.of("sku",
                "TEE-BLU-M", "quantity", 1)))).post("/wms/returns").then().statusCode(501);
    }

    @Test
    void a_cancel_through_the_route_sends_if_match() {
        Extensiv e = connect();
        VendorStandIns.extensiv().stubFor(get(urlPathEqualTo("/orders/184523")).willReturn(hal(200,
                openOrder(184523).toString()).withHeader("ETag", ETAG)));
        VendorStandIns.extensiv().stubFor(post(urlPathEqualTo("/orders/184523/canceler"))
                .withHeader("If-Match", com.github.tomakehurst.wiremock.client.WireMock.equalTo(ETAG))
                .willReturn(aResponse().withStatus(204)));
        e.write().put("/wms/orders/184523/cancel").then().statusCode(200).body("id", equalTo("184523"));
        VendorStandIns.extensiv().verify(1, postRequestedFor(urlPathEqualTo("/orders/184523/canceler")));
    }
}
