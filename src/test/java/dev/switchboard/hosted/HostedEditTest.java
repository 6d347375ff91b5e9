package dev.switchboard.hosted;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A link edited while its customer has the page open: the next step shows the new offer, and a form posted against
 * the old one gets a clear 409 page (never a 500, never a connection the organization no longer offers).
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostedEditTest {

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Test
    void the_next_step_shows_the_new_offer_and_a_choice_taken_out_of_it_is_refused() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"shipbob\",\"shiphero\"]}");
        String page = given().get("/link/" + id).then().statusCode(200).extract().asString();
        assertEquals("1", version(page));
        String csrf = Hosted.csrf(page);

        edit(org.testKey(), id, "{\"integration_allow_list\":[\"shiphero\",\"extensiv-3pl-central\"]}");

        // The choice the old page offered, and the new offer no longer has: refused, with what it offers now.
        Response refused = select(id, csrf, "1", "shipbob");
        refused.then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("changed this link while it was open"))
                .body(containsString("value=\"shiphero\""))
                .body(containsString("value=\"extensiv-3pl-central\""))
                .body(not(containsString("value=\"shipbob\"")));
        assertEquals("2", version(refused.asString()));
        assertFalse(Hosted.activity(org.testKey(), id).contains("integration_selected"));

        // A choice still offered goes on to its form, which carries the new version.
        select(id, csrf, "1", "shiphero").then().statusCode(303);
        String form = given().get("/link/" + id + "/connect/shiphero").then().statusCode(200).extract().asString();
        assertEquals("2", version(form));
        assertTrue(Hosted.activity(org.testKey(), id).contains("integration_selected"));
        // Its form reached by address, for an integration the link no longer offers: the picker of the new offer.
        given().get("/link/" + id + "/connect/shipbob").then().statusCode(200)
                .body(not(containsString("value=\"shipbob\"")));
    }

    @Test
    void credentials_posted_against_the_old_version_install_nothing_and_can_be_sent_again() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(),
                "{\"integration_allow_list\":[\"sandbox\"],\"sandbox\":true,\"customer_id\":\"c-1\"}");
        String page = given().get("/link/" + id).then().statusCode(200).extract().asString();
        String csrf = Hosted.csrf(page);
        assertEquals("1", version(page));

        edit(org.testKey(), id, "{\"customer_id\":\"c-2\",\"disabled_functions\":[\"create_order\"]}");

        Response refused = install(id, csrf, version(page), "sandbox");
        refused.then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("changed this link while it was open. Check the details and connect again."))
                .body(containsString("value=\"user\"")) // what the customer typed, but the secret
                .body(not(containsString("secret-pass")));
        assertFalse(Hosted.activity(org.testKey(), id).contains("completed"));
        as(org.testKey()).get("/connections").then().statusCode(200).body("data.size()",
                equalTo(0));

        // Sent again from the page it got, against the link as it is now: connected, as c-2.
        Response done = install(id, Hosted.csrf(refused.asString()), version(refused.asString()), "sandbox");
        done.then().statusCode(200).body(containsString("Sandbox"));
        assertTrue(Hosted.activity(org.testKey(), id).contains("completed"));
        as(org.testKey()).get("/connections").then().statusCode(200)
                .body("data[0].customer_id", equalTo("c-2"));
    }

    @Test
    void credentials_for_an_integration_taken_out_of_the_offer_get_the_new_picker() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"shipbob\"],\"sandbox\":true}");
        String page = given().get("/link/" + id).then().statusCode(200).extract().asString();
        edit(org.testKey(), id, "{\"integration_allow_list\":[\"shiphero\"]}");
        install(id, Hosted.csrf(page), version(page), "shipbob").then().statusCode(409)
                .body(containsString("what you chose is no longer offered"))
                .body(containsString("value=\"shiphero\""))
                .body(containsString("value=\"sandbox\""));
        // A form with no version (made by hand) is held to the current offer: the picker, as before edits existed.
        given().redirects().follow(false).formParam("csrf", Hosted.csrf(page)).formParam("integration", "shipbob")
                .post("/link/" + id + "/select").then().statusCode(200).body(containsString("value=\"shiphero\""));
    }

    private static void edit(String key, String id, String body) {
        as(key).contentType("application/json").body(body).patch("/magic-links/" + id).then().statusCode(200);
    }

    private static Response select(String id, String csrf, String version, String integration) {
        return given().redirects().follow(false).formParam("csrf", csrf).formParam("version", version)
                .formParam("integration", integration).post("/link/" + id + "/select");
    }

    private static Response install(String id, String csrf, String version, String integration) {
        return given().redirects().follow(false).formParam("csrf", csrf).formParam("version", version)
                .formParam("integration", integration).formParam("step", "install")
                .formParam("cred.username", "user").formParam("cred.password", "secret-pass")
                .post("/link/" + id + "/install");
    }

    private static String version(String html) {
        Matcher m = VERSION.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no version on the page");
        }
        return m.group(1);
    }
}
