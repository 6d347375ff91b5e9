package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** POST /link/token and POST /link/exchange: the embedded flow's two calls. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LinkExchangeTest {

    private static final String BAD_CODE = "Invalid, expired or already used auth code.";

    @Inject
    ConnectionService connections;
    @Inject
    LinkTokenService linkTokens;
    @Inject
    Catalog catalog;
    @Inject
    DataSource dataSource;

    private static RequestSpecification post(String key) {
        return as(key).filter(Contract.FILTER).contentType(ContentType.JSON);
    }

    @Test
    void a_link_token_is_issued_with_or_without_a_json_body() {
        String key = Fixtures.newOrganization().testKey();
        post(key).body(Map.of()).post("/link/token").then().statusCode(200)
                .body("link_token", matchesPattern("lt_[0-9A-Za-z]{40}"));
        post(key).post("/link/token").then().statusCode(200);
        post(key).body(Map.of("customer_id", "cust-1")).post("/link/token").then().statusCode(200);
        as(key).filter(Contract.FILTER).contentType(ContentType.TEXT).body("connection_id=x").post("/link/token").then()
                .statusCode(415);
        post(key).body("{\"customer_id\":").post("/link/token").then().statusCode(422);
    }

    @Test
    void a_link_token_for_a_reinstall_names_a_connection_of_the_caller() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Installs.shiphero(connections, catalog, Installs.test(org), "cust-lt").connection().id;
        String token = post(org.testKey()).body(Map.of("connection_id", id)).post("/link/token").then().statusCode(200)
                .extract().path("link_token");
        assertEquals(new LinkTokenService.Grant(Installs.test(org), "cust-lt", id, LinkTokenService.Filters.NONE),
                linkTokens.consume(token).orElseThrow());

        post(org.liveKey()).body(Map.of("connection_id", id)).post("/link/token").then().statusCode(422)
                .body("detail.json.connection_id[0]", is("Connection not found."));
        post(Fixtures.newOrganization().testKey()).body(Map.of("connection_id", id)).post("/link/token").then()
                .statusCode(422).body("detail.json.connection_id[0]", is("Connection not found."));
    }

    @Test
    void a_bad_link_token_request_is_422() {
        String key = Fixtures.newOrganization().testKey();
        post(key).body(Map.of("customer_id", "x".repeat(256))).post("/link/token").then().statusCode(422)
                .body("detail.json.customer_id[0]", is("Longer than maximum length 255."));
        post(key).body(Map.of("connection_id", 5)).post("/link/token").then().statusCode(422)
                .body("detail.json.connection_id[0]", is("Not a valid string."));
        post(key).body(Map.of("integration_name", "shipbob")).post("/link/token").then().statusCode(422)
                .body("detail.json.integration_name", not(org.hamcrest.Matchers.empty()));
        String read = Fixtures.newKey(key, "read", 0);
        post(read).body(Map.of()).post("/link/token").then().statusCode(403).body("code", is("FORBIDDEN"));
    }

    @Test
    void an_auth_code_is_exchanged_once_for_the_connection_and_its_token() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = connections.install(Installs.test(org),
                Installs.integration(catalog, IntegrationType.WMS, "shiphero"), "cust-x", Installs.SHIPHERO_CREDENTIALS,
                List.of(Action.GET_BILLS), null, null);
        String token = post(org.testKey()).body(Map.of("auth_code", installed.authCode())).post("/link/exchange").then()
                .statusCode(200)
                .body("connection_id", is(installed.connection().id))
                .body("integration_name", is("shiphero"))
                .body("customer_id", is("cust-x"))
                .body("available_actions", hasItem("get_inventory"))
                .body("available_actions", not(hasItem("get_bills")))
                .body("available_endpoints", hasItem("GET /wms/inventory"))
                .body("access_token", matchesPattern("sb_at_[0-9A-Za-z]{38}"))
                .extract().path("access_token");
        assertTrue(AccessTokenFormat.check(token));

        post(org.testKey()).body(Map.of("auth_code", installed.authCode())).post("/link/exchange").then()
                .statusCode(422)
                .body("error", is("Validation error")).body("detail.json.auth_code[0]", is(BAD_CODE));
    }

    @Test
    void an_exchange_may_record_the_customer() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), null);
        post(org.testKey()).body(Map.of("auth_code", installed.authCode(), "customer_id", "cust-late"))
                .post("/link/exchange").then().statusCode(200).body("customer_id", is("cust-late"));
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + installed.connection().id).then()
                .body("data[0].customer_id", is("cust-late"));
    }

    @Test
    void an_expired_auth_code_is_422() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), null);
        try (java.sql.Connection db = dataSource.getConnection();
                PreparedStatement ps = db.prepareStatement(
                        "update auth_code set expires_at = now() - interval '1 second' where connection_id = ?")) {
            ps.setString(1, installed.connection().id);
            assertEquals(1, ps.executeUpdate());
        }
        post(org.testKey()).body(Map.of("auth_code", installed.authCode())).post("/link/exchange").then()
                .statusCode(422)
                .body("detail.json.auth_code[0]", is(BAD_CODE));
    }

    @Test
    void another_tenants_code_is_422_and_stays_usable_by_its_owner() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), null);
        post(Fixtures.newOrganization().testKey()).body(Map.of("auth_code", installed.authCode()))
                .post("/link/exchange")
                .then().statusCode(422).body("detail.json.auth_code[0]", is(BAD_CODE));
        post(org.liveKey()).body(Map.of("auth_code", installed.authCode())).post("/link/exchange")
                .then().statusCode(422).body("detail.json.auth_code[0]", is(BAD_CODE));
        post(org.testKey()).body(Map.of("auth_code", installed.authCode())).post("/link/exchange").then()
                .statusCode(200);
    }

    @Test
    void a_code_of_a_deleted_connection_is_422() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed first = Installs.shiphero(connections, catalog, Installs.test(org), null);
        String token = Installs.exchange(org.testKey(), first.authCode());
        ConnectionService.Installed again = connections.install(Installs.test(org),
                Installs.integration(catalog, IntegrationType.WMS, "shiphero"), null, Installs.SHIPHERO_CREDENTIALS,
                List.of(), null, first.connection().id);
        connections.delete(Installs.test(org), token);
        post(org.testKey()).body(Map.of("auth_code", again.authCode())).post("/link/exchange").then().statusCode(422)
                .body("detail.json.auth_code[0]", is(BAD_CODE));
    }

    @Test
    void malformed_exchanges_are_422() {
        String key = Fixtures.newOrganization().testKey();
        post(key).body(Map.of()).post("/link/exchange").then().statusCode(422)
                .body("detail.json.auth_code[0]", is("Missing data for required field."));
        Map<String, Object> nullCode = new HashMap<>();
        nullCode.put("auth_code", null);
        post(key).body(nullCode).post("/link/exchange").then().statusCode(422)
                .body("detail.json.auth_code[0]", is("Missing data for required field."));
        post(key).body(Map.of("auth_code", 12)).post("/link/exchange").then().statusCode(422)
                .body("detail.json.auth_code[0]", is("Not a valid string."));
        post(key).body(Map.of("auth_code", "ac_" + "x".repeat(500))).post("/link/exchange").then().statusCode(422)
                .body("detail.json.auth_code[0]", is(BAD_CODE));
        post(key).body(Map.of("auth_code", "ac_nope")).post("/link/exchange").then().statusCode(422)
                .body("detail.json.auth_code[0]", is(BAD_CODE));
        post(key).post("/link/exchange").then().statusCode(422).body("detail.json._schema[0]",
                is("Missing request body."));
    }

    @Test
    void a_reinstall_through_a_link_token_returns_the_same_connection_and_token() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed first = Installs.shiphero(connections, catalog, Installs.test(org), "cust-re");
        String firstToken = Installs.exchange(org.testKey(), first.authCode());

        String linkToken = post(org.testKey()).body(Map.of("connection_id", first.connection().id)).post("/link/token")
                .then().statusCode(200).extract().path("link_token");
        LinkTokenService.Grant grant = linkTokens.consume(linkToken).orElseThrow();
        ConnectionService.Installed again = connections.install(grant.tenant(),
                Installs.integration(catalog, IntegrationType.WMS, "shiphero"), grant.customerId(),
                Map.of("username", "second@acme.example", "password", "new-one"), List.of(), null,
                grant.connectionId());

        post(org.testKey()).body(Map.of("auth_code", again.authCode())).post("/link/exchange").then().statusCode(200)
                .body("connection_id", is(first.connection().id))
                .body("access_token", is(firstToken))
                .body("customer_id", is("cust-re"));
        as(org.testKey()).filter(Contract.FILTER).get("/connections").then().statusCode(200)
                .body("total_count", is(1));
    }
}
