package dev.switchboard.sandbox;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.RecordedConnectionEvents;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxResourceTest {

    @Inject
    Catalog catalog;
    @Inject
    RecordedConnectionEvents events;

    private static Response generate(String key, String type) {
        return as(key).filter(Contract.FILTER).post("/sandbox/generate-sandbox/" + type).then().statusCode(200)
                .extract().response();
    }

    @Test
    void every_call_answers_with_the_same_sandbox_connection_and_token() {
        Fixtures.Org org = Fixtures.newOrganization();
        Integration sandbox = catalog.find(IntegrationType.WMS, Integration.SANDBOX).orElseThrow();
        Response first = generate(org.testKey(), "wms");
        first.then().body("integration_name", is("sandbox"))
                .body("customer_id", nullValue())
                .body("connection_id", matchesPattern("conn_[0-9A-Za-z]{24}"))
                .body("access_token", matchesPattern("sb_at_[0-9A-Za-z]{38}"))
                .body("available_actions", contains(sandbox.availableActions().stream().map(Action::value).toArray()))
                // The read routes that answer (the functions the sandbox syncs), labor activities included.
                .body("available_endpoints",
                        hasItems("GET /wms/orders", "GET /wms/inventory", "GET /wms/labor-activities"));
        Response second = generate(org.testKey(), "wms");
        assertEquals((String) first.path("connection_id"), second.path("connection_id"));
        assertEquals((String) first.path("access_token"), second.path("access_token"));

        List<RecordedConnectionEvents.Recorded> fired = events.of(first.path("connection_id"));
        assertEquals(1, fired.size(), "connection.created once, on the first call");
        assertEquals(ConnectionEvent.CREATED, fired.get(0).event().eventType());
        assertEquals((String) first.path("access_token"), fired.get(0).event().accessToken());

        as(org.testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200)
                .body("data.connection_id", contains((String) first.path("connection_id")))
                .body("data[0].integration_name", is("sandbox"));
    }

    @Test
    void each_type_environment_and_organization_has_its_own_sandbox() {
        Fixtures.Org org = Fixtures.newOrganization();
        Set<String> ids = new HashSet<>();
        for (String type : List.of("wms", "freight", "cart", "carrier", "erp")) {
            ids.add(generate(org.testKey(), type).path("connection_id"));
        }
        ids.add(generate(org.liveKey(), "wms").path("connection_id"));
        ids.add(generate(Fixtures.newOrganization().testKey(), "wms").path("connection_id"));
        assertEquals(7, ids.size());
    }

    @Test
    void the_sandbox_token_works_and_after_deletion_a_new_sandbox_is_made() {
        Fixtures.Org org = Fixtures.newOrganization();
        Response first = generate(org.testKey(), "cart");
        as(org.testKey()).filter(Contract.FILTER)
                .header("x-trackstar-access-token", (String) first.path("access_token"))
                .delete("/connections").then().statusCode(200).body("deleted", is(true));
        Response next = generate(org.testKey(), "cart");
        assertNotEquals((String) first.path("connection_id"), next.path("connection_id"));
        assertNotEquals((String) first.path("access_token"), next.path("access_token"));
    }

    @Test
    void an_unknown_type_is_422_at_the_path() {
        as(Fixtures.newOrganization().testKey()).filter(Contract.FILTER).post("/sandbox/generate-sandbox/3pl").then()
                .statusCode(422)
                .body("detail.path.integration_type[0]", is("Must be one of: wms, freight, cart, carrier, erp."));
    }

    @Test
    void a_read_key_cannot_generate() {
        Fixtures.Org org = Fixtures.newOrganization();
        String read = Fixtures.newKey(org.testKey(), "read", 0);
        as(read).post("/sandbox/generate-sandbox/wms").then().statusCode(403).body("code", is("FORBIDDEN"));
    }
}
