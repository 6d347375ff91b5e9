package dev.switchboard.hosted;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connect.ConnectFlow;
import dev.switchboard.connection.LinkTokenService;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Connect modal offers what the link token says, set by the organization's backend on {@code POST /link/token},
 * and nothing the embedding page (the customer's browser) adds to the URL or the form can widen it (issue 14).
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConnectModalFiltersTest {

    private static final String ORIGIN = "https://app.example.com";

    @Inject
    ConnectFlow connect;
    @Inject
    LinkTokenService linkTokens;
    @Inject
    Catalog catalog;

    @Test
    void a_page_that_edits_the_filters_still_gets_only_what_the_token_offers() {
        Fixtures.Org org = allowOrigin();
        String token = token(org, Map.of("integration_allow_list", List.of("sandbox"), "sandbox", true,
                "disabled_functions", List.of("get_returns"), "customer_id", "cus-f"));
        // A tampered page asks for ShipBob and ShipHero, another type, no disabled functions: the token decides.
        String tampered = "/link/connect?link_token=" + token + "&origin=" + ORIGIN
                + "&allow=shipbob&allow=shiphero&integration_type=cart&sandbox=false&block=sandbox&integration=shipbob";
        String page = given().get(tampered).then().statusCode(200).body(not(containsString("ShipBob")))
                .body(not(containsString("ShipHero"))).body(containsString("Sandbox")).extract().asString();
        // The form carries only the token and the origin between steps: no filter travels through the browser.
        assertFalse(page.contains("name=\"allow\"") || page.contains("name=\"disabled\"")
                || page.contains("name=\"sandbox\""), page);
        String csrf = Hosted.csrf(page);

        // Submitting credentials for an integration the token does not offer installs nothing.
        given().formParam("link_token", token).formParam("origin", ORIGIN).formParam("csrf", csrf)
                .formParam("integration", "shipbob").formParam("step", "install")
                .formParam("cred.personal_access_token", "pat").formParam("allow", "shipbob")
                .post("/link/connect").then().statusCode(200).body(not(containsString("auth_code")));
        as(org.testKey()).get("/connections").then().statusCode(200).body("data.size()", equalTo(0));

        // The offered one installs, with the token's disabled functions whatever the form says.
        String authCode = given().formParam("link_token", token).formParam("origin", ORIGIN).formParam("csrf", csrf)
                .formParam("integration", "sandbox").formParam("step", "install")
                .formParam("cred.username", "u").formParam("cred.password", "p").formParam("disabled", "")
                .post("/link/connect").then().statusCode(200).body(containsString("auth_code")).extract().asString()
                .replaceAll("(?s).*\"auth_code\":\"([^\"]+)\".*", "$1");
        Map<String, Object> exchanged = Hosted.exchange(org.testKey(), authCode);
        assertTrue(exchanged.get("customer_id").equals("cus-f"), exchanged::toString);
        @SuppressWarnings("unchecked")
        List<String> actions = (List<String>) exchanged.get("available_actions");
        assertTrue(actions.contains("get_orders") && !actions.contains("get_returns"), actions::toString);
    }

    @Test
    void a_token_without_filters_offers_the_wms_catalog_and_a_page_cannot_add_the_sandbox() {
        Fixtures.Org org = allowOrigin();
        String token = token(org, Map.of());
        given().get("/link/connect?link_token=" + token + "&origin=" + ORIGIN + "&sandbox=true").then()
                .statusCode(200).body(containsString("ShipBob")).body(containsString("ShipHero"))
                .body(not(containsString("value=\"sandbox\"")));
        String sandboxOnly = token(org, Map.of("integration_allow_list", List.of("sandbox"), "sandbox", true));
        given().get("/link/connect?link_token=" + sandboxOnly + "&origin=" + ORIGIN).then().statusCode(200)
                .body(containsString("Sandbox")).body(not(containsString("ShipBob")));
    }

    @Test
    void the_flow_refuses_an_integration_the_token_does_not_offer_and_keeps_the_token() {
        Fixtures.Org org = allowOrigin();
        String token = token(org, Map.of("integration_allow_list", List.of("shiphero")));
        var shipbob = catalog.find(IntegrationType.WMS, "shipbob").orElseThrow();
        assertThrows(ConnectFlow.Gone.class,
                () -> connect.installThroughLinkToken(token, shipbob, Map.of("personal_access_token", "x")));
        // Rolled back: the token still opens the modal, offering ShipHero alone.
        var grant = linkTokens.peek(token).orElseThrow();
        assertTrue(connect.offered(grant).stream().map(i -> i.integrationName()).toList().equals(List.of("shiphero")));
    }

    @Test
    void the_token_filters_follow_the_magic_link_rules() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("integration_allow_list", List.of("nope"), "disabled_functions", List.of("fly")))
                .post("/link/token").then().statusCode(422)
                .body("detail.json.'integration_allow_list.0'[0]", containsString("Not a wms integration"))
                .body("detail.json.'disabled_functions.0'[0]", containsString("Must be one of"));
        as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("integration_allow_list", List.of("shipbob"), "integration_block_list",
                        List.of("shiphero")))
                .post("/link/token").then().statusCode(422)
                .body("detail.json.integration_block_list", hasItem(containsString("Cannot be combined")));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("integration_allow_list", List.of("sandbox")))
                .post("/link/token").then().statusCode(422).body("detail.json._schema[0]",
                        containsString("leave no wms integration"));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("sandbox", "yes")).post("/link/token").then()
                .statusCode(422);
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("integration_type", "boat")).post("/link/token")
                .then().statusCode(422).body("detail.json.integration_type", notNullValue());
    }

    private static Fixtures.Org allowOrigin() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body("{\"allowed_origins\":[\"" + ORIGIN + "\"]}")
                .patch("/organization").then().statusCode(200);
        return org;
    }

    private static String token(Fixtures.Org org, Map<String, Object> body) {
        return as(org.testKey()).contentType(ContentType.JSON).body(body).post("/link/token").then().statusCode(200)
                .extract().path("link_token");
    }
}
