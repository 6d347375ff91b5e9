package dev.switchboard.hosted;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Both install paths, the magic link's page and the Connect modal, check the credentials with the vendor before a
 * connection is made: ShipBob's stand-in refuses a revoked token, and its reason is shown beside the field.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VendorCredentialCheckTest {

    private final WireMockServer shipbob = VendorStandIns.shipbob();

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private void refuse(String token) {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/channel")).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"This personal access token was revoked.\"}")));
    }

    private static Response installThroughLink(String id, String token) {
        String csrf = Hosted.csrf(given().get("/link/" + id).asString());
        return given().redirects().follow(false).formParam("csrf", csrf).formParam("integration", "shipbob")
                .formParam("step", "install").formParam("cred.personal_access_token", token)
                .post("/link/" + id + "/install");
    }

    @Test
    void a_magic_link_refuses_a_token_shipbob_refuses_and_connects_one_it_accepts() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"shipbob\"]}");
        refuse("pat-revoked");

        installThroughLink(id, "pat-revoked").then().statusCode(422)
                .body(containsString("This personal access token was revoked."))
                .body(containsString("did not accept"))
                .body(not(containsString("pat-revoked")));
        as(org.testKey()).get("/connections").then().statusCode(200).body("data.size()", equalTo(0));

        installThroughLink(id, "pat-good").then().statusCode(200).body(containsString("You’re connected"));
        shipbob.verify(getRequestedFor(urlPathEqualTo("/2026-01/channel"))
                .withHeader("Authorization",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer pat-good")));
        as(org.testKey()).get("/connections").then().statusCode(200).body("data.size()", equalTo(1))
                .body("data[0].integration_name", equalTo("shipbob"));
    }

    @Test
    void the_connect_modal_refuses_a_token_shipbob_refuses_and_connects_one_it_accepts() {
        Fixtures.Org org = Fixtures.newOrganization();
        String linkToken = as(org.testKey()).contentType("application/json").body("{}").post("/link/token").then()
                .statusCode(200).extract().path("link_token");
        String origin = "https://app.example.com";
        // Only the environment's allowed_origins may frame the modal, as in production.
        as(org.testKey()).contentType("application/json").body("{\"allowed_origins\":[\"" + origin + "\"]}")
                .patch("/organization").then().statusCode(200);
        refuse("pat-revoked-2");
        String page = given().get("/link/connect?link_token=" + linkToken + "&origin=" + origin).asString();
        String csrf = Hosted.csrf(page);

        given().formParam("link_token", linkToken).formParam("origin", origin).formParam("csrf", csrf)
                .formParam("integration", "shipbob").formParam("step", "install")
                .formParam("cred.personal_access_token", "pat-revoked-2").post("/link/connect").then().statusCode(422)
                .body(containsString("This personal access token was revoked."));
        as(org.testKey()).get("/connections").then().statusCode(200).body("data.size()", equalTo(0));

        given().formParam("link_token", linkToken).formParam("origin", origin).formParam("csrf", csrf)
                .formParam("integration", "shipbob").formParam("step", "install")
                .formParam("cred.personal_access_token", "pat-good-2").post("/link/connect").then().statusCode(200)
                .body(containsString("auth_code"));
        as(org.testKey()).get("/connections").then().statusCode(200).body("data.size()", equalTo(1));
    }
}
