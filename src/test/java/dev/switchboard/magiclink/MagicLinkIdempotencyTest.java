package dev.switchboard.magiclink;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkInput;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MagicLinkIdempotencyTest {

    @Inject
    IdempotencyStore store;
    @Inject
    DataSource db;

    private static Response post(String apiKey, String idempotencyKey, String body) {
        var request = as(apiKey).filter(Contract.FILTER).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/magic-links");
    }

    private static List<String> linksOf(String apiKey, String customerId) {
        return as(apiKey).get("/magic-links?customer_id=" + customerId).then().statusCode(200).extract()
                .path("magic_links.id");
    }

    @Test
    void the_same_key_and_body_replays_the_first_response() {
        Org org = newOrganization();
        Response first = post(org.testKey(), "order-42", "{\"customer_id\":\"replay\",\"link_duration\":3}");
        first.then().statusCode(200);
        assertNull(first.header("Idempotent-Replayed"));
        // The same request, its keys in another order and spaced otherwise, is the same request.
        Response again = post(org.testKey(), "order-42", "{ \"link_duration\": 3, \"customer_id\": \"replay\" }");
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertEquals(List.of((String) first.path("magic_link.id")), linksOf(org.testKey(), "replay"));
    }

    @Test
    void the_same_key_with_another_body_is_422_at_the_header() {
        Org org = newOrganization();
        post(org.testKey(), "k-1", "{\"customer_id\":\"a\"}").then().statusCode(200);
        Map<String, Object> body = post(org.testKey(), "k-1", "{\"customer_id\":\"b\"}").then().statusCode(422)
                .extract()
                .as(Map.class);
        assertEquals(Map.of("error", "Validation error", "detail", Map.of("headers", Map.of("Idempotency-Key",
                List.of("This key was already used with a different request. Use a new key for a new request.")))),
                body);
        assertEquals(List.of(), linksOf(org.testKey(), "b"));
    }

    @Test
    void keys_belong_to_one_organization_and_one_environment() {
        Org org = newOrganization();
        Org other = newOrganization();
        String body = "{\"customer_id\":\"scoped\"}";
        String test = post(org.testKey(), "shared", body).then().statusCode(200).extract().path("magic_link.id");
        Response live = post(org.liveKey(), "shared", body);
        live.then().statusCode(200);
        assertNull(live.header("Idempotent-Replayed"));
        Response elsewhere = post(other.testKey(), "shared", body);
        elsewhere.then().statusCode(200);
        assertNull(elsewhere.header("Idempotent-Replayed"));
        assertEquals(3, Set.of(test, live.path("magic_link.id"), elsewhere.path("magic_link.id")).size());
    }

    @Test
    void the_key_has_at_most_255_characters() {
        Org org = newOrganization();
        post(org.testKey(), "k".repeat(256), "{}").then().statusCode(422)
                .body("detail.headers.Idempotency-Key[0]", equalTo("Longer than maximum length 255."));
        post(org.testKey(), "k".repeat(255), "{}").then().statusCode(200);
    }

    @Test
    void a_duplicate_while_the_first_is_in_flight_is_409() {
        Org org = newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        MagicLinkInput empty = new MagicLinkInput(null, null, null, null, null, null, null, null, null, null, null);
        IdempotencyStore.Claim claim = store.claim(tenant, "slow",
                store.requestHash(MagicLinkResource.ENDPOINT, empty));
        assertTrue(claim.owned());
        post(org.testKey(), "slow", "{}").then().statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_IN_USE"));
        // Another body under a key in flight is still a different request.
        post(org.testKey(), "slow", "{\"customer_id\":\"x\"}").then().statusCode(422);
        store.release(tenant, "slow");
        post(org.testKey(), "slow", "{}").then().statusCode(200);
    }

    @Test
    void concurrent_duplicates_create_one_link_and_never_two_different_answers() throws Exception {
        Org org = newOrganization();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return post(org.testKey(), "race", "{\"customer_id\":\"race\"}");
                }));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            int ok = 0;
            for (Future<Response> future : responses) {
                Response response = future.get(60, TimeUnit.SECONDS);
                assertTrue(response.statusCode() == 200 || response.statusCode() == 409, response::asString);
                if (response.statusCode() == 200) {
                    ok++;
                    bodies.add(response.asString());
                }
            }
            assertTrue(ok >= 1);
            assertEquals(1, bodies.size(), "every 200 is the one link");
            assertEquals(1, linksOf(org.testKey(), "race").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_failed_request_gives_its_key_back() {
        Org org = newOrganization();
        post(org.testKey(), "retry-me", "{\"connection_id\":\"not an id!\"}").then().statusCode(422)
                .body("detail.json.connection_id[0]", equalTo("Not a valid connection id."));
        post(org.testKey(), "retry-me", "{\"customer_id\":\"fixed\"}").then().statusCode(200);
        // A body that fails validation never touches the key either.
        post(org.testKey(), "fresh", "{\"link_duration\":0}").then().statusCode(422);
        Response created = post(org.testKey(), "fresh", "{}");
        created.then().statusCode(200);
        assertNull(created.header("Idempotent-Replayed"));
    }

    @Test
    void keys_are_kept_24_hours_then_free_again() {
        Org org = newOrganization();
        String first = post(org.testKey(), "daily", "{\"customer_id\":\"day1\"}").then().statusCode(200).extract()
                .path("magic_link.id");
        MagicLinkTesting.sql(db, "update idempotency_key set created_at = now() - interval '25 hours', "
                + "expires_at = now() - interval '1 hour' where organization_id = ? and key = 'daily'", org.id());
        String second = post(org.testKey(), "daily", "{\"customer_id\":\"day2\"}").then().statusCode(200).extract()
                .path("magic_link.id");
        assertNotEquals(first, second);
        MagicLinkTesting.sql(db, "update idempotency_key set expires_at = now() - interval '1 hour' "
                + "where organization_id = ? and key = 'daily'", org.id());
        store.purgeExpired(1000);
        post(org.testKey(), "daily", "{\"customer_id\":\"day3\"}").then().statusCode(200);
        as(org.testKey()).get("/magic-links?customer_id=day3").then().body("magic_links", hasSize(1));
    }
}
