package dev.switchboard.hosted;

import static dev.switchboard.testing.Fixtures.as;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;

/** Shared steps of the hosted-page tests: links made through the real API, tokens read off real pages. */
final class Hosted {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private Hosted() {
    }

    /** Creates a magic link with {@code body} (JSON) and returns its id. */
    static String link(String key, String body) {
        return as(key).contentType(ContentType.JSON).body(body).post("/magic-links").then().statusCode(200)
                .extract().path("magic_link.id");
    }

    static List<String> activity(String key, String id) {
        return as(key).get("/magic-links/" + id + "/activity").then().statusCode(200).extract().path("data.event");
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no form token on the page");
        }
        return m.group(1);
    }

    static Map<String, Object> exchange(String key, String authCode) {
        return as(key).contentType(ContentType.JSON).body(Map.of("auth_code", authCode)).post("/link/exchange")
                .then().statusCode(200).extract().as(Map.class);
    }
}
