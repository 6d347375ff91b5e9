package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static dev.switchboard.webhook.WebhookTesting.createWebhook;
import static dev.switchboard.webhook.WebhookTesting.secret;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookResourceTest {

    /** Never resolves (RFC 2606), so nothing is ever sent to it. */
    static final String URL = "https://hooks.example.invalid/switchboard";

    @Inject
    DataSource dataSource;
    @Inject
    WebhookTesting events;

    @Test
    void creating_an_endpoint_returns_its_whsec_secret_and_reading_it_does_not() {
        Org org = newOrganization();
        Map<String, Object> created = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(Map.of("url", URL, "description", "orders")).post("/webhooks").then().statusCode(201)
                .body("id", startsWith("wh_"))
                .body("url", equalTo(URL))
                .body("description", equalTo("orders"))
                .body("events", emptyIterable())
                .body("signature_scheme", equalTo("standard-webhooks"))
                .body("enabled", equalTo(true))
                .body("disabled_reason", nullValue())
                .body("created_at", notNullValue())
                .extract().path("$");
        String id = (String) created.get("id");
        String secret = (String) created.get("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);

        as(org.testKey()).get("/webhooks/" + id).then().statusCode(200).body("id", equalTo(id)).body("$",
                not(hasKey("secret")));
        as(org.testKey()).get("/webhooks").then().statusCode(200).body("webhooks.id", contains(id))
                .body("webhooks[0]", not(hasKey("secret")));
        as(org.testKey()).get("/webhooks/" + id + "/secret").then().statusCode(200).body("secret", equalTo(secret))
                .body("previous_secret_expires_at", nullValue());
    }

    @Test
    void secrets_are_stored_encrypted() throws Exception {
        Org org = newOrganization();
        String id = createWebhook(org.testKey(), URL);
        String secret = secret(org.testKey(), id);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select secret from webhook_endpoint where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                String stored = new String(r.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(stored.contains(secret.substring(6, 20)));
            }
        }
    }

    @Test
    void events_and_scheme_are_kept_and_duplicates_dropped() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("url", URL, "events",
                        List.of("magic_link.opened", "connection.created", "magic_link.opened"),
                        "signature_scheme", "hmac-sha256-hex"))
                .post("/webhooks").then().statusCode(201)
                .body("events", contains("magic_link.opened", "connection.created"))
                .body("signature_scheme", equalTo("hmac-sha256-hex"));
    }

    @Test
    void bad_input_is_a_422_at_the_field() {
        Org org = newOrganization();
        post(org, Map.of()).body("detail.json.url", contains("Missing data for required field."));
        post(org, Map.of("url", 5)).body("detail.json.url", contains("Not a valid string."));
        post(org, Map.of("url", URL, "colour", "red")).body("detail.json.colour", contains("Unknown field."));
        post(org, Map.of("url", URL, "events", List.of("magic_link.opened", "order.shipped")))
                .body("detail.json.'events.1'",
                        contains(startsWith("Must be one of: magic_link.created, magic_link.opened, "
                                + "magic_link.updated, magic_link.completed, magic_link.revoked, magic_link.expired, install.failed, connection.created, "
                                + "connection.deleted, connection.historical-sync-completed, order.created, order.updated, ")));
        post(org, Map.of("url", URL, "events", "magic_link.opened")).body("detail.json.events",
                contains("Not a valid list."));
        post(org, Map.of("url", URL, "description", "x".repeat(256)))
                .body("detail.json.description", contains("Longer than maximum length 255."));
        post(org, Map.of("url", URL, "signature_scheme", "md5"))
                .body("detail.json.signature_scheme", contains("Must be one of: standard-webhooks, hmac-sha256-hex."));
        post(org, Map.of("url", "https://example.invalid/" + "a".repeat(2048)))
                .body("detail.json.url", contains("Longer than maximum length 2048."));
        as(org.testKey()).contentType(ContentType.JSON).post("/webhooks").then().statusCode(422)
                .body("detail.json._schema", contains("Missing request body."));
        as(org.testKey()).get("/webhooks").then().body("webhooks", hasSize(0));
    }

    @Test
    void urls_that_are_not_public_https_are_refused_when_saved() {
        Org org = newOrganization();
        String blocked = "Must not point to a loopback, private, link-local or metadata address.";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("http://hooks.example.invalid/x", "Must be an https URL.");
        refused.put("ftp://hooks.example.invalid/x", "Must be an https URL.");
        refused.put("not a url", "Not a valid URL.");
        refused.put("/relative/path", "Not a valid URL.");
        refused.put("https://user:pass@hooks.example.invalid/x", "Must not contain a user name or password.");
        for (String url : List.of("https://127.0.0.2/x", "https://10.0.0.5/x", "https://172.16.3.4/x",
                "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/x",
                "https://[fd00:ec2::254]/x", "https://[::ffff:169.254.169.254]/x", "https://[::ffff:a9fe:a9fe]/x",
                "https://100.100.100.200/x", "https://0.0.0.0/x", "https://2130706433/x",
                "https://metadata.google.internal/x",
                "https://app.localhost/x", "https://[::]/x", "https://224.0.0.1/x", "https://[64:ff9b::a00:1]/x")) {
            refused.put(url, blocked);
        }
        refused.forEach((url, message) -> post(org, Map.of("url", url)).body("detail.json.url", contains(message)));
        as(org.testKey()).get("/webhooks").then().body("webhooks", hasSize(0));

        String id = createWebhook(org.testKey(), URL);
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("url", "https://10.1.2.3/"))
                .patch("/webhooks/" + id)
                .then().statusCode(422).body("detail.json.url", contains(blocked));
        as(org.testKey()).get("/webhooks/" + id).then().body("url", equalTo(URL));
    }

    @Test
    void the_localhost_allowance_of_dev_and_tests_covers_only_localhost() {
        Org org = newOrganization();
        createWebhook(org.testKey(), "http://localhost:9/x");
        createWebhook(org.testKey(), "http://127.0.0.1:9/x");
        createWebhook(org.testKey(), "https://[::1]:9/x");
        post(org, Map.of("url", "http://127.0.0.2:9/x")).body("detail.json.url", contains("Must be an https URL."));
    }

    @Test
    void an_organization_has_at_most_10_endpoints_per_environment() {
        Org org = newOrganization();
        for (int i = 0; i < 10; i++) {
            createWebhook(org.testKey(), URL + i);
        }
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("url", URL)).post("/webhooks").then()
                .statusCode(409)
                .body("code", equalTo("WEBHOOK_LIMIT_REACHED"));
        createWebhook(org.liveKey(), URL);
        String first = as(org.testKey()).get("/webhooks").then().extract().path("webhooks[0].id");
        as(org.testKey()).delete("/webhooks/" + first).then().statusCode(204);
        createWebhook(org.testKey(), URL);
    }

    @Test
    void patch_changes_only_what_it_names() {
        Org org = newOrganization();
        String id = createWebhook(org.testKey(),
                Map.of("url", URL, "description", "old", "events", List.of("magic_link.opened")));
        patch(org, id, Map.of("description", "new")).statusCode(200).body("description", equalTo("new"))
                .body("url", equalTo(URL)).body("events", contains("magic_link.opened"));
        patch(org, id, Map.of("url", URL + "/v2", "events", List.of())).statusCode(200)
                .body("url", equalTo(URL + "/v2"))
                .body("events", emptyIterable()).body("description", equalTo("new"));
        patch(org, id, Map.of("description", "")).statusCode(200).body("description", nullValue());
        patch(org, id, Map.of("enabled", false)).statusCode(200).body("enabled", equalTo(false))
                .body("disabled_reason", equalTo("Disabled through the API."));
        as(org.testKey()).post("/webhooks/" + id + "/test").then().statusCode(409).body("code",
                equalTo("WEBHOOK_DISABLED"));
        patch(org, id, Map.of("enabled", true)).statusCode(200).body("enabled", equalTo(true)).body("disabled_reason",
                nullValue());
        patch(org, id, Map.of("signature_scheme", "hmac-sha256-hex")).statusCode(422)
                .body("detail.json.signature_scheme", contains("Unknown field."));
        patch(org, id, Map.of("enabled", "yes")).statusCode(422).body("detail.json.enabled",
                contains("Not a valid boolean."));
    }

    @Test
    void delete_removes_the_endpoint_and_its_deliveries() {
        Org org = newOrganization();
        String id = createWebhook(org.testKey(), URL);
        as(org.testKey()).post("/webhooks/" + id + "/test").then().statusCode(202);
        as(org.testKey()).delete("/webhooks/" + id).then().statusCode(204);
        as(org.testKey()).get("/webhooks/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND")).body("id",
                equalTo(id));
        as(org.testKey()).delete("/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void rotating_gives_a_new_secret_and_keeps_the_old_one_signing_for_24_hours() {
        Org org = newOrganization();
        String id = createWebhook(org.testKey(), URL);
        String old = secret(org.testKey(), id);
        String expires = as(org.testKey()).post("/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .body("secret", startsWith("whsec_")).extract().path("previous_secret_expires_at");
        Duration grace = Duration.between(Instant.now(), Instant.parse(expires));
        assertTrue(
                grace.compareTo(Duration.ofHours(23).plusMinutes(59)) > 0 && grace.compareTo(Duration.ofHours(24)) <= 0,
                grace.toString());
        String current = secret(org.testKey(), id);
        assertNotEquals(old, current);
        as(org.testKey()).get("/webhooks/" + id + "/secret").then().body("previous_secret_expires_at",
                equalTo(expires));
    }

    @Test
    void webhooks_need_the_admin_scope() {
        Org org = newOrganization();
        String id = createWebhook(org.testKey(), URL);
        String write = newKey(org.testKey(), "write", 100);
        as(write).get("/webhooks").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(write).get("/webhooks/" + id + "/secret").then().statusCode(403);
        as(write).contentType(ContentType.JSON).body(Map.of("url", URL)).post("/webhooks").then().statusCode(403);
        as("sb_test_nope").get("/webhooks").then().statusCode(401);
    }

    @Test
    void deliveries_are_listed_newest_first_in_keyset_pages() {
        Org org = newOrganization();
        String id = createWebhook(org.testKey(), URL);
        List<String> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(0, as(org.testKey()).post("/webhooks/" + id + "/test").then().statusCode(202)
                    .body("event_type", equalTo("webhook.test")).body("webhook_id", equalTo(id))
                    .extract().path("id"));
        }
        List<String> first = as(org.testKey()).get("/webhooks/" + id + "/deliveries?limit=2").then().statusCode(200)
                .body("has_more", equalTo(true)).extract().path("deliveries.id");
        String next = as(org.testKey()).get("/webhooks/" + id + "/deliveries?limit=2").then().extract()
                .path("next_starting_after");
        List<String> second = as(org.testKey()).get("/webhooks/" + id + "/deliveries?limit=2&starting_after=" + next)
                .then()
                .statusCode(200).body("has_more", equalTo(true)).extract().path("deliveries.id");
        String last = as(org.testKey()).get("/webhooks/" + id + "/deliveries?limit=2&starting_after=" + second.get(1))
                .then()
                .statusCode(200).body("has_more", equalTo(false)).body("next_starting_after", nullValue())
                .extract().path("deliveries[0].id");
        assertEquals(queued, List.of(first.get(0), first.get(1), second.get(0), second.get(1), last));

        as(org.testKey()).get("/webhooks/" + id + "/deliveries?limit=0").then().statusCode(422)
                .body("detail.query.limit", contains("Must be between 1 and 100."));
        as(org.testKey()).get("/webhooks/" + id + "/deliveries?status=lost").then().statusCode(422)
                .body("detail.query.status", contains("Must be one of: pending, sending, succeeded, failed."));
        as(org.testKey()).get("/webhooks/" + id + "/deliveries?starting_after=whd_nope").then().statusCode(422)
                .body("detail.query.starting_after", contains("Not a delivery of this webhook."));
    }

    @Test
    void another_organization_gets_404_on_every_webhook_path() {
        Org owner = newOrganization();
        Org other = newOrganization();
        assertEveryPathIs404(owner.testKey(), other.testKey());
    }

    @Test
    void the_other_environment_gets_404_on_every_webhook_path() {
        Org org = newOrganization();
        assertEveryPathIs404(org.testKey(), org.liveKey());
        as(org.liveKey()).get("/webhooks").then().statusCode(200).body("webhooks", hasSize(0));
    }

    private void assertEveryPathIs404(String ownerKey, String strangerKey) {
        String id = createWebhook(ownerKey, URL);
        String delivery = as(ownerKey).post("/webhooks/" + id + "/test").then().statusCode(202).extract().path("id");
        List<RequestSpecificationCall> calls = List.of(
                s -> s.get("/webhooks/" + id),
                s -> s.contentType(ContentType.JSON).body(Map.of("description", "mine")).patch("/webhooks/" + id),
                s -> s.delete("/webhooks/" + id),
                s -> s.get("/webhooks/" + id + "/secret"),
                s -> s.post("/webhooks/" + id + "/rotate-secret"),
                s -> s.post("/webhooks/" + id + "/test"),
                s -> s.get("/webhooks/" + id + "/deliveries"));
        for (RequestSpecificationCall call : calls) {
            call.apply(as(strangerKey)).then().statusCode(404).body("code", equalTo("NOT_FOUND")).body("id",
                    equalTo(id));
        }
        as(strangerKey).post("/webhooks/deliveries/" + delivery + "/redeliver").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("id", equalTo(delivery));
        // Nothing changed for the owner.
        as(ownerKey).get("/webhooks/" + id).then().statusCode(200).body("description", nullValue());
        as(ownerKey).get("/webhooks/" + id + "/secret").then().statusCode(200).body("previous_secret_expires_at",
                nullValue());
        as(ownerKey).get("/webhooks/" + id + "/deliveries").then().statusCode(200).body("deliveries", hasSize(1));
    }

    @FunctionalInterface
    interface RequestSpecificationCall {

        io.restassured.response.Response apply(RequestSpecification spec);
    }

    private static io.restassured.response.ValidatableResponse post(Org org, Map<String, ?> body) {
        return as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON).body(body).post("/webhooks")
                .then()
                .statusCode(422).body("error", equalTo("Validation error"));
    }

    private static io.restassured.response.ValidatableResponse patch(Org org, String id, Map<String, ?> body) {
        return as(org.testKey()).contentType(ContentType.JSON).body(body).patch("/webhooks/" + id).then();
    }
}
