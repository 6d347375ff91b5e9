package dev.switchboard.wms.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.Fixtures.as;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.testing.WmsContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * ShipHero's writes through the unified API against the ShipHero stand-in, which answers as ShipHero's GraphQL
 * reference shows (vendors/shiphero.md §4, §5, §7.8-7.11; payloads {@code {request_id, complexity, <record>}}). Each
 * write is checked four ways: the exact mutation document's operations and variables sent, the answer mapped to
 * Trackstar's record (validated against the reference), a ShipHero validation error as the integration's refusal, and
 * spent credits (code 30) waited out and sent again.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShipHeroWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDER = "T3JkZXI6MzA1NDQ2Nzg3";
    static final String PRODUCT = "UHJvZHVjdDo0NDU1NjY3Nw==";
    static final String PO = "UHVyY2hhc2VPcmRlcjo5ODc2NTQ=";
    static final String WAREHOUSE = "V2FyZWhvdXNlOjExNzk=";
    /** Where each kind of record written is read back. */
    static final Map<String, String> READS = Map.of("order", "/wms/orders", "product", "/wms/products", "kit",
            "/wms/products", "inbound_shipment", "/wms/inbound-shipments", "return", "/wms/returns");

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    /** One mutation of the document a write sends: its field, its input type and the exact {@code data} input. */
    record Step(String mutation, String inputType, String input) {
    }

    /**
     * One write: the route and body, the mutations it sends, the payload field of the last one answered with the
     * reference's record (changed by {@code answerPatch}), a record read first if the write needs one, and fields
     * of the answer's {@code data}.
     */
    record Case(String name, String method, String path, String body, List<Step> steps, String payload,
            String fixture, String answerPatch, String readFirst, Map<String, Object> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> writes() {
        return Stream.of(
                new Case("create_order", "POST", "/wms/orders", """
                        {"order_number": "#1002", "reference_id": "SHOP-1002", "ship_to_address": {
                         "full_name": "Sam Lee", "company": "Lee Studio", "address1": "500 Howard St",
                         "address2": "Suite 200", "city": "San Francisco", "state": "CA", "postal_code": "94105",
                         "country": "US", "phone_number": "415-555-0190", "email_address": "sam@example.com"},
                         "line_items": [{"sku": "TEE-BLU-M", "quantity": 1, "unit_price": 24,
                                         "warehouse_id": "V2FyZWhvdXNlOjExNzk="}],
                         "packing_note": "Fragile", "shipping_method": "Ground Advantage", "carrier": "usps",
                         "shipping_price": 5.95, "tags": ["vip"]}""",
                        List.of(new Step("order_create", "CreateOrderInput", """
                                {"order_number": "#1002", "partner_order_id": "SHOP-1002", "shipping_address": {
                                 "first_name": "Sam", "last_name": "Lee", "company": "Lee Studio",
                                 "address1": "500 Howard St", "address2": "Suite 200", "city": "San Francisco",
                                 "state_code": "CA", "zip": "94105", "country_code": "US", "phone": "415-555-0190",
                                 "email": "sam@example.com"},
                                 "packing_note": "Fragile", "tags": ["vip"], "shipping_lines": {
                                 "title": "Ground Advantage", "price": "5.95", "carrier": "usps",
                                 "method": "Ground Advantage"},
                                 "line_items": [{"sku": "TEE-BLU-M", "partner_line_item_id": "SHOP-1002-1",
                                  "quantity": 1, "price": "24.00", "warehouse_id": "V2FyZWhvdXNlOjExNzk="}]}""")),
                        "order", "orders", """
                                {"order_number": "#1002", "partner_order_id": "SHOP-1002",
                                 "fulfillment_status": "pending", "shipments": []}""", null,
                        Map.of("id", ORDER, "data.order_number", "#1002", "data.reference_id", "SHOP-1002",
                                "data.status", "open")),
                new Case("update_order", "PUT", "/wms/orders/" + ORDER, """
                        {"order_number": "#1001-B", "status": "fulfilled", "line_items": [
                          {"sku": "TEE-BLU-M", "quantity": 3, "unit_price": 24},
                          {"sku": "TEE-RED-S", "quantity": 1, "unit_price": 20.5}]}""",
                        List.of(new Step("order_update", "UpdateOrderInput", """
                                {"order_number": "#1001-B", "fulfillment_status": "fulfilled",
                                 "order_id": "T3JkZXI6MzA1NDQ2Nzg3"}"""),
                                new Step("order_update_line_items", "UpdateLineItemsInput", """
                                        {"order_id": "T3JkZXI6MzA1NDQ2Nzg3", "line_items": [
                                         {"id": "TGluZUl0ZW06NzYxMjM0NTY3", "quantity": 3, "price": "24.00"}]}"""),
                                new Step("order_add_line_items", "AddLineItemsInput", """
                                        {"order_id": "T3JkZXI6MzA1NDQ2Nzg3", "line_items": [
                                         {"sku": "TEE-RED-S", "partner_line_item_id": "5123987654321-TEE-RED-S",
                                          "quantity": 1, "price": "20.50"}]}""")),
                        "order", "orders", "{\"order_number\": \"#1001-B\"}", "order(id:",
                        Map.of("id", ORDER, "data.order_number", "#1001-B", "data.status", "fulfilled")),
                new Case("create_product", "POST", "/wms/products", """
                        {"sku": "TEE-BLU-XL", "name": "Blue Tee - XL", "gtin": "840000123471",
                         "warehouse_id": "V2FyZWhvdXNlOjExNzk=", "measurements": {"length": 25.4, "width": 20.32,
                         "height": 2.54, "unit": "cm", "weight": 0.5, "weight_unit": "lb"}}""",
                        List.of(new Step("product_create", "CreateProductInput", """
                                {"name": "Blue Tee - XL", "sku": "TEE-BLU-XL", "barcode": "840000123471",
                                 "dimensions": {"length": "10.00", "width": "8.00", "height": "1.00",
                                 "weight": "8.00"},
                                 "warehouse_products": [{"warehouse_id": "V2FyZWhvdXNlOjExNzk=", "on_hand": 0}]}""")),
                        "product", "products", """
                                {"sku": "TEE-BLU-XL", "name": "Blue Tee - XL", "barcode": "840000123471"}""", null,
                        Map.of("id", PRODUCT, "data.sku", "TEE-BLU-XL", "data.gtin", "840000123471")),
                new Case("update_product", "PUT", "/wms/products/" + PRODUCT, """
                        {"name": "Blue Tee - Medium", "warehouse_id": "V2FyZWhvdXNlOjEyMDQ="}""",
                        List.of(new Step("product_add_to_warehouse", "AddProductToWarehouseInput", """
                                {"sku": "TEE-BLU-M", "warehouse_id": "V2FyZWhvdXNlOjEyMDQ="}"""),
                                new Step("product_update", "UpdateProductInput", """
                                        {"name": "Blue Tee - Medium", "sku": "TEE-BLU-M"}""")),
                        "product", "products", "{\"name\": \"Blue Tee - Medium\"}", "product(id:",
                        Map.of("id", PRODUCT, "data.name", "Blue Tee - Medium")),
                new Case("create_kit", "POST", "/wms/kits", """
                        {"sku": "KIT-TEE-2", "name": "Tee pair", "warehouse_id": "V2FyZWhvdXNlOjExNzk=",
                         "inventory_items": [{"sku": "TEE-BLU-M", "unit_quantity": 1},
                                             {"sku": "TEE-BLU-L", "unit_quantity": 2}]}""",
                        List.of(new Step("product_create", "CreateProductInput", """
                                {"name": "Tee pair", "sku": "KIT-TEE-2", "kit": true,
                                 "warehouse_products": [{"warehouse_id": "V2FyZWhvdXNlOjExNzk=", "on_hand": 0}]}"""),
                                new Step("kit_build", "BuildKitInput",
                                        """
                                                {"sku": "KIT-TEE-2", "warehouse_id": "V2FyZWhvdXNlOjExNzk=", "components": [
                                                 {"sku": "TEE-BLU-M", "quantity": 1}, {"sku": "TEE-BLU-L", "quantity": 2}]}""")),
                        "product", "products", """
                                {"sku": "KIT-TEE-2", "name": "Tee pair", "kit": true, "kit_components": [
                                 {"sku": "TEE-BLU-M", "quantity": 1}, {"sku": "TEE-BLU-L", "quantity": 2}]}""", null,
                        Map.of("id", PRODUCT, "data.is_kit", true, "data.inventory_items[1].unit_quantity", 2)),
                new Case("create_inbound_shipment", "POST", "/wms/inbound-shipments", """
                        {"warehouse_id": "V2FyZWhvdXNlOjExNzk=", "purchase_order_number": "PO-2026-131",
                         "expected_arrival_date": "2026-12-09T00:00:00Z", "shipping_price": 10, "tax": 2.5,
                         "supplier_object": {"supplier_id": "VmVuZG9yOjQ0MQ=="},
                         "tracking_number": "1Z999AA10123456785",
                         "line_items": [{"sku": "TEE-BLU-M", "expected_quantity": 60, "expected_weight": 6.4,
                          "expected_weight_unit": "oz", "unit_cost": 6, "external_id": "CM-TEE-M"}]}""",
                        List.of(new Step("purchase_order_create", "CreatePurchaseOrderInput", """
                                {"po_number": "PO-2026-131", "warehouse_id": "V2FyZWhvdXNlOjExNzk=",
                                 "po_date": "2026-12-09T00:00:00", "vendor_id": "VmVuZG9yOjQ0MQ==",
                                 "tracking_number": "1Z999AA10123456785",
                                 "line_items": [{"sku": "TEE-BLU-M", "quantity": 60, "price": "6.00",
                                  "expected_weight_in_lbs": "0.40", "vendor_id": "VmVuZG9yOjQ0MQ==",
                                  "vendor_sku": "CM-TEE-M"}],
                                 "subtotal": "360.00", "shipping_price": "10.00", "tax": "2.50",
                                 "total_price": "372.50"}""")),
                        "purchase_order", "purchase-orders", """
                                {"po_number": "PO-2026-131", "po_date": "2026-12-09T00:00:00+00:00"}""", null,
                        Map.of("id", PO, "data.purchase_order_number", "PO-2026-131", "data.expected_arrival_date",
                                "2026-12-09T00:00:00Z", "data.status", "open")),
                new Case("update_inbound_shipment", "PUT", "/wms/inbound-shipments/" + PO, """
                        {"tracking_number": "1Z999AA10123456799", "status": "received",
                         "line_items": [{"sku": "TEE-BLU-M", "expected_quantity": 130}]}""",
                        List.of(new Step("purchase_order_update", "UpdatePurchaseOrderInput", """
                                {"tracking_number": "1Z999AA10123456799", "line_items": [
                                 {"sku": "TEE-BLU-M", "quantity": 130}], "po_id": "UHVyY2hhc2VPcmRlcjo5ODc2NTQ="}"""),
                                new Step("purchase_order_close", "ClosePurchaseOrderInput", """
                                        {"po_id": "UHVyY2hhc2VPcmRlcjo5ODc2NTQ="}""")),
                        "purchase_order", "purchase-orders", """
                                {"fulfillment_status": "closed", "tracking_number": "1Z999AA10123456799"}""", null,
                        Map.of("id", PO, "data.status", "received", "data.tracking_numbers[0]",
                                "1Z999AA10123456799")),
                new Case("create_return", "POST", "/wms/returns", """
                        {"warehouse_id": "V2FyZWhvdXNlOjExNzk=", "return_reason": "Too small",
                         "order_id": "T3JkZXI6MzA1NDQ2Nzg3", "label_type": "FREE",
                         "shipping_method": "Ground Advantage", "carrier": "usps", "label_cost": 0,
                         "ship_from_address": {"full_name": "Jane Rivera", "address1": "1 Main St", "city": "Austin",
                          "state": "TX", "postal_code": "78701", "country": "US"},
                         "line_items": [{"sku": "TEE-BLU-M", "quantity": 1, "return_reason": "Too small"}],
                         "measurements": {"length": 10, "width": 8, "height": 2, "unit": "in", "weight": 8,
                          "weight_unit": "oz"}}""",
                        List.of(new Step("return_create", "CreateReturnInput",
                                """
                                        {"order_id": "T3JkZXI6MzA1NDQ2Nzg3", "warehouse_id": "V2FyZWhvdXNlOjExNzk=",
                                         "return_reason": "Too small", "label_type": "FREE", "label_cost": "0.00",
                                         "shipping_carrier": "usps", "shipping_method": "Ground Advantage",
                                         "address": {"name": "Jane Rivera", "address1": "1 Main St", "city": "Austin",
                                          "state": "TX", "zip": "78701", "country": "US"},
                                         "dimensions": {"length": "10.00", "width": "8.00", "height": "2.00",
                                          "weight": "8.00"},
                                         "line_items": [{"sku": "TEE-BLU-M", "quantity": 1, "return_reason": "Too small"}]}""")),
                        "return", "returns", "{\"status\": \"pending\"}", null,
                        Map.of("id", "UmV0dXJuOjE1NTY2Nzc=", "data.status", "open", "data.order_id", ORDER)));
    }

    private WmsTesting.Reader connect(Fixtures.Org org) {
        return WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST), org.testKey(),
                "shiphero", List.of(), null);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The first record of one of the reference's pages ({@code vendors/shiphero/<fixture>.json}), patched. */
    static ObjectNode record(String fixture, String patch) throws IOException {
        try (InputStream in = ShipHeroWritesTest.class.getClassLoader()
                .getResourceAsStream("vendors/shiphero/" + fixture + ".json")) {
            JsonNode page = JSON.readTree(in).get("data").elements().next();
            ObjectNode node = (ObjectNode) page.at("/data/edges/0/node");
            if (patch != null) {
                node.setAll((ObjectNode) JSON.readTree(patch));
            }
            return node;
        }
    }

    /** ShipHero's answer to the document: each mutation's payload, the last one holding the record. */
    static String answer(Case c) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        for (int i = 0; i < c.steps().size(); i++) {
            ObjectNode payload = data.putObject(c.steps().get(i).mutation());
            payload.put("request_id", "6567a2f1e5b2c3a4d5e6f8" + i + "a");
            payload.put("complexity", 10);
            if (i == c.steps().size() - 1) {
                payload.set(c.payload(), record(c.fixture(), c.answerPatch()));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        return body.toString();
    }

    /** The stubs a write meets: its record read first when it needs one, and the mutation document. */
    private void stub(Case c, ResponseDefinitionBuilder mutation) throws IOException {
        if (c.readFirst() != null) {
            String field = c.readFirst().substring(0, c.readFirst().indexOf('('));
            ObjectNode body = JSON.createObjectNode();
            ObjectNode result = body.putObject("data").putObject(field);
            result.put("request_id", "6567a2f1e5b2c3a4d5e6f8ff");
            result.put("complexity", 1);
            result.set("data", record(c.fixture(), null));
            VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).atPriority(2)
                    .withRequestBody(containing(c.readFirst())).willReturn(json(body.toString())));
        }
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).atPriority(1)
                .withRequestBody(containing("mutation(")).willReturn(mutation));
    }

    private static String lastMutation(Case c) {
        return c.steps().get(c.steps().size() - 1).mutation();
    }

    private static ValidatableResponse send(RequestSpecification request, Case c) {
        RequestSpecification r = request.contentType(ContentType.JSON).body(c.body());
        return ("POST".equals(c.method()) ? r.post(c.path()) : r.put(c.path())).then();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void a_write_sends_its_mutations_and_answers_the_record_mapped(Case c) throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = connect(org);
        stub(c, json(answer(c)));

        ValidatableResponse response = send(as(org.testKey()).filter(WmsContract.WRITE_FILTER)
                .header("x-trackstar-access-token", reader.token()), c).statusCode(200)
                .body("unused_fields", Matchers.empty());
        c.expected().forEach((path, value) -> response.body(path, Matchers.equalTo(value)));

        // One document: each step declared with its input type and sent with exactly the mapped input.
        var sent = postRequestedFor(urlPathEqualTo("/graphql")).withRequestBody(containing("mutation("));
        for (int i = 0; i < c.steps().size(); i++) {
            Step step = c.steps().get(i);
            sent = sent.withRequestBody(containing("$v" + i + ": " + step.inputType() + "!"))
                    .withRequestBody(containing(step.mutation() + "(data: $v" + i + ")"))
                    .withRequestBody(matchingJsonPath("$.variables.v" + i, equalToJson(step.input())));
        }
        VendorStandIns.shiphero().verify(1, sent.withRequestBody(WireMock.notContaining("$v" + c.steps().size()
                + ":")));
        VendorStandIns.shiphero().verify(1, postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("mutation(")));

        // The written record is in the store at once: the read API serves it.
        String resource = READS.get(c.name().substring(c.name().indexOf('_') + 1));
        as(org.testKey()).header("x-trackstar-access-token", reader.token())
                .get(resource + "/" + c.expected().get("id")).then().statusCode(200)
                .body("data.id", Matchers.equalTo(c.expected().get("id")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void a_shiphero_validation_error_is_the_integrations_refusal(Case c) throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = connect(org);
        String mutation = lastMutation(c);
        stub(c, json("{\"errors\": [{\"message\": \"Invalid sku TEE-RED-S\", \"operation\": \"" + mutation
                + "\", \"field\": \"" + mutation + "\", \"request_id\": \"5da7dc13f3079f0def208712\"}], "
                + "\"data\": {\"" + mutation + "\": null}}"));

        send(as(org.testKey()).header("x-trackstar-access-token", reader.token()), c).statusCode(422)
                .body("origin", Matchers.equalTo("integration"))
                .body("error", Matchers.equalTo("ShipHero refused " + mutation + ": Invalid sku TEE-RED-S"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void spent_credits_are_waited_out_and_the_document_sent_again(Case c) throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = connect(org);
        if (c.readFirst() != null) {
            stub(c, json(answer(c)));
        }
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).atPriority(1)
                .withRequestBody(containing("mutation(")).inScenario("credits").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json("{\"errors\": [{\"code\": 30, \"message\": \"There are not enough credits to "
                        + "perform the requested operation, which requires 10 credits, but there are only 3 left. "
                        + "In 1 seconds you will have enough credits to perform the operation\", \"operation\": \""
                        + c.steps().get(0).mutation() + "\", \"request_id\": \"6567a2f1e5b2c3a4d5e6f701\", "
                        + "\"required_credits\": 10, \"remaining_credits\": 3, \"time_remaining\": \"1 seconds\"}], "
                        + "\"data\": {\"" + c.steps().get(0).mutation() + "\": null}}"))
                .willSetStateTo("refilled"));
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).atPriority(1)
                .withRequestBody(containing("mutation(")).inScenario("credits").whenScenarioStateIs("refilled")
                .willReturn(json(answer(c))));

        send(as(org.testKey()).header("x-trackstar-access-token", reader.token()), c).statusCode(200)
                .body("id", Matchers.equalTo(c.expected().get("id")));
        VendorStandIns.shiphero().verify(2, postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("mutation(")));
    }

    @Test
    void credits_that_take_longer_than_the_write_waits_are_a_429_with_shipheros_wait() throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = connect(org);
        Case c = writes().findFirst().orElseThrow();
        stub(c, json("{\"errors\": [{\"code\": 30, \"message\": \"There are not enough credits to perform the "
                + "requested operation, which requires 1301 credits, but there are only 263 left. In 55 minutes you "
                + "will have enough credits to perform the operation\", \"operation\": \"order_create\", "
                + "\"time_remaining\": \"55 minutes\"}], \"data\": {\"order_create\": null}}"));

        send(as(org.testKey()).header("x-trackstar-access-token", reader.token()), c).statusCode(429)
                .header("Retry-After", "3300");
        VendorStandIns.shiphero().verify(1, postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("mutation(")));
    }

    @Test
    void fields_shipheros_inputs_have_no_place_for_are_not_offered_and_a_supplier_goes_by_id_only() {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = connect(org);
        // What the catalog offers is what the adapter can send: no labels on an order update (ShipHero makes labels
        // through its shipment mutations), no supplier by name on a purchase order.
        as(org.testKey()).get("/integrations/wms/shiphero").then().statusCode(200)
                .body("data[0].write_operations.find { it.action == 'update_order' }.optional_base_schema_fields",
                        Matchers.allOf(Matchers.hasItem("order_number"), Matchers.not(Matchers.hasItem("labels"))))
                .body("data[0].write_operations.find { it.action == 'create_inbound_shipment' }"
                        + ".optional_base_schema_fields",
                        Matchers.allOf(Matchers.hasItem("supplier_object"),
                                Matchers.not(Matchers.hasItem("supplier"))));
        // supplier_object takes the id only: by name, or empty, it is a 422 at the id, before anything is sent.
        for (Map<String, String> supplier : List.of(Map.of("supplier_name", "Cotton Mills Co"),
                Map.<String, String>of())) {
            as(org.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                    .body(Map.of("warehouse_id", WAREHOUSE, "purchase_order_number", "PO-1", "expected_arrival_date",
                            "2026-12-09T00:00:00Z", "shipping_price", 0, "supplier_object", supplier, "line_items",
                            List.of(Map.of("sku", "A", "expected_quantity", 1, "expected_weight", 1, "unit_cost", 1))))
                    .post("/wms/inbound-shipments").then().statusCode(422)
                    .body("detail.json.'supplier_object.supplier_id'", Matchers.notNullValue());
        }
        VendorStandIns.shiphero().verify(0, postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("mutation(")));
    }

    @Test
    void an_order_is_cancelled_and_read_back() throws IOException {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = connect(org);
        ObjectNode cancelled = JSON.createObjectNode();
        ObjectNode result = cancelled.putObject("data").putObject("order");
        result.put("request_id", "6567a2f1e5b2c3a4d5e6f829");
        result.put("complexity", 1);
        result.set("data", record("orders", "{\"fulfillment_status\": \"canceled\"}"));
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("order_cancel"))
                .willReturn(json("{\"data\": {\"order_cancel\": {\"request_id\": \"6567a2f1e5b2c3a4d5e6f828\", "
                        + "\"complexity\": 10, \"order\": {\"id\": \"" + ORDER + "\", \"fulfillment_status\": "
                        + "\"canceled\"}}}}")));
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("order(id"))
                .willReturn(json(cancelled.toString())));
        as(org.testKey()).filter(WmsContract.WRITE_FILTER).header("x-trackstar-access-token", reader.token())
                .put("/wms/orders/" + ORDER + "/cancel").then().statusCode(200).body("id", Matchers.equalTo(ORDER))
                .body("data.status", Matchers.equalTo("cancelled"));
        VendorStandIns.shiphero().verify(postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("order_cancel(data: $v0)"))
                .withRequestBody(matchingJsonPath("$.variables.v0", equalToJson("{\"order_id\": \"" + ORDER
                        + "\"}"))));
    }

    @Test
    void an_unknown_record_is_404_and_another_organizations_token_is_401() {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = connect(org);
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("order_cancel"))
                .willReturn(json("{\"errors\": [{\"message\": \"Not found\", \"operation\": \"order_cancel\", "
                        + "\"field\": \"order_cancel\", \"request_id\": \"x\", \"code\": 5}], \"data\": "
                        + "{\"order_cancel\": null}}")));
        as(org.testKey()).header("x-trackstar-access-token", reader.token()).put("/wms/orders/T3JkZXI6MQ==/cancel")
                .then().statusCode(404).body("id", Matchers.equalTo("T3JkZXI6MQ=="));
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("product(id"))
                .willReturn(json("{\"errors\": [{\"message\": \"Product not found\", \"operation\": \"product\", "
                        + "\"field\": \"product\", \"request_id\": \"y\", \"code\": 5}], \"data\": {\"product\": "
                        + "null}}")));
        as(org.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Y")).put("/wms/products/UHJvZHVjdDox").then().statusCode(404);

        Fixtures.Org other = Fixtures.newOrganization();
        as(other.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                .body(Map.of("sku", "X", "name", "Y")).post("/wms/products").then().statusCode(401);
        VendorStandIns.shiphero().verify(0, postRequestedFor(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("product_create")));
    }

}
