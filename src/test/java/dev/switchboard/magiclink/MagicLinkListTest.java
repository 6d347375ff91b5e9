package dev.switchboard.magiclink;

import static dev.switchboard.magiclink.MagicLinkTesting.create;
import static dev.switchboard.magiclink.MagicLinkTesting.expire;
import static dev.switchboard.magiclink.MagicLinkTesting.sql;
import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MagicLinkListTest {

    @Inject
    MagicLinkService links;
    @Inject
    LinkLifecycle lifecycle;
    @Inject
    DataSource db;

    private static List<String> ids(String key, String query) {
        return as(key).filter(Contract.FILTER).get("/magic-links" + query).then().statusCode(200).extract()
                .path("magic_links.id");
    }

    @Test
    void newest_first_and_revoked_links_only_with_status_revoked() {
        Org org = newOrganization();
        String a = create(org.testKey());
        String b = create(org.testKey());
        String c = create(org.testKey());
        as(org.testKey()).delete("/magic-links/" + b).then().statusCode(200);
        assertEquals(List.of(c, a), ids(org.testKey(), ""));
        assertEquals(List.of(b), ids(org.testKey(), "?status=revoked"));
        // The body is exactly the contract's: one key, nothing else.
        Map<String, Object> body = as(org.testKey()).filter(Contract.FILTER).get("/magic-links").then().extract()
                .as(Map.class);
        assertEquals(java.util.Set.of("magic_links"), body.keySet());
    }

    @Test
    void every_status_and_visibility_filters_what_it_names() {
        Org org = newOrganization();
        String key = org.testKey();
        String created = create(key);
        String opened = create(key);
        lifecycle.recordOpened(opened);
        String completed = create(key);
        lifecycle.markCompleted(completed, "conn_1");
        String revoked = create(key);
        as(key).delete("/magic-links/" + revoked).then().statusCode(200);
        String expiredUnopened = create(key);
        expire(db, expiredUnopened);
        String expiredOpened = create(key);
        lifecycle.recordOpened(expiredOpened);
        expire(db, expiredOpened);
        String completedPastExpiry = create(key);
        lifecycle.markCompleted(completedPastExpiry, "conn_2");
        expire(db, completedPastExpiry);

        assertEquals(List.of(created), ids(key, "?status=created"));
        assertEquals(List.of(opened), ids(key, "?status=opened"));
        assertEquals(List.of(completedPastExpiry, completed), ids(key, "?status=completed"));
        assertEquals(List.of(revoked), ids(key, "?status=revoked"));
        assertEquals(List.of(expiredOpened, expiredUnopened), ids(key, "?status=expired"));
        assertEquals(List.of(completedPastExpiry, completed, opened, created), ids(key, "?visibility=active"));
        assertEquals(List.of(expiredOpened, expiredUnopened), ids(key, "?visibility=expired"));
        assertEquals(List.of(), ids(key, "?status=opened&visibility=expired"));
        assertEquals(List.of(opened), ids(key, "?status=opened&visibility=active"));
        assertEquals(List.of(), ids(key, "?status=revoked&visibility=active"));
        assertEquals(List.of(completedPastExpiry, expiredOpened, expiredUnopened, completed, opened, created),
                ids(key, ""));
    }

    @Test
    void customer_and_integration_type_filters() {
        Org org = newOrganization();
        String wmsA = create(org.testKey(), Map.of("customer_id", "acme"));
        String cartA = create(org.testKey(), Map.of("customer_id", "acme", "integration_type", "cart"));
        create(org.testKey(), Map.of("customer_id", "globex"));
        create(org.testKey());
        assertEquals(List.of(cartA, wmsA), ids(org.testKey(), "?customer_id=acme"));
        assertEquals(List.of(cartA), ids(org.testKey(), "?customer_id=acme&integration_type=cart"));
        assertEquals(List.of(cartA), ids(org.testKey(), "?integration_type=cart"));
        assertEquals(List.of(), ids(org.testKey(), "?customer_id=nobody"));
    }

    @Test
    void created_from_and_created_to_are_inclusive() {
        Org org = newOrganization();
        String jan1 = create(org.testKey());
        String jan2 = create(org.testKey());
        String jan3 = create(org.testKey());
        sql(db, "update magic_link set created_at = '2026-01-01T12:00:00Z' where id = ?", jan1);
        sql(db, "update magic_link set created_at = '2026-01-02T12:00:00Z' where id = ?", jan2);
        sql(db, "update magic_link set created_at = '2026-01-03T12:00:00Z' where id = ?", jan3);
        String key = org.testKey();
        assertEquals(List.of(jan3, jan2), ids(key, "?created_from=2026-01-02T12:00:00Z"));
        assertEquals(List.of(jan2, jan1), ids(key, "?created_to=2026-01-02T12:00:00Z"));
        assertEquals(List.of(jan2), ids(key, "?created_from=2026-01-02T12:00:00.000Z&created_to=2026-01-02T12:00:00Z"));
        assertEquals(List.of(jan2),
                as(key).filter(Contract.FILTER).queryParam("created_from", "2026-01-02T13:00:00+01:00")
                        .queryParam("created_to", "2026-01-02T12:00:00Z").get("/magic-links").then().statusCode(200)
                        .extract()
                        .path("magic_links.id"));
        assertEquals(List.of(jan2, jan1), ids(key, "?created_from=2026-01-01&created_to=2026-01-02"));
        assertEquals(List.of(jan3), ids(key, "?created_from=2026-01-03"));
    }

    @Test
    void pages_follow_the_next_page_token_and_the_link_header_to_the_end() {
        Org org = newOrganization();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            all.add(0, create(org.testKey(), Map.of("customer_id", "pager")));
        }
        Response first = as(org.testKey()).filter(Contract.FILTER)
                .get("/magic-links?limit=7&customer_id=pager&include_total=true");
        first.then().statusCode(200).body("magic_links", hasSize(7));
        String token = first.header("x-next-page-token");
        assertEquals(
                "<http://localhost:8080/magic-links?limit=7&customer_id=pager&include_total=true&page_token=" + token
                        + ">; rel=\"next\"",
                first.header("Link"));
        assertEquals("17", first.header("x-total-count"));
        List<String> seen = new ArrayList<>(first.path("magic_links.id"));
        String next = first.header("Link");
        while (next != null) {
            String url = next.substring(next.indexOf("/magic-links"), next.indexOf('>'));
            Response page = as(org.testKey()).filter(Contract.FILTER).urlEncodingEnabled(false).get(url);
            page.then().statusCode(200);
            seen.addAll(page.path("magic_links.id"));
            next = page.header("Link");
            if (next == null) {
                assertNull(page.header("x-next-page-token"));
            }
        }
        assertEquals(all, seen);
        Response unlisted = as(org.testKey()).get("/magic-links?customer_id=pager");
        assertNull(unlisted.header("x-total-count"), "x-total-count only when asked for");
        assertNull(unlisted.header("x-next-page-token"), "17 links fit in the default page of 100");
    }

    @Test
    void links_created_in_the_same_microsecond_are_ordered_by_id_and_none_is_skipped() {
        Org org = newOrganization();
        for (int i = 0; i < 10; i++) {
            create(org.testKey());
        }
        sql(db, "update magic_link set created_at = '2026-03-01T00:00:00Z' where organization_id = ?", org.id());
        List<String> expected = new ArrayList<>(ids(org.testKey(), ""));
        List<String> sorted = new ArrayList<>(expected);
        sorted.sort(Collections.reverseOrder());
        assertEquals(sorted, expected, "ties broken by id, descending");
        assertEquals(expected, pageThrough(org.testKey(), 3, null));
    }

    @Test
    void paging_while_links_are_being_created_has_no_duplicates_and_no_gaps() throws Exception {
        Org org = newOrganization();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            before.add(0, create(org.testKey()));
        }
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> inserts = new ArrayList<>();
            Runnable startInserts = () -> {
                for (int i = 0; i < 8; i++) {
                    inserts.add(writers.submit(() -> create(org.testKey())));
                }
            };
            List<String> seen = pageThrough(org.testKey(), 5, startInserts);
            List<String> during = new ArrayList<>();
            for (Future<String> insert : inserts) {
                during.add(insert.get(30, TimeUnit.SECONDS));
            }
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no duplicates");
            List<String> old = seen.stream().filter(before::contains).toList();
            assertEquals(before, old, "every link that existed before paging began, once and in order");
            assertTrue(during.stream().noneMatch(seen.subList(5, seen.size())::contains),
                    "links created while paging are newer than the cursor and never appear behind it");
            assertEquals(32, ids(org.testKey(), "").size());
        } finally {
            writers.shutdownNow();
        }
    }

    /** Follows x-next-page-token to the end; runs {@code afterFirstPage} once the first page is read. */
    private static List<String> pageThrough(String key, int limit, Runnable afterFirstPage) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            var request = as(key).filter(Contract.FILTER).queryParam("limit", limit);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            Response page = request.get("/magic-links");
            page.then().statusCode(200);
            List<String> ids = page.path("magic_links.id");
            assertTrue(ids.size() <= limit);
            seen.addAll(ids);
            token = page.header("x-next-page-token");
            if (afterFirstPage != null && seen.size() == ids.size()) {
                afterFirstPage.run();
            }
        } while (token != null);
        return seen;
    }

    @Test
    void the_default_page_is_100_and_a_page_holds_at_most_1000() {
        Org org = newOrganization();
        sql(db, """
                insert into magic_link (id, organization_id, environment, integration_type, created_at, expires_at)
                select md5(? || n), ?, 'test', 'wms', now() - n * interval '1 second', now() + interval '7 days'
                from generate_series(1, 150) n""", org.id(), org.id());
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links").then().statusCode(200).body("magic_links",
                hasSize(100));
        Response all = as(org.testKey()).filter(Contract.FILTER).get("/magic-links?limit=1000&include_total=true");
        all.then().statusCode(200).body("magic_links", hasSize(150));
        assertNull(all.header("x-next-page-token"));
        assertEquals("150", all.header("x-total-count"));
        assertEquals("150", as(org.testKey()).get("/magic-links?limit=1&include_total=true&status=created")
                .header("x-total-count"));
    }

    @Test
    void bad_query_parameters_are_422s_naming_each_one() {
        Org org = newOrganization();
        Map<String, Object> body = as(org.testKey()).filter(Contract.FILTER)
                .get("/magic-links?limit=0&status=gone&visibility=hidden&integration_type=3pl&created_from=yesterday"
                        + "&page_token=garbage&include_total=maybe")
                .then().statusCode(422).body("error", equalTo("Validation error")).extract().as(Map.class);
        assertEquals(Map.of("query", Map.of(
                "limit", List.of("Must be between 1 and 1000."),
                "status", List.of("Must be one of: created, opened, completed, revoked, expired."),
                "visibility", List.of("Must be one of: active, expired."),
                "integration_type", List.of("Must be one of: wms, freight, cart, carrier, erp."),
                "created_from", List.of("Not a valid datetime (ISO 8601, e.g. 2025-09-17T15:01:41Z)."),
                "page_token", List.of("Invalid page token."),
                "include_total", List.of("Not a valid boolean."))), body.get("detail"));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links?limit=1001").then().statusCode(422)
                .body("detail.query.limit[0]", equalTo("Must be between 1 and 1000."));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links?limit=ten").then().statusCode(422)
                .body("detail.query.limit[0]", equalTo("Not a valid integer."));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links?customer_id=" + "c".repeat(256)).then()
                .statusCode(422)
                .body("detail.query.customer_id[0]", equalTo("Longer than maximum length 255."));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links?created_from=2026-02-01&created_to=2026-01-01")
                .then()
                .statusCode(422).body("detail.query.created_to[0]", equalTo("Must not be before created_from."));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links?page_token=" + "A".repeat(40)).then()
                .statusCode(422)
                .body("detail.query.page_token[0]", equalTo("Invalid page token."));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links?include_total=false").then().statusCode(200)
                .body("magic_links", empty()).header("x-total-count", nullValue());
    }

    @Test
    void a_page_token_only_moves_within_the_callers_own_links() {
        Org ours = newOrganization();
        Org theirs = newOrganization();
        for (int i = 0; i < 3; i++) {
            create(ours.testKey());
            create(theirs.testKey());
        }
        String token = as(ours.testKey()).get("/magic-links?limit=1").header("x-next-page-token");
        List<String> theirLinks = ids(theirs.testKey(), "");
        List<String> page = as(theirs.testKey()).filter(Contract.FILTER).queryParam("page_token", token)
                .get("/magic-links")
                .then().statusCode(200).extract().path("magic_links.id");
        assertTrue(theirLinks.containsAll(page), "a cursor is a position, never a way into another tenant's links");
        assertTrue(Collections.disjoint(page, ids(ours.testKey(), "")));
    }
}
