package dev.switchboard.insights;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Insights of one link and of an organization, measured by driving the hosted page as people (and scanners) do. */
@QuarkusTest
class InsightsTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    DataSource db;
    @Inject
    ViewRecorder views;

    @Test
    void aLinksJourneyIsCountedOnceEachWay() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = link(org.testKey(),
                "{\"integration_allow_list\":[\"sandbox\"],\"sandbox\":true,\"customer_id\":\"cus-1\"}");
        String other = link(org.testKey(), "{\"customer_id\":\"cus-2\"}");

        // A mail scanner fetches the page: no view, no open.
        String page = given().header("User-Agent", "Scanner/1").get("/link/" + id).asString();
        assertEquals(0L, insight(org.testKey(), id, "7d").getLong("totals.views"));

        // Two people load the page; one of them three times.
        beacon(id, csrf(page), "Browser A");
        beacon(id, csrf(page), "Browser A");
        beacon(id, csrf(page), "Browser A");
        beacon(id, csrf(page), "Browser B");
        // A forged beacon (no valid token) counts for nothing.
        given().header("User-Agent", "Forger").formParam("csrf", "nope").post("/link/" + id + "/opened").then()
                .statusCode(204);

        install(id, "fail").then().statusCode(422);
        install(id, "right").then().statusCode(200);

        JsonPath one = insight(org.testKey(), id, "7d");
        assertEquals(id, one.getString("magic_link_id"));
        assertEquals("7d", one.getString("range.name"));
        assertEquals(1L, one.getLong("totals.created"));
        assertEquals(4L, one.getLong("totals.views"));
        assertEquals(2L, one.getLong("totals.unique_viewer_days"));
        assertEquals(1L, one.getLong("totals.opens"));
        assertEquals(1L, one.getLong("totals.completions"));
        assertEquals(1L, one.getLong("totals.failures"));
        assertTrue(one.getLong("totals.selections") >= 1L);
        assertEquals(1.0, one.getDouble("totals.conversion"));
        assertTrue(one.getLong("totals.median_open_to_completion_seconds") >= 0L);
        assertEquals(7, one.getList("series").size());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(today, one.getString("series[6].day"));
        assertEquals(4, one.getInt("series[6].views"));
        assertEquals(1, one.getInt("series[6].completions"));
        assertEquals(0, one.getInt("series[0].views"));
        assertEquals("sandbox", one.getString("funnel.by_integration[0].integration_name"));
        assertEquals(1, one.getInt("funnel.by_integration[0].completed"));
        assertEquals(1, one.getInt("funnel.by_integration[0].failed"));
        assertEquals(1, one.getInt("funnel.opened"));

        // The organization: the rollup says the same, plus the second link's creation.
        JsonPath all = organization(org.testKey(), "range=30d");
        assertEquals(30, all.getList("series").size());
        assertEquals(2L, all.getLong("totals.created"));
        assertEquals(4L, all.getLong("totals.views"));
        assertEquals(2L, all.getLong("totals.unique_viewer_days"));
        assertEquals(1L, all.getLong("totals.opens"));
        assertEquals(one.getLong("totals.selections"), all.getLong("totals.selections"));
        assertEquals(1L, all.getLong("totals.completions"));
        assertEquals(1L, all.getLong("totals.failures"));
        assertEquals(0.5 * 2, all.getDouble("totals.conversion"));
        // The organization's median (rollup histogram, then the one bucket's index) is the exact one.
        assertEquals(one.getLong("totals.median_open_to_completion_seconds"),
                all.getLong("totals.median_open_to_completion_seconds"));
        assertFalse(all.getMap("$").containsKey("magic_link_id"));

        // One customer's links (read from the links, not the rollup) agree with the link's own insight.
        JsonPath customer = organization(org.testKey(), "range=7d&customer_id=cus-1");
        assertEquals(one.getMap("totals"), customer.getMap("totals"));
        assertEquals(one.getList("series"), customer.getList("series"));
        JsonPath otherCustomer = organization(org.testKey(), "customer_id=cus-2");
        assertEquals(1L, otherCustomer.getLong("totals.created"));
        assertEquals(0L, otherCustomer.getLong("totals.views"));
        // By integration type: every link here is wms.
        assertEquals(0L, organization(org.testKey(), "integration_type=cart").getLong("totals.created"));
        assertEquals(2L, organization(org.testKey(), "integration_type=wms").getLong("totals.created"));
        // Nothing opened: conversion is null, not 0 or NaN.
        as(org.testKey()).get("/magic-links/" + other + "/insights").then().statusCode(200)
                .body("totals.conversion", nullValue()).body("totals.median_open_to_completion_seconds", nullValue())
                .body("range.name", equalTo("30d"));
    }

    @Test
    void anUnknownRangeIsRefusedNotClamped() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = link(org.testKey(), "{}");
        for (String range : new String[]{ "1y", "7", "365d", "30D" }) {
            as(org.testKey()).get("/magic-links/" + id + "/insights?range=" + range).then().statusCode(422)
                    .body("detail.query.range[0]", equalTo("Must be one of: 7d, 30d, 90d."));
            as(org.testKey()).get("/insights/magic-links?range=" + range).then().statusCode(422)
                    .body("detail.query.range[0]", equalTo("Must be one of: 7d, 30d, 90d."));
        }
        as(org.testKey()).get("/insights/magic-links?integration_type=boat&customer_id=" + "x".repeat(256)).then()
                .statusCode(422).body("detail.query.integration_type", hasSize(1))
                .body("detail.query.customer_id", hasSize(1));
    }

    @Test
    void anotherTenantSeesNothing() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = link(org.testKey(), "{\"sandbox\":true}");
        beacon(id, csrf(given().get("/link/" + id).asString()), "Browser");
        Fixtures.Org other = Fixtures.newOrganization();
        as(other.testKey()).get("/magic-links/" + id + "/insights").then().statusCode(404)
                .body("error", equalTo("Magic link not found")).body("code", equalTo("NOT_FOUND"));
        as(org.liveKey()).get("/magic-links/" + id + "/insights").then().statusCode(404);
        as(other.testKey()).get("/insights/magic-links").then().statusCode(200)
                .body("totals.created", equalTo(0)).body("totals.views", equalTo(0));
        as(org.liveKey()).get("/insights/magic-links").then().statusCode(200).body("totals.created", equalTo(0));
        as(org.testKey()).get("/insights/magic-links").then().statusCode(200).body("totals.views", equalTo(1));
        given().get("/insights/magic-links").then().statusCode(401);
    }

    @Test
    void aReadKeyReadsInsightsAndRevokedLinksKeepThem() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = link(org.testKey(), "{}");
        as(org.testKey()).delete("/magic-links/" + id).then().statusCode(200);
        String read = Fixtures.newKey(org.testKey(), "read", 100);
        as(read).get("/magic-links/" + id + "/insights?range=90d").then().statusCode(200)
                .body("totals.created", equalTo(1)).body("series", hasSize(90)).body("range.from", notNullValue());
    }

    @Test
    void theDaysSaltIsSharedStoredAndDiscarded() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = link(org.testKey(), "{\"sandbox\":true}");
        beacon(id, csrf(given().get("/link/" + id).asString()), "Browser");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertTrue(count("select count(*) from magic_link_view_salt where day = ?", today) == 1);
        // What is stored of a viewer is a 16-byte hash, nothing else.
        assertEquals(1L,
                count("select count(*) from magic_link_view where magic_link_id = ? and length(viewer_hash) = 16", id));
        // A past day's salt, once expired, is deleted; today's stays.
        execute("insert into magic_link_view_salt (day, salt, expires_at) values (?, decode(repeat('ab', 32), 'hex'), now() - interval '1 minute') on conflict do nothing",
                today.minusDays(400));
        views.purgeExpiredSalts();
        assertEquals(0L, count("select count(*) from magic_link_view_salt where day = ?", today.minusDays(400)));
        assertEquals(1L, count("select count(*) from magic_link_view_salt where day = ?", today));
        // The same viewer hashes alike under one salt, and differently under another day's.
        byte[] salt = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;
        assertEquals(java.util.HexFormat.of().formatHex(ViewRecorder.viewerHash(salt, "1.2.3.4", "UA")),
                java.util.HexFormat.of().formatHex(ViewRecorder.viewerHash(salt, "1.2.3.4", "UA")));
        assertFalse(java.util.Arrays.equals(ViewRecorder.viewerHash(salt, "1.2.3.4", "UA"),
                ViewRecorder.viewerHash(other, "1.2.3.4", "UA")));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static JsonPath insight(String key, String id, String range) {
        return as(key).get("/magic-links/" + id + "/insights?range=" + range).then().statusCode(200).extract()
                .jsonPath();
    }

    private static JsonPath organization(String key, String query) {
        return as(key).get("/insights/magic-links?" + query).then().statusCode(200).extract().jsonPath();
    }

    static String link(String key, String body) {
        return as(key).contentType(ContentType.JSON).body(body).post("/magic-links").then().statusCode(200)
                .extract().path("magic_link.id");
    }

    static void beacon(String id, String csrf, String userAgent) {
        given().header("User-Agent", userAgent).formParam("csrf", csrf).post("/link/" + id + "/opened").then()
                .statusCode(204);
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no form token on the page");
        }
        return m.group(1);
    }

    static Response install(String id, String password) {
        String csrf = csrf(given().get("/link/" + id).asString());
        return given().redirects().follow(false).formParam("csrf", csrf).formParam("integration", "sandbox")
                .formParam("step", "install").formParam("cred.username", "user").formParam("cred.password", password)
                .post("/link/" + id + "/install");
    }

    private long count(String sql, Object arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql, Object arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            s.executeUpdate();
        }
    }

}
