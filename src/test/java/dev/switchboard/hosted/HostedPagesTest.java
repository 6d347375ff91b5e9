package dev.switchboard.hosted;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The hosted pages over plain HTTP: what a mail scanner, a forger or a brute-forcer gets. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostedPagesTest {

    @Inject
    AgroalDataSource db;

    @Test
    void a_plain_get_like_a_mail_scanners_leaves_the_link_created() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"sandbox\":true}");
        given().get("/link/" + id).then().statusCode(200);
        given().get("/link/" + id).then().statusCode(200);
        assertEquals(List.of("created"), Hosted.activity(org.testKey(), id));
        as(org.testKey()).get("/magic-links?status=created").then().body("magic_links.id", hasItem(id));
    }

    @Test
    void pages_carry_a_strict_policy_and_are_never_cached_or_framed() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{}");
        given().get("/link/" + id).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", is("DENY"))
                .header("Referrer-Policy", is("no-referrer"))
                .header("Cache-Control", is("no-store"))
                .body(not(containsString("<script>")));
    }

    @Test
    void an_unknown_or_malformed_id_is_404_and_names_no_one() {
        for (String id : List.of("0123456789abcdef0123456789abcdef", "nope", "%27%20or%201=1")) {
            given().get("/link/" + id).then().statusCode(404)
                    .body(containsString("This link doesn’t work"));
        }
    }

    @Test
    void a_revoked_an_expired_and_a_used_link_each_get_a_410_page_with_the_organizations_name() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType("application/json").body("{\"display_name\":\"Acme Logistics\"}")
                .patch("/organization").then().statusCode(200);
        String revoked = Hosted.link(org.testKey(), "{}");
        as(org.testKey()).delete("/magic-links/" + revoked).then().statusCode(200);
        given().get("/link/" + revoked).then().statusCode(410)
                .body(containsString("withdrawn")).body(containsString("Acme Logistics"));

        String expired = Hosted.link(org.testKey(), "{}");
        try (var connection = db.getConnection();
                var update = connection.prepareStatement(
                        "update magic_link set created_at = now() - interval '9 days', expires_at = now() - interval '1 day' where id = ?")) {
            update.setString(1, expired);
            assertEquals(1, update.executeUpdate());
        }
        given().get("/link/" + expired).then().statusCode(410).body(containsString("expired"))
                .body(containsString("Ask Acme Logistics for a new link"));

        String used = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"sandbox\"],\"sandbox\":true}");
        install(used, "sandbox", "ok").then().statusCode(200).body(containsString("You’re connected"));
        given().get("/link/" + used).then().statusCode(410).body(containsString("already connected"));
    }

    @Test
    void a_post_without_the_pages_token_or_from_another_site_changes_nothing() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"sandbox\":true}");
        given().formParam("integration", "sandbox").formParam("cred.username", "u").formParam("cred.password", "p")
                .formParam("step", "install").post("/link/" + id + "/install").then().statusCode(400);
        String csrf = Hosted.csrf(given().get("/link/" + id).asString());
        given().header("Origin", "https://evil.example").formParam("csrf", csrf).formParam("integration", "sandbox")
                .formParam("cred.username", "u").formParam("cred.password", "p")
                .post("/link/" + id + "/install").then().statusCode(400);
        given().header("Sec-Fetch-Site", "cross-site").formParam("csrf", csrf).post("/link/" + id + "/opened")
                .then().statusCode(204);
        assertEquals(List.of("created"), Hosted.activity(org.testKey(), id));
        // Another link's token does not work here either.
        String other = Hosted.link(org.testKey(), "{\"sandbox\":true}");
        given().formParam("csrf", Hosted.csrf(given().get("/link/" + other).asString()))
                .post("/link/" + id + "/opened");
        assertEquals(List.of("created"), Hosted.activity(org.testKey(), id));
    }

    @Test
    void the_beacon_records_opened_once() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"sandbox\":true}");
        String csrf = Hosted.csrf(given().get("/link/" + id).asString());
        given().formParam("csrf", csrf).post("/link/" + id + "/opened").then().statusCode(204);
        given().formParam("csrf", csrf).post("/link/" + id + "/opened").then().statusCode(204);
        assertEquals(List.of("created", "opened"), Hosted.activity(org.testKey(), id));
    }

    @Test
    void after_ten_refused_submissions_in_an_hour_the_link_says_try_later() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"sandbox\"],\"sandbox\":true}");
        for (int i = 0; i < 10; i++) {
            install(id, "sandbox", "fail").then().statusCode(422).body(containsString("did not accept"));
        }
        install(id, "sandbox", "right").then().statusCode(429).body(containsString("try again in an hour"));
        List<String> events = Hosted.activity(org.testKey(), id);
        assertEquals(10, events.stream().filter("failed"::equals).count());
        assertEquals(false, events.contains("completed"));
    }

    @Test
    void a_redirect_url_receives_the_auth_code_which_exchanges_for_the_connection() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), """
                {"integration_allow_list":["sandbox"],"sandbox":true,"customer_id":"cus-9",
                 "redirect_url":"https://app.example.com/done?step=2"}""");
        Response response = install(id, "sandbox", "secret-pass");
        response.then().statusCode(303);
        String location = response.header("Location");
        assertThat(location,
                startsWith("https://app.example.com/done?step=2&auth_code="));
        assertThat(location, endsWith("&magic_link_id=" + id));
        String code = java.net.URLDecoder.decode(location.replaceAll(".*auth_code=([^&]+).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);
        var exchanged = Hosted.exchange(org.testKey(), code);
        assertEquals("sandbox", exchanged.get("integration_name"));
        assertEquals("cus-9", exchanged.get("customer_id"));
    }

    @Test
    void the_connect_modal_needs_a_live_link_token_and_may_be_framed() {
        Fixtures.Org org = Fixtures.newOrganization();
        given().get("/link/connect?link_token=nope&origin=https://app.example.com").then().statusCode(410)
                .body(containsString("This session has ended"));
        String token = as(org.testKey()).contentType("application/json").body("{}").post("/link/token").then()
                .statusCode(200).extract().path("link_token");
        // The allowed_origins check as production runs it: the localhost switch of dev and tests only adds local
        // origins, it never lets any other origin in.
        given().get("/link/connect?link_token=" + token + "&origin=https://app.example.com&sandbox=true").then()
                .statusCode(410);
        as(org.testKey()).contentType("application/json").body("{\"allowed_origins\":[\"https://app.example.com\"]}")
                .patch("/organization").then().statusCode(200);
        given().get("/link/connect?link_token=" + token + "&origin=https://evil.example.com&sandbox=true").then()
                .statusCode(410).header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().get("/link/connect?link_token=" + token + "&origin=https://app.example.com&sandbox=true").then()
                .statusCode(200)
                .header("Content-Security-Policy", endsWith("frame-ancestors https://app.example.com"))
                .header("X-Frame-Options", nullValue())
                .body(containsString("name=\"link_token\""));
        given().get("/link/main.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("window.Trackstar"));
    }

    /** Loads the link's page for its token, then submits credentials for {@code integration} as a browser would. */
    static Response install(String id, String integration, String password) {
        String csrf = Hosted.csrf(given().get("/link/" + id).asString());
        return given().redirects().follow(false).formParam("csrf", csrf).formParam("integration", integration)
                .formParam("step", "install").formParam("cred.username", "user").formParam("cred.password", password)
                .post("/link/" + id + "/install");
    }
}
