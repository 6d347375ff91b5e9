package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConnectionResourceTest {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    RecordedConnectionEvents events;

    /** A connection installed for {@code org}'s test environment, and its access token from the exchange. */
    private record Installed(String id, String token) {
    }

    private Installed install(Fixtures.Org org, String customerId) {
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), customerId);
        return new Installed(installed.connection().id, Installs.exchange(org.testKey(), installed.authCode()));
    }

    private static RequestSpecification withToken(String apiKey, String accessToken) {
        return as(apiKey).filter(Contract.FILTER).header("x-trackstar-access-token", accessToken);
    }

    @Test
    void a_new_organization_has_no_connections() {
        as(Fixtures.newOrganization().testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200)
                .body("data", empty()).body("next_token", nullValue()).body("total_count", is(0));
    }

    @Test
    void one_connection_in_the_contract_shape_with_a_schedule_per_function_it_syncs() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed c = install(org, "cust-42");
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then().statusCode(200)
                .body("data", hasSize(1)).body("total_count", is(1)).body("next_token", nullValue())
                .body("data[0].connection_id", is(c.id()))
                .body("data[0].integration_name", is("shiphero"))
                .body("data[0].integration_type", is("wms"))
                .body("data[0].customer_id", is("cust-42"))
                .body("data[0].times_used", is(0))
                .body("data[0].last_used", nullValue())
                // ShipHero has an adapter: the install scheduled an initial sync of each function it reads.
                .body("data[0].sync_schedules.function_name", hasItems("get_orders", "get_inventory"))
                .body("data[0].errors", empty())
                .body("data[0].webhooks_disabled", is(false))
                .body("data[0].available_actions", hasItem("get_inventory"))
                .body("data[0].available_endpoints", hasItem("GET /wms/inventory"))
                .body("data[0].created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void pages_follow_next_token_oldest_first_without_gaps_or_repeats() {
        Fixtures.Org org = Fixtures.newOrganization();
        List<String> installed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            installed.add(install(org, "cust-page").id());
        }
        List<String> seen = new ArrayList<>();
        String pageToken = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            RequestSpecification request = as(org.testKey()).filter(Contract.FILTER).queryParam("limit", 2);
            if (pageToken != null) {
                request.queryParam("page_token", pageToken);
            }
            Response page = request.get("/connections").then().statusCode(200).extract().response();
            List<String> ids = page.path("data.connection_id");
            assertEquals(ids.size(), (int) page.path("total_count"));
            sizes.add(ids.size());
            seen.addAll(ids);
            pageToken = page.path("next_token");
        } while (pageToken != null);
        assertEquals(List.of(2, 2, 1), sizes);
        assertEquals(installed, seen);
    }

    @Test
    void the_list_filters_by_customer_and_integration() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed a = install(org, "cust-a");
        install(org, "cust-b");
        ConnectionService.Installed sandbox = connections.install(Installs.test(org),
                Installs.integration(catalog, IntegrationType.WMS, "sandbox"), "cust-a",
                Map.of("username", "u", "password", "p"), List.of(), null, null);

        as(org.testKey()).filter(Contract.FILTER).queryParam("customer_id", "cust-a").get("/connections").then()
                .statusCode(200).body("data.connection_id", contains(a.id(), sandbox.connection().id));
        as(org.testKey()).filter(Contract.FILTER).queryParam("customer_id", "cust-a")
                .queryParam("integration_name", "shiphero").get("/connections").then()
                .statusCode(200).body("data.connection_id", contains(a.id()));
        as(org.testKey()).filter(Contract.FILTER).queryParam("integration_name", "shipbob").get("/connections").then()
                .statusCode(200).body("data", empty()).body("total_count", is(0));
    }

    @Test
    void bad_query_parameters_are_422_in_the_contract_shape() {
        String key = Fixtures.newOrganization().testKey();
        as(key).filter(Contract.FILTER).queryParam("limit", 0).get("/connections").then().statusCode(422)
                .body("detail.query.limit[0]", is("Must be between 1 and 1000."));
        as(key).filter(Contract.FILTER).queryParam("limit", "ten").get("/connections").then().statusCode(422)
                .body("detail.query.limit[0]", is("Not a valid integer."));
        as(key).filter(Contract.FILTER).queryParam("page_token", "garbage!").get("/connections").then().statusCode(422)
                .body("detail.query.page_token[0]", is("Invalid page token."));
        as(key).filter(Contract.FILTER).queryParam("customer_id", "x".repeat(256)).get("/connections").then()
                .statusCode(422).body("detail.query.customer_id[0]", is("Longer than maximum length 255."));
    }

    @Test
    void another_organization_and_the_other_environment_see_nothing() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed c = install(org, null);
        Fixtures.Org other = Fixtures.newOrganization();
        as(other.testKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then().statusCode(404)
                .body("error", is("Connection not found")).body("id", is(c.id()));
        as(org.liveKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then().statusCode(404);
        as(other.testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200).body("data", empty());
        as(org.liveKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200).body("data", empty());
        as(org.testKey()).filter(Contract.FILTER).get("/connections/conn_unknown").then().statusCode(404)
                .body("id", is("conn_unknown"));
    }

    @Test
    void patch_by_access_token_changes_only_what_it_names() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed c = install(org, "cust-old");
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(Map.of("webhooks_disabled", true))
                .patch("/connections").then().statusCode(200)
                .body("id", is(c.id())).body("object", is("connection")).body("updated", is(true));
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then().statusCode(200)
                .body("data[0].webhooks_disabled", is(true)).body("data[0].customer_id", is("cust-old"));

        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(Map.of("customer_id", "cust-new"))
                .patch("/connections").then().statusCode(200);
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then()
                .body("data[0].webhooks_disabled", is(true)).body("data[0].customer_id", is("cust-new"));

        Map<String, Object> clear = new HashMap<>();
        clear.put("customer_id", null);
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(clear).patch("/connections").then()
                .statusCode(200);
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then()
                .body("data[0].customer_id", nullValue());
    }

    @Test
    void a_bad_patch_is_422_in_the_contract_shape() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed c = install(org, null);
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(Map.of("webhooks_disabled", "yes"))
                .patch("/connections").then().statusCode(422)
                .body("detail.json.webhooks_disabled[0]", is("Not a valid boolean."));
        Map<String, Object> nullFlag = new HashMap<>();
        nullFlag.put("webhooks_disabled", null);
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(nullFlag)
                .patch("/connections").then().statusCode(422)
                .body("detail.json.webhooks_disabled[0]", is("Field may not be null."));
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(Map.of("customer_id", "x".repeat(256)))
                .patch("/connections").then().statusCode(422)
                .body("detail.json.customer_id[0]", is("Longer than maximum length 255."));
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(Map.of("integration_name", "x"))
                .patch("/connections").then().statusCode(422).body("detail.json.integration_name", not(empty()));
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).patch("/connections").then().statusCode(422)
                .body("detail.json._schema[0]", is("Missing request body."));
        as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON).body(Map.of("webhooks_disabled", true))
                .patch("/connections").then().statusCode(422)
                .body("detail.headers.x-trackstar-access-token[0]", is("Missing data for required field."));
    }

    @Test
    void a_token_of_another_organization_or_environment_is_401() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed c = install(org, null);
        Fixtures.Org other = Fixtures.newOrganization();
        for (String key : List.of(other.testKey(), org.liveKey())) {
            withToken(key, c.token()).contentType(ContentType.JSON).body(Map.of("webhooks_disabled", true))
                    .patch("/connections").then().statusCode(401).body("code", is("INVALID_ACCESS_TOKEN"));
            withToken(key, c.token()).delete("/connections").then().statusCode(401).body("code",
                    is("INVALID_ACCESS_TOKEN"));
        }
        String typo = c.token().substring(0, c.token().length() - 1) + (c.token().endsWith("a") ? "b" : "a");
        withToken(org.testKey(), typo).delete("/connections").then().statusCode(401).body("code",
                is("INVALID_ACCESS_TOKEN"));
        withToken(org.testKey(), org.testKey()).delete("/connections").then().statusCode(401);
        withToken(org.testKey(), AccessTokenFormat.generate()).delete("/connections").then().statusCode(401);
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then().statusCode(200)
                .body("data[0].webhooks_disabled", is(false));
    }

    @Test
    void delete_ends_the_connection_and_its_token_at_once() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed c = install(org, "cust-del");
        Installed kept = install(org, "cust-del");
        withToken(org.testKey(), c.token()).delete("/connections").then().statusCode(200)
                .body("id", is(c.id())).body("object", is("connection")).body("deleted", is(true));

        withToken(org.testKey(), c.token()).delete("/connections").then().statusCode(401)
                .body("code", is("INVALID_ACCESS_TOKEN"));
        withToken(org.testKey(), c.token()).contentType(ContentType.JSON).body(Map.of("webhooks_disabled", true))
                .patch("/connections").then().statusCode(401);
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + c.id()).then().statusCode(404);
        as(org.testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200)
                .body("data.connection_id", contains(kept.id()));

        List<RecordedConnectionEvents.Recorded> fired = events.of(c.id());
        assertEquals(List.of(ConnectionEvent.CREATED, ConnectionEvent.DELETED),
                fired.stream().map(r -> r.event().eventType()).toList());
        assertTrue(fired.get(1).inTransaction());
        assertEquals("cust-del", fired.get(1).event().customerId());
        assertNull(fired.get(1).event().accessToken());
    }

    @Test
    void a_read_key_lists_but_cannot_change() {
        Fixtures.Org org = Fixtures.newOrganization();
        Installed c = install(org, null);
        String read = Fixtures.newKey(org.testKey(), "read", 0);
        as(read).filter(Contract.FILTER).get("/connections").then().statusCode(200).body("data", hasSize(1));
        withToken(read, c.token()).delete("/connections").then().statusCode(403).body("code", is("FORBIDDEN"));
    }
}
