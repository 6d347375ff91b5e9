package dev.switchboard.wms.api;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.api.WmsTesting.Reader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every route of the read API on real PostgreSQL: bodies validated against Trackstar's reads OpenAPI (plus the
 * trackstar dates), two organizations and both environments on every path, the access token's 401s, 501 and 403,
 * and the contract's 404.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WmsReadResourceTest {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    DataSource db;

    /** Records per function in each of the four worlds: all different, so a leak shows in the counts. */
    private static final Map<String, Integer> COUNTS = Map.of("A-test", 6, "A-live", 4, "B-test", 5, "B-live", 3);

    private final Map<String, Reader> readers = new LinkedHashMap<>();

    /** Seeded once, on first use (RestAssured knows the test port only once a test runs). */
    @BeforeEach
    void seed() {
        if (!readers.isEmpty()) {
            return;
        }
        Fixtures.Org a = Fixtures.newOrganization();
        Fixtures.Org b = Fixtures.newOrganization();
        for (Fixtures.Org org : List.of(a, b)) {
            for (Environment env : Environment.values()) {
                Tenant tenant = new Tenant(org.id(), env);
                Reader reader = WmsTesting.connect(connections, catalog, tenant, WmsTesting.apiKey(org, tenant),
                        "shiphero", List.of(), null);
                WmsTesting.grant(db, reader.connectionId(), Action.GET_LABOR_ACTIVITIES);
                // ShipHero has no shipping-methods query (issue 13), but these tests read every route.
                WmsTesting.grant(db, reader.connectionId(), Action.GET_SHIPPING_METHODS);
                String name = (org == a ? "A-" : "B-") + env.value();
                for (WmsFunction function : WmsFunction.values()) {
                    WmsTesting.seed(db, reader, function, COUNTS.get(name));
                }
                readers.put(name, reader);
            }
        }
    }

    /** A connection of its own, for tests that change records. */
    private Reader fresh() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        Reader reader = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero", List.of(), null);
        WmsTesting.grant(db, reader.connectionId(), Action.GET_SHIPPING_METHODS);
        return reader;
    }

    /** Each route with its path parameters filled for record 1 (locations: warehouse wh_2, which record 1 is in). */
    private static Map<ReadRoute, String> urls() {
        Map<ReadRoute, String> urls = new EnumMap<>(ReadRoute.class);
        for (ReadRoute route : ReadRoute.values()) {
            String url = route.path()
                    .replace("{warehouse_id}/locations/{location_id}",
                            "wh_2/locations/" + WmsFixtures.id(WmsFunction.GET_WAREHOUSE_LOCATIONS, 1))
                    .replace("{warehouse_id}/locations", "wh_2/locations")
                    .replace("{warehouse_id}", WmsFixtures.id(WmsFunction.GET_WAREHOUSES, 1))
                    .replaceAll("\\{[a-z_]+}", WmsFixtures.id(route.function(), 1));
            urls.put(route, url);
        }
        return urls;
    }

    /** How many records a list route gives in a world of {@code count} records per function. */
    private static int expected(ReadRoute route, int count) {
        if (route == ReadRoute.WAREHOUSE_LOCATIONS) {
            return count / 2; // the odd ones are in wh_2
        }
        return count;
    }

    @Test
    void every_route_answers_in_the_contract_shape_and_each_world_sees_only_its_own_records() {
        Map<ReadRoute, String> urls = urls();
        assertEquals(26, urls.size());
        for (Map.Entry<String, Reader> world : readers.entrySet()) {
            int count = COUNTS.get(world.getKey());
            for (Map.Entry<ReadRoute, String> e : urls.entrySet()) {
                ReadRoute route = e.getKey();
                Response response = world.getValue().request().get(e.getValue());
                assertEquals(200, response.statusCode(),
                        world.getKey() + " " + e.getValue() + ": " + response.asString());
                if (route.list()) {
                    List<Map<String, Object>> data = response.path("data");
                    assertEquals(expected(route, count), data.size(), world.getKey() + " " + e.getValue());
                    assertEquals(data.size(), response.<Integer>path("total_count").intValue());
                    assertEquals(null, response.<String>path("next_token"));
                    List<String> ids = data.stream().map(d -> (String) d.get("id")).toList();
                    assertEquals(ids.stream().sorted().toList(), ids, "record-id order");
                } else {
                    Map<String, Object> data = response.path("data");
                    if (route != ReadRoute.ORDER_PACKS) {
                        assertEquals(WmsFixtures.id(route.function(), 1), data.get("id"));
                    } else {
                        assertEquals("pack_1", response.path("data.packs[0].pack_id"));
                        // Stored with the store's keys, served as OrderPackSchema has it (the filter validates it).
                        for (String key : List.of("id", "created_date", "updated_date")) {
                            assertTrue(!data.containsKey(key), key + " in " + data);
                        }
                    }
                    assertTrue(((String) data.get("trackstar_created_date"))
                            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
                    assertTrue(((String) data.get("trackstar_updated_date"))
                            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
                }
            }
        }
    }

    @Test
    void a_served_record_is_the_stored_document_plus_the_trackstar_dates_in_whole_seconds() {
        Reader reader = fresh();
        Instant created = Instant.parse("2026-10-01T10:11:12.987654Z");
        Instant updated = Instant.parse("2026-10-02T01:02:03.5Z");
        var document = WmsFixtures.document(WmsFunction.GET_ORDERS, 77);
        WmsTesting.insert(db, reader, WmsFunction.GET_ORDERS, "ord_00077", document, null, null, created, updated);
        Response response = reader.request().get("/wms/orders/ord_00077").then().statusCode(200)
                .body("data.trackstar_created_date", is("2026-10-01T10:11:12Z"))
                .body("data.trackstar_updated_date", is("2026-10-02T01:02:03Z"))
                .body("data.order_number", is("#1077"))
                .body("data.line_items[0].sku", is(WmsFixtures.sku(77)))
                .body("data.shipments[0].packages[0].tracking_number", is("1Z999AA10000000077"))
                .extract().response();
        Map<String, Object> data = response.path("data");
        assertEquals(document.size() + 2, data.size(), "every key of the document, and the two dates");
    }

    @Test
    void an_unknown_or_deleted_id_is_the_contracts_404_with_the_id() {
        Reader reader = readers.get("A-test");
        Map<ReadRoute, String> urls = urls();
        for (ReadRoute route : ReadRoute.values()) {
            if (route.list() && route != ReadRoute.WAREHOUSE_LOCATIONS) {
                continue;
            }
            String url = urls.get(route).replace(WmsFixtures.id(route.function(), 1), "nope_42")
                    .replace("wh_2/locations",
                            route == ReadRoute.WAREHOUSE_LOCATIONS ? "nope_42/locations" : "wh_2/locations");
            reader.request().get(url).then().statusCode(404).body("id", is("nope_42"))
                    .body("$", not(hasKey("code"))).body("error", matchesPattern(".+ not found"));
        }
        // A location asked for under another warehouse than its own
        reader.request().get("/wms/warehouses/wh_1/locations/" + WmsFixtures.id(WmsFunction.GET_WAREHOUSE_LOCATIONS, 1))
                .then().statusCode(404);
        Reader own = fresh();
        WmsTesting.seed(db, own, WmsFunction.GET_PRODUCTS, 6);
        WmsTesting.softDelete(db, own, WmsFunction.GET_PRODUCTS, "prod_00005");
        own.request().get("/wms/products/prod_00005").then().statusCode(404).body("id", is("prod_00005"));
        own.request().get("/wms/products").then().statusCode(200).body("total_count", is(5))
                .body("data.id", not(hasItem("prod_00005")));
    }

    @Test
    void another_worlds_token_is_401_on_every_route_and_another_worlds_record_is_404() {
        Map<ReadRoute, String> urls = urls();
        Reader aTest = readers.get("A-test");
        for (String other : List.of("A-live", "B-test", "B-live")) {
            for (String url : urls.values()) {
                as(aTest.apiKey()).header("x-trackstar-access-token", readers.get(other).token()).get(url).then()
                        .statusCode(401).body("code", is("INVALID_ACCESS_TOKEN"));
            }
        }
        // Record 5 exists in A-test only: the other worlds do not see it under the same id.
        for (String other : List.of("A-live", "B-test", "B-live")) {
            readers.get(other).request().get("/wms/orders/ord_00005").then().statusCode(404);
            readers.get(other).request().get("/wms/orders?ids[in]=ord_00005").then().statusCode(200)
                    .body("data", empty());
        }
        aTest.request().get("/wms/orders/ord_00005").then().statusCode(200);
    }

    @Test
    void a_missing_malformed_unknown_or_deleted_token_is_401() {
        Reader reader = readers.get("B-live");
        String key = reader.apiKey();
        for (String url : urls().values()) {
            as(key).get(url).then().statusCode(401).body("code", is("INVALID_ACCESS_TOKEN"));
        }
        as(key).header("x-trackstar-access-token", "").get("/wms/orders").then().statusCode(401)
                .body("code", is("INVALID_ACCESS_TOKEN"));
        as(key).header("x-trackstar-access-token", "not-a-token").get("/wms/orders").then().statusCode(401)
                .body("code", is("INVALID_ACCESS_TOKEN"));
        String forged = reader.token().substring(0, reader.token().length() - 8) + "AAAAAAAA";
        as(key).header("x-trackstar-access-token", forged).get("/wms/orders").then().statusCode(401)
                .body("code", is("INVALID_ACCESS_TOKEN"));
        // Without the API key, the key's 401 comes first.
        io.restassured.RestAssured.given().header("x-trackstar-access-token", reader.token()).get("/wms/orders")
                .then().statusCode(401).body("code", is("UNAUTHORIZED"));

        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        Reader doomed = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero", List.of(), null);
        WmsTesting.seed(db, doomed, WmsFunction.GET_ORDERS, 2);
        doomed.request().get("/wms/orders").then().statusCode(200).body("total_count", is(2));
        as(org.testKey()).header("x-trackstar-access-token", doomed.token()).delete("/connections").then()
                .statusCode(200);
        for (String url : urls().values()) {
            as(org.testKey()).header("x-trackstar-access-token", doomed.token()).get(url).then().statusCode(401)
                    .body("code", is("INVALID_ACCESS_TOKEN"));
        }
    }

    @Test
    void a_read_key_is_enough_and_a_function_the_integration_lacks_is_501_in_trackstars_words() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        Reader shipbob = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shipbob", List.of(), null);
        String readKey = Fixtures.newKey(org.testKey(), "read", 0);
        as(readKey).header("x-trackstar-access-token", shipbob.token()).get("/wms/orders").then().statusCode(200);
        as(readKey).header("x-trackstar-access-token", shipbob.token()).get("/wms/warehouse-customers").then()
                .statusCode(501).body("error", is("Endpoint get_warehouse_customers is not implemented for ShipBob"))
                .body("code", is("NOT_IMPLEMENTED"));
        as(readKey).header("x-trackstar-access-token", shipbob.token()).get("/wms/warehouse-customers/wc_1").then()
                .statusCode(501);
        as(readKey).header("x-trackstar-access-token", shipbob.token()).get("/wms/labor-activities").then()
                .statusCode(501).body("error", is("Endpoint get_labor_activities is not implemented for ShipBob"));
        // No WMS in the catalog offers labor activities yet; ShipHero neither, until granted.
        Reader shiphero = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero", List.of(), null);
        shiphero.request().get("/wms/labor-activities/lab_00001").then().statusCode(501)
                .body("error", is("Endpoint get_labor_activities is not implemented for ShipHero"));
        // The routes without a catalog action of their own follow their parent's (ReadRoute).
        shipbob.request().get("/wms/inventory/ledger").then().statusCode(200);
        shipbob.request().get("/wms/orders/channels").then().statusCode(200);
        shipbob.request().get("/wms/inbound-shipments/suppliers").then().statusCode(200);
        shipbob.request().get("/wms/warehouses/wh_1/locations").then().statusCode(404); // no such warehouse yet
    }

    @Test
    void a_function_the_link_disabled_is_403_and_its_companions_with_it() {
        Fixtures.Org org = Fixtures.newOrganization();
        String link = as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("customer_id", "acme", "disabled_functions", List.of("get_returns", "get_inventory")))
                .post("/magic-links").then().statusCode(200).extract().path("magic_link.id");
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        Reader reader = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero",
                List.of(Action.GET_RETURNS, Action.GET_INVENTORY), link);
        WmsTesting.seed(db, reader, WmsFunction.GET_RETURNS, 2);
        for (String url : List.of("/wms/returns", "/wms/returns/rma_00001", "/wms/inventory",
                "/wms/inventory/inv_00001",
                "/wms/inventory/ledger")) {
            reader.request().get(url).then().statusCode(403).body("code", is("ENDPOINT_DISABLED"))
                    .body("error", matchesPattern(
                            "Endpoint get_(returns|inventory|inventory_ledger) is disabled for this connection."));
        }
        reader.request().get("/wms/orders").then().statusCode(200);
    }

    @Test
    void the_default_page_is_1000_records_and_the_next_token_continues_it() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.LIVE);
        Reader reader = WmsTesting.connect(connections, catalog, tenant, org.liveKey(), "shiphero", List.of(), null);
        WmsTesting.sql(db, "insert into wms_record (connection_id, function, record_id, organization_id, environment, "
                + "document, doc_hash, created_date, updated_date, trackstar_created_date, trackstar_updated_date) "
                + "select ?, 'get_warehouse_customers', 'wc_' || lpad(n::text, 5, '0'), ?, 'live', "
                + "jsonb_build_object('id', 'wc_' || lpad(n::text, 5, '0'), 'created_date', '2026-01-01T00:00:00Z', "
                + "'updated_date', '2026-01-02T00:00:00Z', 'name', 'Merchant ' || n, 'email', null, "
                + "'additional_fields', '{}'::jsonb), '\\x00', now(), now(), now(), now() from generate_series(1, 1001) n",
                reader.connectionId(), org.id());
        Response first = reader.request().get("/wms/warehouse-customers").then().statusCode(200)
                .body("total_count", is(1000)).body("next_token", not(nullValue())).extract().response();
        reader.request().queryParam("page_token", first.<String>path("next_token")).get("/wms/warehouse-customers")
                .then().statusCode(200).body("total_count", is(1)).body("data[0].id", is("wc_01001"))
                .body("next_token", nullValue());
        reader.request().get("/wms/warehouse-customers?limit=1000&ids[in]=wc_00007,wc_00999,zzz").then().statusCode(200)
                .body("data.id", contains("wc_00007", "wc_00999"));
        List<Object> all = new ArrayList<>(first.path("data"));
        assertEquals(1000, all.size());
        reader.request().get("/wms/warehouse-customers?limit=1").then().statusCode(200)
                .body("data", hasSize(1)).body("data", everyItem(hasKey("trackstar_updated_date")));
    }
}
