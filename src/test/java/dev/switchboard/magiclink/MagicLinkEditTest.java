package dev.switchboard.magiclink;

import static dev.switchboard.magiclink.MagicLinkTesting.create;
import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.keyId;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.error.ApiException;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * {@code PATCH /magic-links/{id}} and {@code GET /magic-links/{id}/versions}: create's rules, the contract's response,
 * history that is never lost, tenants that never see each other.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MagicLinkEditTest {

    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource db;
    @Inject
    LinkLifecycle lifecycle;
    @Inject
    RecordedEvents events;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static Response patch(String key, String id, Object body) {
        return as(key).contentType(ContentType.JSON).body(body).patch("/magic-links/" + id);
    }

    @Test
    void an_edit_changes_the_fields_given_and_answers_the_contracts_magic_link() {
        Org org = newOrganization();
        Instant created = clock.freeze();
        String id = create(org.testKey(), Map.of("integration_allow_list", List.of("shipbob", "shiphero"),
                "customer_id", "c-1", "metadata", Map.of("crm", "42"), "redirect_url", "https://app.example.com/a"));
        clock.advance(Duration.ofHours(1));
        String expiresAt = created.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integration_allow_list", List.of("shiphero", "shiphero"));
        body.put("customer_id", "c-2");
        body.put("expires_at", expiresAt);
        Response response = patch(org.testKey(), id, body);
        response.then().statusCode(200)
                .body("magic_link.id", equalTo(id))
                .body("magic_link.integration_allow_list", contains("shiphero"))
                .body("magic_link.customer_id", equalTo("c-2"))
                .body("magic_link.expires_at", equalTo(expiresAt));
        // PATCH is not a path of Trackstar's contract, so the filter cannot check it: its body is checked against
        // the contract's MagicLinkResponseSchema here, and the check can fail.
        Contract.assertMatches("MagicLinkResponseSchema", response.asString());
        assertFalse(Contract.validate("MagicLinkResponseSchema",
                response.asString().replaceFirst("\\{\"magic_link\":\\{", "{\"magic_link\":{\"version\":2,"))
                .getMessages().isEmpty());
        // What GET answers is the edited link, and the fields left out kept their values.
        Map<String, Object> read = as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then()
                .statusCode(200).extract().as(Map.class);
        assertEquals(response.as(Map.class), read);

        String editor = keyId(org.testKey(), org.testKey());
        as(org.testKey()).get("/magic-links/" + id + "/versions").then().statusCode(200)
                .body("data.size()", equalTo(1))
                .body("data[0].version_id", matchesPattern("^mlv_[A-Za-z0-9]{24}$"))
                .body("data[0].version", equalTo(1))
                .body("data[0].created_at",
                        equalTo(created.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString()))
                .body("data[0].api_key_id", equalTo(editor))
                .body("data[0].state.integration_allow_list", contains("shipbob", "shiphero"))
                .body("data[0].state.customer_id", equalTo("c-1"))
                .body("data[0].state.metadata.crm", equalTo("42"))
                .body("data[0].state.redirect_url", equalTo("https://app.example.com/a"))
                .body("data[0].state.disabled_functions", empty())
                .body("data[0].state.expires_at",
                        equalTo(created.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString()))
                .body("next_token", nullValue());

        List<Map<String, Object>> activity = as(org.testKey()).get("/magic-links/" + id + "/activity").then()
                .statusCode(200).extract().path("data");
        Map<String, Object> edited = activity.get(activity.size() - 1);
        assertEquals("edited", edited.get("event"));
        Map<?, ?> details = (Map<?, ?>) edited.get("details");
        assertEquals(2, details.get("version"));
        assertEquals(editor, details.get("api_key_id"));
        assertEquals(List.of("integration_allow_list", "customer_id", "expires_at"), details.get("changed"));

        MagicLinkEvent updated = events.of(id).stream().map(RecordedEvents.Recorded::event)
                .filter(e -> e.eventType().equals(MagicLinkEvent.UPDATED)).findFirst().orElseThrow();
        assertEquals("c-2", updated.customerId());
        assertEquals(Map.of("integration_allow_list", List.of("shipbob", "shiphero"), "customer_id", "c-1",
                "expires_at", created.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString()),
                updated.previousAttributes());
        assertEquals(List.of("shiphero"), updated.data().get("integration_allow_list"));
        assertEquals("https://app.example.com/a", updated.data().get("redirect_url"));
        assertEquals(2, updated.data().get("version"));
        assertEquals(Map.of("crm", "42"), updated.metadata());
    }

    @Test
    void null_clears_what_can_be_cleared_and_expires_at_cannot_be_null() {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("integration_block_list", List.of("shipbob"), "customer_id", "c-1",
                "metadata", Map.of("crm", "42"), "redirect_url", "https://app.example.com/a",
                "disabled_functions", List.of("create_order"), "integrations_with_endpoints",
                List.of("get_orders")));
        Map<String, Object> clear = new HashMap<>();
        for (String field : List.of("integration_block_list", "integrations_with_endpoints", "customer_id",
                "redirect_url", "metadata", "disabled_functions")) {
            clear.put(field, null);
        }
        patch(org.testKey(), id, clear).then().statusCode(200)
                .body("magic_link.integration_block_list", empty())
                .body("magic_link.integrations_with_endpoints", empty())
                .body("magic_link.customer_id", nullValue());
        as(org.testKey()).get("/magic-links/" + id + "/versions").then()
                .body("data[0].state.metadata.crm", equalTo("42"));
        // The link's current state, as the next edit keeps it.
        patch(org.testKey(), id, Map.of("customer_id", "c-3")).then().statusCode(200);
        as(org.testKey()).get("/magic-links/" + id + "/versions").then()
                .body("data[0].version", equalTo(2))
                .body("data[0].state.metadata", nullValue())
                .body("data[0].state.redirect_url", nullValue())
                .body("data[0].state.disabled_functions", empty());

        Map<String, Object> noExpiry = new HashMap<>();
        noExpiry.put("expires_at", null);
        patch(org.testKey(), id, noExpiry).then().statusCode(422)
                .body("detail.json.expires_at", contains("Field may not be null."));
    }

    @Test
    void an_edit_is_held_to_creates_rules_and_its_422_bodies() {
        Org org = newOrganization();
        String id = create(org.testKey());
        // The same invalid fields give the same 422 body on POST and on PATCH.
        Map<String, Object> invalid = new HashMap<>();
        invalid.put("integration_allow_list", List.of("shipbob", "no-such-wms"));
        invalid.put("integrations_with_endpoints", List.of("get_orders"));
        invalid.put("customer_id", "c".repeat(256));
        invalid.put("redirect_url", "ftp://example.com/x");
        invalid.put("disabled_functions", List.of("launch_rockets"));
        invalid.put("metadata", Map.of("big", "x".repeat(5000)));
        Map<String, Object> fromCreate = as(org.testKey()).contentType(ContentType.JSON).body(invalid)
                .post("/magic-links").then().statusCode(422).extract().as(Map.class);
        Map<String, Object> fromEdit = patch(org.testKey(), id, invalid).then().statusCode(422).extract().as(Map.class);
        assertEquals(fromCreate, fromEdit);
        assertTrue(((Map<?, ?>) ((Map<?, ?>) fromEdit.get("detail")).get("json")).containsKey("redirect_url"));

        // The result as a whole: a new allow list next to the link's block list is refused, as on create ...
        String blocked = create(org.testKey(), Map.of("integration_block_list", List.of("shipbob")));
        patch(org.testKey(), blocked, Map.of("integration_allow_list", List.of("shiphero"))).then().statusCode(422)
                .body("detail.json.integration_allow_list",
                        contains("Cannot be combined with integration_block_list."))
                .body("detail.json.integration_block_list",
                        contains("Cannot be combined with integration_allow_list."));
        // ... and clearing the block list in the same edit makes it valid.
        Map<String, Object> swap = new HashMap<>();
        swap.put("integration_allow_list", List.of("shiphero"));
        swap.put("integration_block_list", null);
        patch(org.testKey(), blocked, swap).then().statusCode(200)
                .body("magic_link.integration_allow_list", contains("shiphero"))
                .body("magic_link.integration_block_list", empty());
        String freight = create(org.testKey(), Map.of("integration_type", "freight"));
        patch(org.testKey(), freight, Map.of("integration_block_list",
                List.of("flexport", "freightos", "chrobinson", "dhl-global-forwarding"))).then().statusCode(422)
                .body("detail.json._schema", contains("These filters leave no freight integration to choose from "
                        + "(the Sandbox is offered only with sandbox: true)."));

        patch(org.testKey(), id, Map.of("colour", "red")).then().statusCode(422)
                .body("detail.json.colour", contains("Unknown field."));
        patch(org.testKey(), id, Map.of()).then().statusCode(422)
                .body("detail.json._schema", contains(startsWith("Give at least one field")));
        as(org.testKey()).contentType(ContentType.JSON).patch("/magic-links/" + id).then().statusCode(422)
                .body("detail.json._schema", contains("Missing request body."));
        patch(org.testKey(), id, Map.of("customer_id", 5)).then().statusCode(422)
                .body("detail.json.customer_id", contains("Not a valid string."));
        patch(org.testKey(), id, Map.of("expires_at", "next tuesday")).then().statusCode(422)
                .body("detail.json.expires_at",
                        contains("Not a valid datetime (ISO 8601, e.g. 2025-09-17T15:01:41Z)."));
        // Nothing of it changed the link.
        as(org.testKey()).get("/magic-links/" + id + "/versions").then().body("data", empty());
    }

    @Test
    void expires_at_stays_within_1_to_365_days_of_creation_and_in_the_future() {
        Org org = newOrganization();
        Instant created = clock.freeze();
        String id = create(org.testKey(), Map.of("link_duration", 3));
        Instant createdSecond = created.truncatedTo(ChronoUnit.SECONDS);
        patch(org.testKey(), id, Map.of("expires_at", created.plus(Duration.ofDays(366)).toString())).then()
                .statusCode(422).body("detail.json.expires_at",
                        contains(startsWith("Must be between 1 and 365 days after the link "
                                + "was created")));
        patch(org.testKey(), id, Map.of("expires_at", created.plus(Duration.ofHours(23)).toString())).then()
                .statusCode(422);
        String extended = created.plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS).toString();
        patch(org.testKey(), id, Map.of("expires_at", extended)).then().statusCode(200)
                .body("magic_link.expires_at", equalTo(extended));
        // Shortened to a time that has passed: refused (revoking is how a link ends now).
        clock.advance(Duration.ofDays(3));
        patch(org.testKey(), id, Map.of("expires_at", createdSecond.plus(Duration.ofDays(2)).toString())).then()
                .statusCode(422).body("detail.json.expires_at",
                        contains("Must be in the future (to end the link now, revoke it with DELETE)."));
        String shortened = createdSecond.plus(Duration.ofDays(4)).toString();
        patch(org.testKey(), id, Map.of("expires_at", shortened)).then().statusCode(200)
                .body("magic_link.expires_at", equalTo(shortened));
    }

    @Test
    void a_completed_revoked_or_expired_link_is_409_and_its_versions_are_kept() {
        Org org = newOrganization();
        String revoked = create(org.testKey());
        patch(org.testKey(), revoked, Map.of("customer_id", "before-revoke")).then().statusCode(200);
        as(org.testKey()).delete("/magic-links/" + revoked).then().statusCode(200);
        patch(org.testKey(), revoked, Map.of("customer_id", "x")).then().statusCode(409)
                .body("code", equalTo("MAGIC_LINK_NOT_EDITABLE"))
                .body("error", equalTo("This magic link is revoked and can no longer be edited."));
        as(org.testKey()).get("/magic-links/" + revoked + "/versions").then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data[0].state.customer_id", nullValue());

        String completed = create(org.testKey());
        lifecycle.markCompleted(completed, "conn_1");
        patch(org.testKey(), completed, Map.of("customer_id", "x")).then().statusCode(409)
                .body("error", equalTo("This magic link is completed and can no longer be edited."));

        String expired = create(org.testKey());
        MagicLinkTesting.expire(db, expired);
        patch(org.testKey(), expired, Map.of("expires_at", Instant.now().plus(Duration.ofDays(3)).toString()))
                .then().statusCode(409)
                .body("error", equalTo("This magic link is expired and can no longer be edited."));
    }

    @Test
    void another_tenants_link_is_404_and_a_read_key_cannot_edit() {
        Org org = newOrganization();
        String id = create(org.testKey());
        patch(org.testKey(), id, Map.of("customer_id", "mine")).then().statusCode(200);

        Org other = newOrganization();
        for (String key : List.of(other.testKey(), org.liveKey())) {
            patch(key, id, Map.of("customer_id", "theirs")).then().statusCode(404)
                    .body("error", equalTo("Magic link not found")).body("id", equalTo(id))
                    .body("$", not(hasKey("code")));
            as(key).get("/magic-links/" + id + "/versions").then().statusCode(404).body("id", equalTo(id));
        }
        patch(org.testKey(), "not-an-id", Map.of("customer_id", "x")).then().statusCode(404);

        String readKey = newKey(org.testKey(), "read", 100);
        patch(readKey, id, Map.of("customer_id", "x")).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        // The history is readable with the activity's scope.
        as(readKey).get("/magic-links/" + id + "/versions").then().statusCode(200).body("data.size()", equalTo(1));
        as(org.testKey()).get("/magic-links/" + id).then().body("magic_link.customer_id", equalTo("mine"));
    }

    @Test
    void concurrent_edits_queue_on_the_link_and_no_version_is_lost() throws Exception {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("customer_id", "c-0"));
        int edits = 8;
        ExecutorService pool = Executors.newFixedThreadPool(edits);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 1; i <= edits; i++) {
                String customer = "c-" + i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return patch(org.testKey(), id, Map.of("customer_id", customer)).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> versions = as(org.testKey()).get("/magic-links/" + id + "/versions").then()
                .statusCode(200).extract().path("data");
        assertEquals(edits, versions.size());
        List<Integer> numbers = versions.stream().map(v -> (Integer) v.get("version")).toList();
        assertEquals(List.of(8, 7, 6, 5, 4, 3, 2, 1), numbers);
        // Every state is somewhere: the first as version 1, each edit's either kept by the next or current.
        Set<Object> customers = new HashSet<>();
        versions.forEach(v -> customers.add(((Map<?, ?>) v.get("state")).get("customer_id")));
        customers.add(as(org.testKey()).get("/magic-links/" + id).then().extract().path("magic_link.customer_id"));
        assertEquals(edits + 1, customers.size(), customers.toString());
        assertEquals("c-0", ((Map<?, ?>) versions.get(edits - 1).get("state")).get("customer_id"));
    }

    @Test
    void versions_are_paged_newest_first_even_when_edits_share_a_timestamp() {
        Org org = newOrganization();
        clock.freeze();
        String id = create(org.testKey());
        for (int i = 1; i <= 5; i++) {
            patch(org.testKey(), id, Map.of("customer_id", "c-" + i)).then().statusCode(200);
        }
        List<Integer> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var page = as(org.testKey()).queryParam("limit", 2).queryParam("page_token", token == null ? "" : token)
                    .get("/magic-links/" + id + "/versions").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.version", Integer.class));
            token = page.getString("next_token");
            pages++;
        } while (token != null);
        assertEquals(List.of(5, 4, 3, 2, 1), seen);
        assertEquals(3, pages);

        as(org.testKey()).get("/magic-links/" + id + "/versions?limit=0").then().statusCode(422)
                .body("detail.query.limit", contains("Must be between 1 and 100."));
        as(org.testKey()).get("/magic-links/" + id + "/versions?page_token=bm9wZQ").then().statusCode(422)
                .body("detail.query.page_token", contains("Invalid page token."));
        // A token of another list (magic links are keyed by hex ids, not version numbers) is not one of these.
        create(org.testKey());
        create(org.testKey());
        String linksToken = as(org.testKey()).get("/magic-links?limit=1").then().extract()
                .header("x-next-page-token");
        as(org.testKey()).get("/magic-links/" + id + "/versions?page_token=" + linksToken).then().statusCode(422);
    }

    @Test
    void an_edit_that_changes_nothing_records_nothing() {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("customer_id", "c-1", "integration_allow_list", List.of("shipbob")));
        patch(org.testKey(), id, Map.of("customer_id", "c-1", "integration_allow_list", List.of("shipbob", "shipbob")))
                .then().statusCode(200).body("magic_link.customer_id", equalTo("c-1"));
        as(org.testKey()).get("/magic-links/" + id + "/versions").then().body("data", empty());
        assertEquals(List.of("created"), as(org.testKey()).get("/magic-links/" + id + "/activity").then().extract()
                .path("data.event"));
        assertFalse(events.typesOf(id).contains(MagicLinkEvent.UPDATED));
    }

    @Test
    void an_install_against_a_replaced_version_is_refused_under_the_links_lock() {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("integration_allow_list", List.of("shipbob", "shiphero")));
        patch(org.testKey(), id, Map.of("integration_allow_list", List.of("shiphero"))).then().statusCode(200);
        ApiException stale = assertThrows(ApiException.class, () -> lifecycle.markCompleted(id, "conn_1", 1));
        assertEquals(409, stale.status());
        assertEquals(LinkLifecycle.CHANGED, stale.code());
        assertFalse(as(org.testKey()).get("/magic-links/" + id + "/activity").then().extract()
                .<List<String>>path("data.event").contains("completed"));
        lifecycle.markCompleted(id, "conn_1", 2);
        assertTrue(as(org.testKey()).get("/magic-links/" + id + "/activity").then().extract()
                .<List<String>>path("data.event").contains("completed"));
    }
}
