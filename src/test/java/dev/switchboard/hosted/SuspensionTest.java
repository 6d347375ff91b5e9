package dev.switchboard.hosted;

import static dev.switchboard.testing.Fixtures.OPERATOR_TOKEN;
import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Suspending an organization stops more than its keys: its magic links' pages and its Connect modal open nothing
 * until it is reactivated. (Its webhook deliveries wait too: WebhookFairnessTest.)
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SuspensionTest {

    @Test
    void a_suspended_organizations_hosted_pages_and_connect_modal_are_closed_until_reactivated() {
        Fixtures.Org org = Fixtures.newOrganization();
        String link = Hosted.link(org.testKey(), "{\"sandbox\":true}");
        String token = as(org.testKey()).contentType("application/json").body("{}").post("/link/token").then()
                .statusCode(200).extract().path("link_token");
        as(org.testKey()).contentType("application/json").body("{\"allowed_origins\":[\"https://app.example.com\"]}")
                .patch("/organization").then().statusCode(200);
        String modal = "/link/connect?link_token=" + token + "&origin=https://app.example.com&sandbox=true";
        given().get("/link/" + link).then().statusCode(200);

        operator(org.id(), "suspend");
        given().get("/link/" + link).then().statusCode(403).body(containsString("isn’t available right now"));
        given().get("/link/" + link + "/connect/sandbox").then().statusCode(403);
        given().get(modal).then().statusCode(410);
        as(org.testKey()).get("/magic-links").then().statusCode(403);
        // The data API goes through the same authentication filter, the one place keyed routes check suspension.
        as(org.testKey()).header("x-trackstar-access-token", "sb_at_x").get("/wms/orders").then().statusCode(403)
                .body(containsString("ORGANIZATION_SUSPENDED"));

        operator(org.id(), "reactivate");
        given().get("/link/" + link).then().statusCode(200);
        given().get(modal).then().statusCode(200);
    }

    private static void operator(String orgId, String action) {
        given().header("Authorization", "Bearer " + OPERATOR_TOKEN).post("/admin/organizations/" + orgId + "/" + action)
                .then().statusCode(200);
    }
}
