package dev.switchboard.config;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The URL policy as production runs it ({@code switchboard.allow-insecure-localhost} off, its default): every user of
 * it refuses this machine's http URLs, and the Connect modal is framed by the organization's {@code allowed_origins}
 * only (issue 14). The suite's profile turns the switch on; {@link UrlPolicyTest} holds what it adds.
 */
@QuarkusTest
@TestProfile(UrlPolicyInProductionTest.Production.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UrlPolicyInProductionTest {

    public static class Production implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.allow-insecure-localhost", "false");
        }
    }

    @Test
    void every_user_of_the_policy_refuses_local_http() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("integration_allow_list", List.of("shipbob"), "redirect_url",
                        "http://localhost:3000/done"))
                .post("/magic-links").then().statusCode(422)
                .body("detail.json.redirect_url[0]", equalTo(UrlPolicy.HTTPS_ONLY));
        as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("allowed_origins", List.of("http://localhost:3000"), "logo_url", "http://localhost/l.png"))
                .patch("/organization").then().statusCode(422)
                .body("detail.json.'allowed_origins.0'[0]", containsString("Not a valid origin"))
                .body("detail.json.logo_url[0]", equalTo("Must be an https URL."));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hooks"))
                .post("/webhooks").then().statusCode(422).body("detail.json.url[0]", equalTo("Must be an https URL."));
    }

    @Test
    void the_connect_modal_is_framed_by_the_allowed_origins_only() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body("{\"allowed_origins\":[\"https://app.example.com\"]}")
                .patch("/organization").then().statusCode(200);
        String token = as(org.testKey()).contentType(ContentType.JSON).body("{}").post("/link/token").then()
                .statusCode(200).extract().path("link_token");
        for (String origin : List.of("http://localhost:3000", "http://127.0.0.1:5173", "https://evil.example")) {
            given().get("/link/connect?link_token=" + token + "&origin=" + origin).then().statusCode(410)
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        given().get("/link/connect?link_token=" + token + "&origin=https://app.example.com").then().statusCode(200)
                .header("Content-Security-Policy", endsWith("frame-ancestors https://app.example.com"));
    }
}
