package dev.switchboard.wms.api;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.WmsContract;
import dev.switchboard.webhook.PayloadCipher;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapters;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The write API end to end on a sandbox connection: each write answers Trackstar's write response (validated against
 * the reference OpenAPI), the record is in the store at once (read back with GET, validated against the reads'
 * contract), and the sandbox system refuses what a WMS would, with origin integration. Also: 401 for another
 * organization's token, 422 for null and empty fields, unused_fields, Idempotency-Key per connection, 501 in
 * Trackstar's words, and trackstar tags.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WmsWriteResourceTest {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    WmsAdapters adapters;
    @Inject
    DataSource db;
    @Inject
    PayloadCipher cipher;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The opened bodies queued for the organization's webhooks of one event type, oldest first. */
    private List<JsonNode> webhooks(String organizationId, String eventType) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select distinct on (event_id) event_id, payload from webhook_delivery
                 where organization_id = ? and event_type = ? order by event_id""")) {
            s.setString(1, organizationId);
            s.setString(2, eventType);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(JSON.readTree(cipher.open(r.getBytes(2), "webhook_event.payload:" + r.getString(1))));
                }
            }
        }
        return out;
    }

    @Test
    void a_write_fires_its_webhook_as_a_synced_change_would() throws Exception {
        Sandbox s = sandbox();
        as(s.org().testKey()).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hooks", "events",
                List.of("order.created", "order.updated"))).post("/webhooks").then().statusCode(201);
        String id = s.write().body(ORDER).post("/wms/orders").then().statusCode(200).extract().path("id");
        s.write().put("/wms/orders/" + id + "/cancel").then().statusCode(200);
        List<JsonNode> created = webhooks(s.org().id(), "order.created");
        assertEquals(1, created.size());
        assertEquals(id, created.get(0).at("/data/id").asText());
        assertEquals(s.connectionId(), created.get(0).at("/connection_id").asText());
        assertEquals("sandbox", created.get(0).at("/integration_name").asText());
        List<JsonNode> updated = webhooks(s.org().id(), "order.updated");
        assertEquals(1, updated.size());
        assertEquals("cancelled", updated.get(0).at("/data/status").asText());
        assertEquals("open", updated.get(0).at("/previous_attributes/status").asText());
    }

    record Sandbox(Fixtures.Org org, String token, String connectionId) {

        RequestSpecification write() {
            return as(org.testKey()).filter(WmsContract.WRITE_FILTER).header("x-trackstar-access-token", token)
                    .contentType(ContentType.JSON);
        }

        RequestSpecification read() {
            return as(org.testKey()).filter(WmsContract.FILTER).header("x-trackstar-access-token", token);
        }
    }

    static Sandbox sandbox() {
        Fixtures.Org org = Fixtures.newOrganization();
        Response generated = as(org.testKey()).filter(Contract.FILTER).post("/sandbox/generate-sandbox/wms").then()
                .statusCode(200).extract().response();
        return new Sandbox(org, generated.path("access_token"), generated.path("connection_id"));
    }

    static final Map<String, Object> ORDER = Map.of("order_number", "#W-1", "reference_id", "shop-77",
            "ship_to_address", Map.of("full_name", "Ada Lovelace", "address1", "1 Main St", "city", "Austin",
                    "state", "TX", "postal_code", "78701", "country", "US"),
            "line_items", List.of(Map.of("product_id", "prd_1", "sku", "SKU-1", "quantity", 2)),
            "trackstar_tags", List.of("vip", Map.of("wave", "3")), "gift_note", "for you");

    @Test
    void an_order_is_created_in_the_system_and_read_back_at_once() {
        Sandbox s = sandbox();
        Response created = s.write().body(ORDER).post("/wms/orders").then().statusCode(200)
                .body("data.order_number", equalTo("#W-1")).body("data.status", equalTo("open"))
                .body("data.ship_to_address.city", equalTo("Austin"))
                .body("data.line_items[0].quantity", equalTo(2)).body("data.trackstar_tags[0]", equalTo("vip"))
                .body("unused_fields", contains("gift_note")).body("data", hasKey("trackstar_created_date"))
                .extract().response();
        String id = created.path("id");
        assertEquals(id, created.path("data.id"));
        s.read().get("/wms/orders/" + id).then().statusCode(200).body("data.order_number", equalTo("#W-1"))
                .body("data.reference_id", equalTo("shop-77")).body("data.trackstar_tags[1].wave", equalTo("3"));

        // Update, ship, then cancelling is refused by the system with its own status.
        s.write().body(Map.of("order_number", "#W-1b")).put("/wms/orders/" + id).then().statusCode(200)
                .body("data.order_number", equalTo("#W-1b")).body("unused_fields", equalTo(List.of()));
        s.write().body(Map.of("shipped_date", "2026-12-01T10:00:00Z", "tracking_number", "1Z999",
                "warehouse_id", "wh_1", "shipping_cost", 4.5, "measurements", Map.of("length", 1, "width", 2,
                        "height", 3, "unit", "in", "weight", 1.5, "weight_unit", "lb")))
                .post("/wms/orders/" + id + "/shipments").then().statusCode(200)
                .body("data.status", equalTo("fulfilled")).body("data.shipments.size()", equalTo(1));
        s.write().put("/wms/orders/" + id + "/cancel").then().statusCode(409)
                .body("origin", equalTo("integration")).body("error", containsString("cannot be cancelled"));
        s.read().get("/wms/orders/" + id).then().statusCode(200).body("data.status", equalTo("fulfilled"))
                .body("data.order_number", equalTo("#W-1b"));
    }

    @Test
    void a_seeded_order_is_cancelled_and_an_unknown_one_is_the_contracts_404() {
        Sandbox s = sandbox();
        String id = s.write().body(ORDER).post("/wms/orders").then().statusCode(200).extract().path("id");
        s.write().put("/wms/orders/" + id + "/cancel").then().statusCode(200)
                .body("data.status", equalTo("cancelled"));
        s.write().put("/wms/orders/ord_nope/cancel").then().statusCode(404).body("id", equalTo("ord_nope"))
                .body("$", not(hasKey("code")));
    }

    @Test
    void products_kits_inbound_shipments_returns_and_inventory_are_written() {
        Sandbox s = sandbox();
        String product = s.write().body(Map.of("sku", "NEW-1", "name", "New thing", "gtin", "0001"))
                .post("/wms/products").then().statusCode(200).body("data.sku", equalTo("NEW-1")).extract()
                .path("id");
        s.write().body(Map.of("name", "Renamed")).put("/wms/products/" + product).then().statusCode(200)
                .body("data.name", equalTo("Renamed"));
        s.read().get("/wms/products/" + product).then().statusCode(200).body("data.name", equalTo("Renamed"));
        s.write().body(Map.of("sku", "KIT-1", "name", "Kit", "gtin", "0002", "measurements", Map.of("length", 1,
                "width", 1, "height", 1, "unit", "in", "weight", 1, "weight_unit", "lb"), "inventory_items",
                List.of(Map.of("sku", "NEW-1", "unit_quantity", 2)))).post("/wms/kits").then().statusCode(200)
                .body("data.is_kit", equalTo(true));

        String inbound = s.write().body(Map.of("supplier", "Acme", "purchase_order_number", "PO-9",
                "expected_arrival_date", "2026-12-10T00:00:00Z", "warehouse_id", "wh_1", "tracking_number", "T1",
                "line_items", List.of(Map.of("sku", "NEW-1", "expected_quantity", 10))))
                .post("/wms/inbound-shipments").then().statusCode(200).body("data.status", equalTo("open"))
                .extract().path("id");
        s.write().body(Map.of("purchase_order_number", "PO-9b")).put("/wms/inbound-shipments/" + inbound).then()
                .statusCode(200).body("data.purchase_order_number", equalTo("PO-9b"));
        s.write().body(Map.of("warehouse_location_id", "loc_1", "line_items",
                List.of(Map.of("sku", "NEW-1", "quantity", 10)))).put("/wms/inbound-shipments/" + inbound + "/receive")
                .then().statusCode(200).body("data.status", equalTo("received"))
                .body("data.line_items[0].received_quantity", equalTo(10));
        s.read().get("/wms/inbound-shipments/" + inbound).then().statusCode(200)
                .body("data.receipts.size()", equalTo(1));

        String ret = s.write().body(Map.of("order_id", "ord_1", "warehouse_id", "wh_1", "line_items",
                List.of(Map.of("sku", "NEW-1", "quantity", 1)))).post("/wms/returns").then().statusCode(200)
                .extract().path("id");
        s.write().body(Map.of("warehouse_id", "wh_2")).put("/wms/returns/" + ret).then().statusCode(200);

        // The suite syncs nothing: an inventory item of the simulated system, as the adapter serves it.
        var inventory = adapters.find("sandbox").orElseThrow().fetchPage(
                new AdapterContext(s.connectionId(), new Tenant(s.org().id(), Environment.TEST), "sandbox", Map.of(),
                        null),
                WmsFunction.GET_INVENTORY, new SyncWindow(null, null), null).records().get(0);
        String item = inventory.get("id").asText();
        String warehouse = inventory.get("inventory_by_warehouse_id").fieldNames().next();
        int onhand = inventory.get("onhand").asInt();
        s.write().body(Map.of("quantity", 3, "adjustment_type", "increase", "warehouse_id", warehouse))
                .put("/wms/inventory/" + item + "/adjust").then().statusCode(200)
                .body("data.onhand", equalTo(onhand + 3));
        s.read().get("/wms/inventory/" + item).then().body("data.onhand", equalTo(onhand + 3));
        s.write().body(Map.of("quantity", 3, "adjustment_type", "increase", "warehouse_id", "wh_nowhere"))
                .put("/wms/inventory/" + item + "/adjust").then().statusCode(400)
                .body("origin", equalTo("integration"));
    }

    @Test
    void null_empty_and_wrong_fields_are_422s_at_the_field() {
        Sandbox s = sandbox();
        s.write().body("{\"order_number\":null,\"reference_id\":\"\",\"total_price\":\"x\",\"line_items\":[{}]}")
                .post("/wms/orders").then().statusCode(422)
                .body("detail.json", hasKey("order_number")).body("detail.json", hasKey("reference_id"))
                .body("detail.json", hasKey("total_price")).body("detail.json", hasKey("ship_to_address"))
                .body("detail.json", hasKey("line_items.0.product_id"));
        s.write().body("[1]").post("/wms/products").then().statusCode(422);
        s.write().body(Map.of("quantity", 1, "adjustment_type", "sideways", "warehouse_id", "w"))
                .put("/wms/inventory/x/adjust").then().statusCode(422)
                .body("detail.json.adjustment_type[0]", startsWith("Must be one of"));
    }

    @Test
    void another_organizations_token_is_401_on_every_write() {
        Sandbox s = sandbox();
        Sandbox other = sandbox();
        for (String[] route : List.of(new String[]{ "POST", "/wms/orders" }, new String[]{ "PUT", "/wms/orders/x" },
                new String[]{ "PUT", "/wms/orders/x/cancel" }, new String[]{ "POST", "/wms/orders/x/shipments" },
                new String[]{ "POST", "/wms/products" }, new String[]{ "PUT", "/wms/products/x" },
                new String[]{ "POST", "/wms/kits" }, new String[]{ "PUT", "/wms/kits/x" },
                new String[]{ "POST", "/wms/inbound-shipments" }, new String[]{ "PUT", "/wms/inbound-shipments/x" },
                new String[]{ "PUT", "/wms/inbound-shipments/x/receive" }, new String[]{ "POST", "/wms/returns" },
                new String[]{ "PUT", "/wms/returns/x" }, new String[]{ "PUT", "/wms/inventory/x/adjust" },
                new String[]{ "PUT", "/wms/orders/x/trackstar-tags" },
                new String[]{ "PUT", "/wms/warehouses/x/trackstar-tags" })) {
            as(s.org().testKey()).header("x-trackstar-access-token", other.token()).contentType(ContentType.JSON)
                    .body("{}").request(route[0], route[1]).then().statusCode(401)
                    .body("code", equalTo("INVALID_ACCESS_TOKEN"));
        }
    }

    @Test
    void an_idempotency_key_replays_the_first_success_per_connection() {
        Sandbox s = sandbox();
        Response first = s.write().header("Idempotency-Key", "order-1").body(ORDER).post("/wms/orders").then()
                .statusCode(200).extract().response();
        s.write().header("Idempotency-Key", "order-1").body(ORDER).post("/wms/orders").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        Map<String, Object> otherOrder = new java.util.HashMap<>(ORDER);
        otherOrder.put("order_number", "#other");
        s.write().header("Idempotency-Key", "order-1").body(otherOrder).post("/wms/orders")
                .then().statusCode(422).body("detail.headers", hasKey("Idempotency-Key"));
        // The same key on another connection is another request.
        Sandbox other = sandbox();
        other.write().header("Idempotency-Key", "order-1").body(ORDER).post("/wms/orders").then().statusCode(200)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("id", not(equalTo(first.path("id"))));
    }

    @Test
    void an_action_the_integration_lacks_is_501_in_trackstars_words() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        WmsTesting.Reader shipbob = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shipbob",
                List.of(), null);
        as(org.testKey()).header("x-trackstar-access-token", shipbob.token()).contentType(ContentType.JSON)
                .body(Map.of("order_number", "x")).put("/wms/orders/1").then().statusCode(501)
                .body("error", equalTo("Endpoint update_order is not implemented for ShipBob"));
        as(org.testKey()).header("x-trackstar-access-token", shipbob.token()).put("/wms/inventory/1/adjust").then()
                .statusCode(501);
    }

    @Test
    void trackstar_tags_replace_the_list_and_stay_switchboards() {
        Sandbox s = sandbox();
        String id = s.write().body(ORDER).post("/wms/orders").then().statusCode(200).extract().path("id");
        s.write().body(Map.of("trackstar_tags", List.of("b2b", Map.of("region", "west")))).put(
                "/wms/orders/" + id + "/trackstar-tags").then().statusCode(200)
                .body("data.trackstar_tags", hasItem("b2b")).body("data.trackstar_tags.size()", equalTo(2))
                .body("id", equalTo(id));
        s.read().get("/wms/orders/" + id).then().body("data.trackstar_tags[0]", equalTo("b2b"));
        String other = s.write().body(ORDER).post("/wms/orders").then().statusCode(200).extract().path("id");
        s.read().urlEncodingEnabled(true).queryParam("trackstar_tags[contains]", "b2b,region:west").get("/wms/orders")
                .then().statusCode(200).body("data.id", contains(id));
        s.read().queryParam("trackstar_tags[not_contains]", "b2b").get("/wms/orders").then().statusCode(200)
                .body("data.id", contains(other));
        s.read().queryParam("trackstar_tags[contains]", "vip").get("/wms/orders").then().statusCode(200)
                .body("data.id", contains(other));
        s.read().queryParam("trackstar_tags[eq]", "vip").get("/wms/orders").then().statusCode(422);
        s.write().body(Map.of("trackstar_tags", List.of(Map.of("a", "1", "b", "2"))))
                .put("/wms/orders/" + id + "/trackstar-tags").then().statusCode(422);
        s.write().body(Map.of("trackstar_tags", List.of("x"))).put("/wms/orders/ord_nope/trackstar-tags").then()
                .statusCode(404).body("id", equalTo("ord_nope"));
    }
}
