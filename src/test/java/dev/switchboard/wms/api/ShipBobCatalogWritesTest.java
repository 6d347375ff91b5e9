package dev.switchboard.wms.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.VendorStandIns.resource;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.testing.WmsContract;
import dev.switchboard.wms.adapter.WmsAdapters;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * ShipBob's writes beyond orders through the unified API, against the ShipBob stand-in answering as ShipBob's 2026-01
 * reference shows (vendors/shipbob.md 7.7-7.11, the spec's examples for {@code POST /product},
 * {@code PATCH /product/{id}}, {@code POST /receiving}, {@code /receiving/{id}:cancel}, {@code POST /return} and
 * {@code /return/{id}:cancel}): each request as documented, the answer mapped and in the store at once, ShipBob's
 * refusals kept with its status, and the catalog saying exactly what the adapter does.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShipBobCatalogWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    WmsAdapters adapters;

    private final WireMockServer shipbob = VendorStandIns.shipbob();
    private Fixtures.Org org;
    private WmsTesting.Reader reader;

    @BeforeEach
    void connect() {
        org = Fixtures.newOrganization();
        reader = WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST), org.testKey(),
                "shipbob", List.of(), null);
    }

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private RequestSpecification writer() {
        return as(org.testKey()).filter(WmsContract.WRITE_FILTER).header("x-trackstar-access-token", reader.token())
                .contentType(ContentType.JSON);
    }

    private RequestSpecification readerSpec() {
        return as(org.testKey()).filter(WmsContract.FILTER).header("x-trackstar-access-token", reader.token());
    }

    private static com.fasterxml.jackson.databind.JsonNode fixture(String name) throws IOException {
        return JSON.readTree(resource("vendors/shipbob/" + name));
    }

    /** The reference's product (7.7) as ShipBob answers one product. */
    private static ObjectNode product() throws IOException {
        return (ObjectNode) fixture("products.json").path("items").get(0);
    }

    private void answer(com.github.tomakehurst.wiremock.client.MappingBuilder request, int status, Object body) {
        shipbob.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", JSON_TYPE)
                .withBody(body.toString())));
    }

    @Test
    void a_product_is_one_variant_in_shipbobs_units_with_the_channel_and_is_in_the_store_at_once()
            throws IOException {
        answer(post(urlPathEqualTo("/2026-01/product")), 201, product());
        writer().body(Map.of("sku", "TEE-BLU-M", "name", "Blue Tee - M", "gtin", "00840000123457", "measurements",
                Map.of("length", 25.4, "width", 20.32, "height", 2.54, "unit", "cm", "weight", 0.5, "weight_unit",
                        "lb"),
                "color", "blue")).post("/wms/products").then().statusCode(200)
                .body("id", equalTo("412998")).body("data.sku", equalTo("TEE-BLU-M"))
                .body("data.is_kit", equalTo(false)).body("unused_fields", contains("color"));
        shipbob.verify(postRequestedFor(urlPathEqualTo("/2026-01/product"))
                .withHeader("Authorization",
                        WireMock.equalTo("Bearer " + WmsTesting.SHIPBOB.get("personal_access_token")))
                .withHeader("shipbob_channel_id", WireMock.equalTo("128944"))
                .withRequestBody(equalToJson("{\"name\":\"Blue Tee - M\",\"type_id\":1,\"variants\":[{"
                        + "\"name\":\"Blue Tee - M\",\"sku\":\"TEE-BLU-M\",\"gtin\":\"00840000123457\","
                        + "\"dimension\":{\"length\":10.00,\"width\":8.00,\"height\":1.00},\"weight\":8.00}]}")));
        readerSpec().get("/wms/products/412998").then().statusCode(200).body("data.sku", equalTo("TEE-BLU-M"));
    }

    @Test
    void a_product_without_the_name_and_sku_shipbob_requires_is_a_422_before_shipbob_is_called() {
        writer().body(Map.of("gtin", "00840000123457")).post("/wms/products").then().statusCode(422)
                .body("detail.json.name", contains("Missing data for required field."))
                .body("detail.json.sku", contains("Missing data for required field."));
        shipbob.verify(0, postRequestedFor(urlPathEqualTo("/2026-01/product")));
    }

    @Test
    void shipbobs_refusal_of_a_product_keeps_its_status_and_words() {
        answer(post(urlPathEqualTo("/2026-01/product")), 422, "{\"type\":\"https://tools.ietf.org/html/rfc4918#"
                + "section-11.2\",\"title\":\"One or more validation errors occurred.\",\"status\":422,"
                + "\"detail\":\"A variant with SKU TEE-BLU-M already exists\"}");
        writer().body(Map.of("sku", "TEE-BLU-M", "name", "Blue Tee - M")).post("/wms/products").then()
                .statusCode(422).body("origin", equalTo("integration"))
                .body("error", containsString("A variant with SKU TEE-BLU-M already exists"));
    }

    @Test
    void a_product_update_patches_only_the_given_fields_of_its_variant() throws IOException {
        com.fasterxml.jackson.databind.JsonNode page = fixture("products.json");
        answer(get(urlPathEqualTo("/2026-01/product")).withQueryParam("VariantId", WireMock.equalTo("412998")), 200,
                page);
        answer(get(urlPathEqualTo("/2026-01/product")).withQueryParam("VariantId", WireMock.equalTo("1")), 200,
                "{\"items\":[],\"first\":null,\"last\":null,\"next\":null,\"prev\":null}");
        ObjectNode renamed = product();
        ((ObjectNode) renamed.path("variants").get(0)).put("name", "Blue Tee - Medium");
        answer(patch(urlPathEqualTo("/2026-01/product/9001234")), 200, renamed);
        writer().body(Map.of("name", "Blue Tee - Medium")).put("/wms/products/412998").then().statusCode(200)
                .body("id", equalTo("412998")).body("data.sku", equalTo("TEE-BLU-M"));
        shipbob.verify(patchRequestedFor(urlPathEqualTo("/2026-01/product/9001234"))
                .withHeader("shipbob_channel_id", WireMock.equalTo("128944"))
                .withRequestBody(equalToJson("{\"id\":9001234,\"variants\":[{\"id\":412998,"
                        + "\"name\":\"Blue Tee - Medium\"}]}")));
        writer().body(Map.of("name", "x")).put("/wms/products/1").then().statusCode(404).body("id", equalTo("1"));
        writer().body(Map.of("name", "x")).put("/wms/products/not-a-variant").then().statusCode(404);
        shipbob.verify(1, patchRequestedFor(urlPathEqualTo("/2026-01/product/9001234")));
    }

    @Test
    void a_kit_is_a_bundle_product_of_the_variants_its_skus_name() throws IOException {
        answer(get(urlPathEqualTo("/2026-01/product")).withQueryParam("SKU", WireMock.equalTo("TEE-BLU-M")), 200,
                fixture("products.json"));
        answer(get(urlPathEqualTo("/2026-01/product")).withQueryParam("SKU", WireMock.equalTo("NOPE")), 200,
                "{\"items\":[],\"first\":null,\"last\":null,\"next\":null,\"prev\":null}");
        ObjectNode bundle = product();
        bundle.put("id", 9001300).put("name", "Tee Two-Pack").put("type", "Bundle");
        ObjectNode variant = (ObjectNode) bundle.path("variants").get(0);
        variant.put("id", 413777).put("sku", "KIT-TEE-2").put("name", "Tee Two-Pack");
        ArrayNode definition = variant.putArray("bundle_definition");
        definition.addObject().put("product_id", 9001234).put("quantity", 2).put("variant_id", 412998)
                .put("variant_name", "Blue Tee - M").put("variant_sku", "TEE-BLU-M");
        answer(post(urlPathEqualTo("/2026-01/product")), 201, bundle);
        Map<String, Object> kit = Map.of("sku", "KIT-TEE-2", "name", "Tee Two-Pack", "inventory_items",
                List.of(Map.of("sku", "TEE-BLU-M", "unit_quantity", 2)));
        writer().body(kit).post("/wms/kits").then().statusCode(200).body("id", equalTo("413777"))
                .body("data.is_kit", equalTo(true))
                .body("data.inventory_items[0].sku", equalTo("TEE-BLU-M"))
                .body("data.inventory_items[0].unit_quantity", equalTo(2));
        shipbob.verify(postRequestedFor(urlPathEqualTo("/2026-01/product"))
                .withHeader("shipbob_channel_id", WireMock.equalTo("128944"))
                .withRequestBody(equalToJson("{\"name\":\"Tee Two-Pack\",\"type_id\":2,\"variants\":[{"
                        + "\"name\":\"Tee Two-Pack\",\"sku\":\"KIT-TEE-2\",\"bundle_definition\":[{"
                        + "\"variant_id\":412998,\"quantity\":2}]}]}")));
        writer().body(Map.of("sku", "KIT-X", "name", "X", "inventory_items",
                List.of(Map.of("sku", "NOPE", "unit_quantity", 1)))).post("/wms/kits").then().statusCode(422)
                .body("detail.json.'inventory_items.0.sku'", contains("ShipBob has no product with this SKU."));
        shipbob.verify(1, postRequestedFor(urlPathEqualTo("/2026-01/product")));
    }

    private static final Map<String, Object> WRO = Map.of("warehouse_id", "8", "package_type", "Package",
            "box_packaging_type", "MultipleSkusPerBox", "expected_arrival_date", "2026-12-10T00:00:00-06:00",
            "purchase_order_number", "PO-2026-131", "boxes", List.of(Map.of("tracking_number", "1Z999AA10123456784",
                    "line_items", List.of(Map.of("inventory_item_id", "1550874", "expected_quantity", 48,
                            "lot_id", "2222", "lot_expiration_date", "2027-06-30T00:00:00Z"),
                            Map.of("sku", "TEE-BLU-M", "expected_quantity", 60)))));

    @Test
    void a_receiving_order_is_created_with_shipbobs_box_items_and_names() throws IOException {
        answer(get(urlPathEqualTo("/2026-01/product")).withQueryParam("SKU", WireMock.equalTo("TEE-BLU-M")), 200,
                fixture("products.json"));
        ObjectNode wro = (ObjectNode) fixture("receiving.json").get(0);
        wro.put("id", 873400).put("status", "Awaiting").put("box_packaging_type", "MultipleSkuPerBox");
        answer(post(urlPathEqualTo("/2026-01/receiving")), 201, wro);
        writer().body(WRO).post("/wms/inbound-shipments").then().statusCode(200).body("id", equalTo("873400"))
                .body("data.status", equalTo("open")).body("data.raw_status", equalTo("Awaiting"))
                .body("data.warehouse_id", equalTo("8"));
        shipbob.verify(postRequestedFor(urlPathEqualTo("/2026-01/receiving"))
                .withHeader("shipbob_channel_id", absent())
                .withRequestBody(equalToJson("{\"fulfillment_center\":{\"id\":8},\"package_type\":\"Package\","
                        + "\"box_packaging_type\":\"MultipleSkuPerBox\",\"expected_arrival_date\":"
                        + "\"2026-12-10T06:00:00Z\",\"purchase_order_number\":\"PO-2026-131\",\"boxes\":[{"
                        + "\"tracking_number\":\"1Z999AA10123456784\",\"box_items\":[{\"inventory_id\":1550874,"
                        + "\"quantity\":48,\"lot_number\":\"2222\",\"lot_date\":\"2027-06-30T00:00:00Z\"},"
                        + "{\"inventory_id\":1550873,\"quantity\":60}]}]}")));
        readerSpec().get("/wms/inbound-shipments/873400").then().statusCode(200)
                .body("data.purchase_order_number", equalTo("PO-2026-118"));
    }

    @Test
    void shipbobs_refusal_of_a_receiving_order_keeps_its_status_and_words() {
        answer(get(urlPathEqualTo("/2026-01/product")).withQueryParam("SKU", WireMock.equalTo("TEE-BLU-M")), 200,
                resource("vendors/shipbob/products.json"));
        answer(post(urlPathEqualTo("/2026-01/receiving")), 400,
                "{\"ExpectedArrivalDate\":[\"Expected arrival date must be in the future\"]}");
        writer().body(WRO).post("/wms/inbound-shipments").then().statusCode(400)
                .body("origin", equalTo("integration"))
                .body("error", containsString("Expected arrival date must be in the future"));
    }

    @Test
    void a_receiving_order_is_cancelled_and_shipbobs_422_is_kept() throws IOException {
        ObjectNode cancelled = (ObjectNode) fixture("receiving.json").get(0);
        cancelled.put("status", "Cancelled");
        answer(post(urlPathEqualTo("/2026-01/receiving/873312:cancel")), 200, cancelled);
        answer(get(urlPathEqualTo("/2026-01/receiving/873312")), 200, cancelled);
        answer(post(urlPathEqualTo("/2026-01/receiving/873313:cancel")), 422,
                "{\"Status\":[\"Only a WRO awaiting arrival can be cancelled\"]}");
        answer(post(urlPathEqualTo("/2026-01/receiving/1:cancel")), 404, "{\"type\":\"https://tools.ietf.org/html/"
                + "rfc7231#section-6.5.4\",\"title\":\"Not Found\",\"status\":404,\"errors\":{}}");
        writer().body(Map.of("status", "cancelled")).put("/wms/inbound-shipments/873312").then().statusCode(200)
                .body("data.status", equalTo("cancelled")).body("data.raw_status", equalTo("Cancelled"));
        writer().body(Map.of("status", "cancelled")).put("/wms/inbound-shipments/873313").then().statusCode(422)
                .body("origin", equalTo("integration"))
                .body("error", containsString("Only a WRO awaiting arrival can be cancelled"));
        writer().body(Map.of("status", "cancelled")).put("/wms/inbound-shipments/1").then().statusCode(404);
        writer().body(Map.of("status", "received")).put("/wms/inbound-shipments/873312").then().statusCode(422)
                .body("detail.json.status", contains("Must be one of: cancelled."));
        readerSpec().get("/wms/inbound-shipments/873312").then().statusCode(200)
                .body("data.status", equalTo("cancelled"));
    }

    @Test
    void a_return_names_the_orders_shipment_and_is_read_back_whole() throws IOException {
        answer(get(urlPathEqualTo("/2026-01/order/329856173")), 200, fixture("orders.json").get(0));
        ObjectNode created = JSON.createObjectNode().put("id", 501300).put("reference_id", "RMA-1002")
                .put("status", "AwaitingArrival").put("original_shipment_id", 276544301L);
        created.putObject("fulfillment_center").put("id", 8).put("name", "Cicero (IL)");
        answer(post(urlPathEqualTo("/2026-01/return")), 201, created);
        ObjectNode whole = (ObjectNode) fixture("returns.json").path("items").get(0);
        whole.put("id", 501300).put("reference_id", "RMA-1002").put("status", "AwaitingArrival");
        answer(get(urlPathEqualTo("/2026-01/return/501300")), 200, whole);
        writer().body(Map.of("reference_id", "RMA-1002", "warehouse_id", "8", "order_id", "329856173",
                "tracking_number", "9202090153540000123999", "line_items",
                List.of(Map.of("inventory_item_id", "1550873", "quantity", 1)))).post("/wms/returns").then()
                .statusCode(200).body("id", equalTo("501300")).body("data.status", equalTo("open"))
                .body("data.line_items[0].sku", equalTo("TEE-BLU-M"));
        shipbob.verify(postRequestedFor(urlPathEqualTo("/2026-01/return"))
                .withHeader("shipbob_channel_id", WireMock.equalTo("128944"))
                .withRequestBody(equalToJson("{\"reference_id\":\"RMA-1002\",\"fulfillment_center\":{\"id\":8},"
                        + "\"original_shipment_id\":276544301,\"tracking_number\":\"9202090153540000123999\","
                        + "\"inventory\":[{\"id\":1550873,\"quantity\":1,\"requested_action\":\"Default\"}]}")));
        readerSpec().get("/wms/returns/501300").then().statusCode(200).body("data.status", equalTo("open"));
    }

    @Test
    void shipbobs_refusal_of_a_return_keeps_its_status_and_an_unknown_order_is_a_422() {
        answer(post(urlPathEqualTo("/2026-01/return")), 422,
                "{\"details\":null,\"errors\":[\"Return reference RMA-1001 already exists\"],\"message\":"
                        + "\"Unprocessable\",\"stackTrace\":null}");
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/order/5")).willReturn(aResponse().withStatus(404)));
        Map<String, Object> body = Map.of("reference_id", "RMA-1001", "warehouse_id", "8", "line_items",
                List.of(Map.of("inventory_item_id", "1550873", "quantity", 1)));
        writer().body(body).post("/wms/returns").then().statusCode(422).body("origin", equalTo("integration"))
                .body("error", containsString("Return reference RMA-1001 already exists"));
        writer().body(Map.of("reference_id", "RMA-1003", "warehouse_id", "8", "order_id", "5", "line_items",
                List.of(Map.of("inventory_item_id", "1550873", "quantity", 1)))).post("/wms/returns").then()
                .statusCode(422).body("detail.json.order_id", contains("ShipBob has no such order."));
        shipbob.verify(1, postRequestedFor(urlPathEqualTo("/2026-01/return")));
    }

    @Test
    void a_return_is_cancelled_through_its_cancel_verb() throws IOException {
        ObjectNode cancelled = (ObjectNode) fixture("returns.json").path("items").get(0);
        cancelled.put("status", "Cancelled").put("cancelled_date", "2026-11-10T09:00:00+00:00");
        shipbob.stubFor(post(urlPathEqualTo("/2026-01/return/501276:cancel"))
                .willReturn(aResponse().withStatus(200)));
        answer(get(urlPathEqualTo("/2026-01/return/501276")), 200, cancelled);
        shipbob.stubFor(post(urlPathEqualTo("/2026-01/return/2:cancel")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", JSON_TYPE).withBody("{\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"Return 2 is already completed\"}")));
        writer().body(Map.of("status", "cancelled")).put("/wms/returns/501276").then().statusCode(200)
                .body("data.status", equalTo("cancelled")).body("data.raw_status", equalTo("Cancelled"));
        writer().body(Map.of("status", "cancelled")).put("/wms/returns/2").then().statusCode(400)
                .body("origin", equalTo("integration")).body("error", containsString("already completed"));
    }

    @Test
    void the_catalog_lists_exactly_the_writes_each_adapter_does_with_shipbobs_required_fields() {
        for (String name : List.of("shipbob", "extensiv-3pl-central")) {
            Set<Action> listed = catalog.find(dev.switchboard.catalog.IntegrationType.WMS, name).orElseThrow()
                    .availableActions().stream()
                    .filter(Action::isWrite).collect(Collectors.toCollection(() -> EnumSet.noneOf(Action.class)));
            assertEquals(adapters.find(name).orElseThrow().writes(), listed, name);
        }
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/wms/shipbob").then().statusCode(200)
                .body("data[0].write_operations.find { it.action == 'create_product' }.required_base_schema_fields",
                        contains("sku", "name"))
                .body("data[0].write_operations.find { it.action == 'create_product' }.optional_base_schema_fields",
                        hasItem("measurements"))
                .body("data[0].write_operations.find { it.action == 'create_kit' }.required_base_schema_fields",
                        hasItem("inventory_items.sku"))
                .body("data[0].write_operations.find { it.action == 'update_return' }.url",
                        equalTo("PUT /wms/returns/{return_id}"));
    }
}
