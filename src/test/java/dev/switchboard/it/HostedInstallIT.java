package dev.switchboard.it;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A customer connects through the packaged service's hosted page, as a browser without JavaScript would: the page
 * (Qute), its static files, a refused and an accepted credential form, the redirect with an auth code, and the
 * exchange for the connection's access token.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedService.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostedInstallIT {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=]{24})'");

    @Test
    void a_customer_installs_the_sandbox_through_the_hosted_page_and_the_code_is_exchanged() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("display_name", "Acme Logistics"))
                .patch("/organization").then().statusCode(200);
        String id = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(Map.of("customer_id", "acme", "integration_allow_list", List.of("shipbob", "shiphero"), "sandbox",
                        true,
                        "redirect_url", "https://app.example.com/connected"))
                .post("/magic-links").then().statusCode(200).extract().path("magic_link.id");

        Response page = given().get("/link/" + id);
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("X-Frame-Options", "DENY").header("Cache-Control", "no-store")
                .body(containsString("Acme Logistics")).body(containsString("value=\"sandbox\""));
        String csp = page.header("Content-Security-Policy");
        Matcher nonce = NONCE.matcher(csp);
        assertTrue(nonce.find(), csp);
        String secondNonce = given().get("/link/" + id).header("Content-Security-Policy");
        assertTrue(!secondNonce.contains(nonce.group(1)), "every page has its own nonce");
        given().get("/static/hosted/hosted.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/static/hosted/hosted.js").then().statusCode(200);
        given().get("/link/main.js").then().statusCode(200).body(containsString("window.Trackstar"));

        install(id, "fail").then().statusCode(422).body(containsString("did not accept"));
        Response done = install(id, "secret");
        done.then().statusCode(303).header("Location", startsWith("https://app.example.com/connected?auth_code="));
        String location = done.header("Location");
        Matcher code = Pattern.compile("auth_code=([^&]+)&magic_link_id=" + id).matcher(location);
        assertTrue(code.find(), location);

        Map<String, Object> exchanged = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(Map.of("auth_code", code.group(1))).post("/link/exchange").then().statusCode(200)
                .body("access_token", matchesPattern("sb_at_[0-9A-Za-z]{38}")).extract().as(Map.class);
        assertEquals("acme", exchanged.get("customer_id"));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("auth_code", code.group(1))).post("/link/exchange")
                .then().statusCode(422);
        as(org.testKey()).filter(Contract.FILTER).get("/connections/" + exchanged.get("connection_id")).then()
                .statusCode(200).body("data[0].integration_name", equalTo("sandbox"));
        List<String> events = as(org.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(200)
                .extract().path("data.event");
        assertTrue(events.containsAll(List.of("created", "failed", "completed")), events::toString);
        given().get("/link/" + id).then().statusCode(410);
    }

    /** Loads the page for its form token, then submits sandbox credentials as a browser would. */
    private static Response install(String id, String password) {
        Matcher csrf = CSRF.matcher(given().get("/link/" + id).asString());
        assertTrue(csrf.find(), "no form token on the page");
        return given().redirects().follow(false).formParam("csrf", csrf.group(1)).formParam("integration", "sandbox")
                .formParam("step", "install").formParam("cred.username", "user").formParam("cred.password", password)
                .post("/link/" + id + "/install");
    }
}
