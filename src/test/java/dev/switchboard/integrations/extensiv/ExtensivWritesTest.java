package dev.switchboard.integrations.extensiv;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.VendorStandIns.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.WriteSchemas;
import dev.switchboard.common.Base62;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.ReadsContract;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.WmsAdapters;
import dev.switchboard.wms.adapter.Write;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Extensiv's writes against its stand-in, answering as the reference shows (vendors/extensiv-3pl-central.md 8.3-8.9:
 * 201 with an ETag and the record for a create, the record's ETag on a GET, If-Match on PUT and canceler, 204 for a
 * cancel, 412 for a stale ETag). Each record returned holds to Trackstar's read schema.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExtensivWritesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDER_REL = "http://api.3plCentral.com/rels/orders/order";
    static final String ETAG = "\"AAAAAAAbc5Q=\"";

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

    private AdapterContext context() {
        return new AdapterContext(null, new Tenant("org_test", Environment.TEST), "extensiv-3pl-central",
                Map.of("client_id", clientId, "client_secret", "s3cret", "user_login", "api.acme", "customer_id", "5",
                        "access_token", "ex-token", "access_token_expires_at", "2099-01-01T00:00:00Z"),
                c -> {
                });
    }

    private Write.Result write(Action action, String id, Object body) {
        Write.Result result = adapter().write(context(), new Write.Request(action, id, JSON.valueToTree(body)));
        ReadsContract.assertValid(result.function(), result.record());
        return result;
    }

    static ResponseDefinitionBuilder hal(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/hal+json").withBody(body);
    }

    /** The order of the reference (8.2) as Extensiv answers a create (8.3): a new id, open, nothing shipped. */
    static ObjectNode openOrder(long id) {
        try {
            ObjectNode order = (ObjectNode) JSON.readTree(resource("vendors/extensiv/orders.json")).get("_embedded")
                    .get(ORDER_REL).get(0);
            ObjectNode ro = (ObjectNode) order.get("readOnly");
            ro.put("orderId", id).put("status", 0).put("isClosed", false).put("fullyAllocated", false);
            ro.putNull("processDate");
            ro.putNull("pickDoneDate");
            ro.putNull("packDoneDate");
            ro.putArray("packages");
            order.put("referenceNum", "SHOP-1002-88277").put("poNum", "#1002");
            order.putObject("routingInfo").put("carrier", "UPS").put("mode", "03").put("scacCode", "UPGN")
                    .putNull("trackingNumber");
            ObjectNode shipTo = (ObjectNode) order.get("shipTo");
            shipTo.put("name", "Sam Lee").put("companyName", "Lee Studio").put("address1", "500 Howard St")
                    .put("address2", "Suite 200").put("city", "San Francisco").put("state", "CA").put("zip", "94105");
            return order;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final Map<String, Object> ORDER = Map.of("reference_id", "SHOP-1002-88277", "order_number", "#1002",
            "warehouse_id", "7", "shipping_method_id", "UPS:03", "billing_code", "default_Prepaid",
            "ship_to_address", Map.of("full_name", "Sam Lee", "company", "Lee Studio", "address1", "500 Howard St",
                    "address2", "Suite 200", "city", "San Francisco", "state", "CA", "postal_code", "94105",
                    "country", "US"),
            "line_items", List.of(Map.of("sku", "TEE-BLU-M", "quantity", 1)), "channel", "Shopify");

    @Test
    void an_order_is_created_as_extensivs_order_model_and_read_back_in_trackstars_shape() throws Exception {
        extensiv.stubFor(post(urlPathEqualTo("/orders")).willReturn(hal(201, openOrder(184523).toString())
                .withHeader("ETag", ETAG)));

        ObjectNode order = write(Action.CREATE_ORDER, null, ORDER).record();

        assertEquals("184523", order.get("id").asText());
        assertEquals("open", order.get("status").asText());
        assertEquals("Open", order.get("raw_status").asText());
        assertEquals("SHOP-1002-88277", order.get("reference_id").asText());
        assertEquals("#1002", order.get("order_number").asText());
        assertEquals("San Francisco", order.at("/ship_to_address/city").asText());
        assertEquals("03", order.get("shipping_method_id").asText());
        assertEquals(adapter().order(JSON.readTree(openOrder(184523).toString())).toString(), order.toString(),
                "a written order equals a synced one");
        extensiv.verify(postRequestedFor(urlPathEqualTo("/orders"))
                .withHeader("Authorization", equalTo("Bearer ex-token"))
                .withHeader("Content-Type", equalTo("application/hal+json"))
                .withRequestBody(
                        equalToJson("{\"customerIdentifier\": {\"id\": 5}, \"facilityIdentifier\": {\"id\": 7},"
                                + " \"referenceNum\": \"SHOP-1002-88277\", \"poNum\": \"#1002\", \"billingCode\": \"Prepaid\","
                                + " \"routingInfo\": {\"carrier\": \"UPS\", \"mode\": \"03\"},"
                                + " \"shipTo\": {\"name\": \"Sam Lee\", \"companyName\": \"Lee Studio\", \"address1\":"
                                + " \"500 Howard St\", \"address2\": \"Suite 200\", \"city\": \"San Francisco\", \"state\":"
                                + " \"CA\", \"zip\": \"94105\", \"country\": \"US\"},"
                                + " \"savedElements\": [{\"name\": \"Channel\", \"value\": \"Shopify\"}],"
                                + " \"orderItems\": [{\"itemIdentifier\": {\"sku\": \"TEE-BLU-M\"}, \"qty\": 1}]}")));
    }

    @Test
    void extensivs_refusal_keeps_its_status_and_hint_and_a_create_is_never_sent_twice() {
        extensiv.stubFor(post(urlPathEqualTo("/orders")).willReturn(hal(400, "{\"ErrorCode\": \"InvalidParameter\","
                + " \"Hint\": \"ReferenceNum SHOP-1002-88277 already exists for customer 5\", \"Properties\": {}}")));
        AdapterException refused = assertThrows(AdapterException.class, () -> write(Action.CREATE_ORDER, null,
                ORDER));
        assertEquals(AdapterException.Kind.PERMANENT, refused.kind());
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("already exists for customer 5"), refused.getMessage());

        // A 5xx and a timeout do not say whether Extensiv made the order: the POST is not repeated.
        extensiv.resetRequests();
        extensiv.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(503)));
        assertEquals(AdapterException.Kind.TRANSIENT, assertThrows(AdapterException.class,
                () -> write(Action.CREATE_ORDER, null, ORDER)).kind());
        extensiv.stubFor(post(urlPathEqualTo("/orders")).willReturn(hal(201, openOrder(184524).toString())
                .withFixedDelay(4_000)));
        assertEquals(AdapterException.Kind.TRANSIENT, assertThrows(AdapterException.class,
                () -> write(Action.CREATE_ORDER, null, ORDER)).kind());
        extensiv.verify(2, postRequestedFor(urlPathEqualTo("/orders")));
    }

    @Test
    void fields_extensivs_models_have_no_place_for_are_not_offered_and_a_bad_id_is_a_422_before_any_call() {
        // Not offered (write_operations), so a body that sends them gets them back in unused_fields.
        WriteSchemas schemas = new WriteSchemas();
        for (Action action : List.of(Action.CREATE_ORDER, Action.UPDATE_ORDER)) {
            WriteSchemas.Fields fields = schemas.fields(action, "extensiv-3pl-central");
            for (String field : List.of("trading_partner", "total_discount", "total_shipping", "total_tax",
                    "gift_message")) {
                assertFalse(fields.optionalBase().contains(field) || fields.requiredBase().contains(field)
                        || fields.specific().containsKey(field), action + " offers " + field);
            }
        }
        WriteSchemas.Fields receiver = schemas.fields(Action.CREATE_INBOUND_SHIPMENT, "extensiv-3pl-central");
        assertFalse(
                receiver.optionalBase().contains("supplier") || receiver.optionalBase().contains("supplier_object"));
        java.util.HashMap<String, Object> body = new java.util.HashMap<>(ORDER);
        body.put("warehouse_id", "Chicago DC");
        assertThrows(ValidationProblem.class, () -> write(Action.CREATE_ORDER, null, body));
        extensiv.verify(0, postRequestedFor(anyUrl()));
    }

    private void stubOrderGet(long id, ObjectNode order, String etag) {
        extensiv.stubFor(get(urlPathEqualTo("/orders/" + id)).willReturn(hal(200, order.toString())
                .withHeader("ETag", etag)));
    }

    @Test
    void an_update_sends_the_whole_order_back_with_if_match_from_its_etag() {
        stubOrderGet(184523, openOrder(184523), ETAG);
        ObjectNode changed = openOrder(184523);
        changed.put("poNum", "#1002-b");
        ((ObjectNode) changed.get("shipTo")).put("city", "Oakland");
        extensiv.stubFor(put(urlPathEqualTo("/orders/184523")).withHeader("If-Match", equalTo(ETAG))
                .willReturn(hal(200, changed.toString()).withHeader("ETag", "\"AAAAAAAbc6A=\"")));

        ObjectNode order = write(Action.UPDATE_ORDER, "184523", Map.of("order_number", "#1002-b",
                "ship_to_address", Map.of("city", "Oakland"))).record();

        assertEquals("#1002-b", order.get("order_number").asText());
        assertEquals("Oakland", order.at("/ship_to_address/city").asText());
        assertEquals("500 Howard St", order.at("/ship_to_address/address1").asText());
        extensiv.verify(putRequestedFor(urlPathEqualTo("/orders/184523")).withHeader("If-Match", equalTo(ETAG))
                .withRequestBody(matchingJsonPath("$.poNum", equalTo("#1002-b")))
                .withRequestBody(matchingJsonPath("$.shipTo.city", equalTo("Oakland")))
                .withRequestBody(matchingJsonPath("$.shipTo.zip", equalTo("94105")))
                .withRequestBody(matchingJsonPath("$.readOnly.orderId", equalTo("184523")))
                .withRequestBody(matchingJsonPath("$._links", absent())));
    }

    /** The open order with a second item (8.2's item model), so an update can change one and remove the other. */
    private static ObjectNode orderWithTwoItems() {
        ObjectNode order = openOrder(184523);
        com.fasterxml.jackson.databind.node.ArrayNode items = (com.fasterxml.jackson.databind.node.ArrayNode) order
                .at("/_embedded/http:~1~1api.3plCentral.com~1rels~1orders~1item");
        ObjectNode second = items.get(0).deepCopy();
        ((ObjectNode) second.get("readOnly")).put("orderItemId", 771204);
        ((ObjectNode) second.get("itemIdentifier")).put("sku", "TEE-BLU-L").put("id", 3302);
        second.put("qty", 1.0);
        items.add(second);
        return order;
    }

    @Test
    void line_items_change_and_remove_the_orders_items_each_with_the_orders_current_etag() {
        String next = "\"AAAAAAAbc7B=\"";
        extensiv.stubFor(get(urlPathEqualTo("/orders/184523")).inScenario("items")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(hal(200, orderWithTwoItems().toString())
                        .withHeader("ETag", ETAG)));
        extensiv.stubFor(put(urlPathEqualTo("/orders/184523/items/771203")).withHeader("If-Match", equalTo(ETAG))
                .inScenario("items").willSetStateTo("changed").willReturn(hal(200, "{}")));
        ObjectNode changed = orderWithTwoItems();
        ((ObjectNode) changed.at("/_embedded/http:~1~1api.3plCentral.com~1rels~1orders~1item/0")).put("qty", 3.0);
        extensiv.stubFor(get(urlPathEqualTo("/orders/184523")).inScenario("items").whenScenarioStateIs("changed")
                .willReturn(hal(200, changed.toString()).withHeader("ETag", next)));
        extensiv.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(
                "/orders/184523/items/771204")).withHeader("If-Match", equalTo(next)).inScenario("items")
                .willSetStateTo("removed").willReturn(aResponse().withStatus(204)));
        ObjectNode done = changed.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) done.at(
                "/_embedded/http:~1~1api.3plCentral.com~1rels~1orders~1item")).remove(1);
        extensiv.stubFor(get(urlPathEqualTo("/orders/184523")).inScenario("items").whenScenarioStateIs("removed")
                .willReturn(hal(200, done.toString()).withHeader("ETag", "\"AAAAAAAbc8C=\"")));

        ObjectNode order = write(Action.UPDATE_ORDER, "184523", Map.of("line_items",
                List.of(Map.of("sku", "TEE-BLU-M", "quantity", 3)))).record();

        assertEquals(1, order.get("line_items").size());
        assertEquals(3, order.at("/line_items/0/quantity").asInt());
        extensiv.verify(putRequestedFor(urlPathEqualTo("/orders/184523/items/771203"))
                .withHeader("If-Match", equalTo(ETAG))
                .withRequestBody(matchingJsonPath("$.qty", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.itemIdentifier.sku", equalTo("TEE-BLU-M")))
                .withRequestBody(matchingJsonPath("$.readOnly.orderItemId", equalTo("771203"))));
        extensiv.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlPathEqualTo(
                "/orders/184523/items/771204")).withHeader("If-Match", equalTo(next)));
        extensiv.verify(0, putRequestedFor(urlPathEqualTo("/orders/184523")));
    }

    @Test
    void a_line_the_order_lacks_is_a_422_before_any_change_and_a_stale_item_change_is_extensivs_412() {
        stubOrderGet(184523, orderWithTwoItems(), ETAG);
        ValidationProblem problem = assertThrows(ValidationProblem.class, () -> write(Action.UPDATE_ORDER, "184523",
                Map.of("line_items", List.of(Map.of("sku", "TEE-RED-S", "quantity", 1)))));
        assertTrue(problem.body().detail().get("json").get("line_items.0").get(0).contains("no such item"),
                problem.body().toString());
        extensiv.verify(0, putRequestedFor(anyUrl()));

        extensiv.stubFor(put(urlPathEqualTo("/orders/184523/items/771203")).willReturn(hal(412, "{\"ErrorCode\":"
                + " \"PreconditionFailed\", \"Hint\": \"The order was changed by someone else; read it again\"}")));
        AdapterException stale = assertThrows(AdapterException.class, () -> write(Action.UPDATE_ORDER, "184523",
                Map.of("line_items", List.of(Map.of("sku", "TEE-BLU-M", "quantity", 5), Map.of("sku", "TEE-BLU-L",
                        "quantity", 1)))));
        assertEquals(412, stale.status());
        assertTrue(stale.getMessage().contains("changed by someone else"), stale.getMessage());
        extensiv.verify(1, putRequestedFor(urlPathEqualTo("/orders/184523/items/771203")));
        extensiv.verify(0, putRequestedFor(urlPathEqualTo("/orders/184523/items/771204")));
    }

    @Test
    void a_stale_etag_is_extensivs_412_and_nothing_is_retried() {
        stubOrderGet(184523, openOrder(184523), ETAG);
        extensiv.stubFor(put(urlPathEqualTo("/orders/184523")).willReturn(hal(412, "{\"ErrorCode\":"
                + " \"PreconditionFailed\", \"Hint\": \"The order was changed by someone else; read it again\"}")));
        AdapterException stale = assertThrows(AdapterException.class, () -> write(Action.UPDATE_ORDER, "184523",
                Map.of("notes", "ring twice")));
        assertEquals(412, stale.status());
        assertEquals(AdapterException.Kind.PERMANENT, stale.kind());
        assertTrue(stale.getMessage().contains("changed by someone else"), stale.getMessage());
        extensiv.verify(1, putRequestedFor(urlPathEqualTo("/orders/184523")));

        extensiv.stubFor(post(urlPathEqualTo("/orders/184523/canceler")).willReturn(hal(412, "{\"ErrorCode\":"
                + " \"PreconditionFailed\", \"Hint\": \"ETag mismatch\"}")));
        assertEquals(412, assertThrows(AdapterException.class, () -> write(Action.CANCEL_ORDER, "184523", Map.of()))
                .status());
    }

    @Test
    void a_cancel_posts_the_canceler_with_if_match_and_returns_the_cancelled_order() {
        ObjectNode cancelled = openOrder(184523);
        ((ObjectNode) cancelled.get("readOnly")).put("status", 2);
        extensiv.stubFor(get(urlPathEqualTo("/orders/184523")).inScenario("cancel")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(hal(200, openOrder(184523).toString()).withHeader("ETag", ETAG)));
        extensiv.stubFor(post(urlPathEqualTo("/orders/184523/canceler")).inScenario("cancel")
                .withHeader("If-Match", equalTo(ETAG)).willSetStateTo("cancelled")
                .willReturn(aResponse().withStatus(204)));
        extensiv.stubFor(get(urlPathEqualTo("/orders/184523")).inScenario("cancel")
                .whenScenarioStateIs("cancelled")
                .willReturn(hal(200, cancelled.toString()).withHeader("ETag", "\"AAAAAAAbc7B=\"")));

        ObjectNode order = write(Action.CANCEL_ORDER, "184523", Map.of()).record();

        assertEquals("cancelled", order.get("status").asText());
        assertEquals("Canceled", order.get("raw_status").asText());
        extensiv.verify(postRequestedFor(urlPathEqualTo("/orders/184523/canceler"))
                .withRequestBody(matchingJsonPath("$.reason")));
    }

    @Test
    void another_customers_order_or_an_unknown_one_is_not_found_and_not_changed() {
        ObjectNode other = openOrder(184600);
        ((ObjectNode) other.at("/readOnly/customerIdentifier")).put("id", 6);
        stubOrderGet(184600, other, ETAG);
        extensiv.stubFor(get(urlPathEqualTo("/orders/184601")).willReturn(aResponse().withStatus(404)));
        for (String id : List.of("184600", "184601", "not-a-number")) {
            AdapterException e = assertThrows(AdapterException.class, () -> write(Action.CANCEL_ORDER, id, Map.of()));
            assertEquals(404, e.status(), id);
        }
        extensiv.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void items_are_created_and_updated_with_if_match() throws Exception {
        ObjectNode item = (ObjectNode) JSON.readTree(resource("vendors/extensiv/items.json")).get("_embedded")
                .get("http://api.3plCentral.com/rels/customers/item").get(0);
        ObjectNode created = item.deepCopy().put("sku", "MUG-RED").put("description", "Red mug").put("upc",
                "840000999990");
        ((ObjectNode) created.get("readOnly")).put("itemId", 3400);
        created.put("itemId", 3400);
        extensiv.stubFor(post(urlPathEqualTo("/customers/5/items")).willReturn(hal(201, created.toString())
                .withHeader("ETag", ETAG)));

        ObjectNode product = write(Action.CREATE_PRODUCT, null, Map.of("sku", "MUG-RED", "name", "Red mug", "gtin",
                "840000999990")).record();

        assertEquals("3400", product.get("id").asText());
        assertEquals("Red mug", product.get("name").asText());
        extensiv.verify(postRequestedFor(urlPathEqualTo("/customers/5/items")).withRequestBody(equalToJson(
                "{\"sku\": \"MUG-RED\", \"description\": \"Red mug\", \"upc\": \"840000999990\"}")));

        extensiv.stubFor(get(urlPathEqualTo("/customers/5/items/3400")).willReturn(hal(200, created.toString())
                .withHeader("ETag", ETAG)));
        ObjectNode renamed = created.deepCopy().put("description", "Crimson mug");
        extensiv.stubFor(put(urlPathEqualTo("/customers/5/items/3400")).withHeader("If-Match", equalTo(ETAG))
                .willReturn(hal(200, renamed.toString())));
        assertEquals("Crimson mug", write(Action.UPDATE_PRODUCT, "3400", Map.of("warehouse_customer_id", "5",
                "name", "Crimson mug")).record().get("name").asText());
        extensiv.verify(putRequestedFor(urlPathEqualTo("/customers/5/items/3400"))
                .withRequestBody(matchingJsonPath("$.description", equalTo("Crimson mug")))
                .withRequestBody(matchingJsonPath("$.sku", equalTo("MUG-RED"))));

        extensiv.stubFor(put(urlPathEqualTo("/customers/5/items/3400")).willReturn(hal(412, "{\"ErrorCode\":"
                + " \"PreconditionFailed\", \"Hint\": \"ETag mismatch\"}")));
        assertEquals(412, assertThrows(AdapterException.class, () -> write(Action.UPDATE_PRODUCT, "3400",
                Map.of("warehouse_customer_id", "5", "name", "x"))).status());
        extensiv.stubFor(post(urlPathEqualTo("/customers/5/items")).willReturn(hal(400, "{\"ErrorCode\":"
                + " \"DuplicateSku\", \"Hint\": \"Sku MUG-RED already exists\"}")));
        AdapterException duplicate = assertThrows(AdapterException.class, () -> write(Action.CREATE_PRODUCT, null,
                Map.of("sku", "MUG-RED", "name", "Red mug")));
        assertEquals(400, duplicate.status());
        assertTrue(duplicate.getMessage().contains("already exists"));
        assertThrows(ValidationProblem.class, () -> write(Action.CREATE_PRODUCT, null, Map.of("sku", "MUG-RED",
                "name", "Red mug", "warehouse_customer_id", "6")));
    }

    @Test
    void a_receiver_is_created_for_an_inbound_shipment() throws Exception {
        ObjectNode receiver = (ObjectNode) JSON.readTree(resource("vendors/extensiv/receivers.json"))
                .get("_embedded").get("http://api.3plCentral.com/rels/inventory/receiver").get(0);
        ObjectNode ro = (ObjectNode) receiver.get("readOnly");
        ro.put("receiverId", 66131).put("status", 0);
        receiver.put("referenceNum", "PO-2026-131").put("poNum", "PO-2026-131").putNull("arrivalDate")
                .put("expectedDate", "2026-12-10T00:00:00").put("trackingNumber", "1Z999AA10123456785");
        extensiv.stubFor(post(urlPathEqualTo("/inventory/receivers")).willReturn(hal(201, receiver.toString())
                .withHeader("ETag", ETAG)));

        ObjectNode inbound = write(Action.CREATE_INBOUND_SHIPMENT, null, Map.of("reference_number", "PO-2026-131",
                "purchase_order_number", "PO-2026-131", "warehouse_id", "7", "expected_arrival_date",
                "2026-12-10T00:00:00Z", "tracking_number", "1Z999AA10123456785", "line_items",
                List.of(Map.of("sku", "TEE-BLU-M", "expected_quantity", 60)))).record();

        assertEquals("66131", inbound.get("id").asText());
        assertEquals("open", inbound.get("status").asText());
        assertEquals("2026-12-10T00:00:00Z", inbound.get("expected_arrival_date").asText());
        assertFalse(inbound.get("line_items").isEmpty());
        extensiv.verify(postRequestedFor(urlPathEqualTo("/inventory/receivers")).withRequestBody(equalToJson(
                "{\"customerIdentifier\": {\"id\": 5}, \"facilityIdentifier\": {\"id\": 7}, \"referenceNum\":"
                        + " \"PO-2026-131\", \"poNum\": \"PO-2026-131\", \"expectedDate\": \"2026-12-10T00:00:00\","
                        + " \"trackingNumber\": \"1Z999AA10123456785\", \"receiveItems\": [{\"itemIdentifier\":"
                        + " {\"sku\": \"TEE-BLU-M\"}, \"qty\": 60}]}")));

        extensiv.stubFor(post(urlPathEqualTo("/inventory/receivers")).willReturn(hal(400, "{\"ErrorCode\":"
                + " \"InvalidParameter\", \"Hint\": \"Sku NOPE is not defined for customer 5\"}")));
        AdapterException refused = assertThrows(AdapterException.class, () -> write(
                Action.CREATE_INBOUND_SHIPMENT, null, Map.of("reference_number", "PO-2026-132", "warehouse_id", "7",
                        "line_items", List.of(Map.of("sku", "NOPE", "expected_quantity", 1)))));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("is not defined"));
    }

    @Test
    void writes_extensiv_does_not_document_are_not_offered() {
        assertEquals(java.util.EnumSet.of(Action.CREATE_ORDER, Action.UPDATE_ORDER, Action.CANCEL_ORDER,
                Action.CREATE_PRODUCT, Action.UPDATE_PRODUCT, Action.CREATE_INBOUND_SHIPMENT), adapter().writes());
        AdapterException e = assertThrows(AdapterException.class, () -> adapter().write(context(),
                new Write.Request(Action.CREATE_RETURN, null, JSON.createObjectNode())));
        assertEquals(501, e.status());
    }
}
