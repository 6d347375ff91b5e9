package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static dev.switchboard.webhook.WebhookTesting.await;
import static dev.switchboard.webhook.WebhookTesting.awaitDelivery;
import static dev.switchboard.webhook.WebhookTesting.connectionCreated;
import static dev.switchboard.webhook.WebhookTesting.createWebhook;
import static dev.switchboard.webhook.WebhookTesting.deliveries;
import static dev.switchboard.webhook.WebhookTesting.magicLinkEvent;
import static dev.switchboard.webhook.WebhookTesting.secret;
import static dev.switchboard.webhook.WebhookTesting.testTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.error.ApiException;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.webhook.Receiver.Reply;
import dev.switchboard.webhook.Receiver.Request;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookTesting events;
    @Inject
    Event<MagicLinkEvent> magicLinks;
    @Inject
    DataSource dataSource;

    @Test
    void a_magic_link_event_arrives_signed_and_both_official_libraries_verify_it() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/hooks?source=switchboard"));
            String secret = secret(org.testKey(), id);
            MagicLinkEvent event = magicLinkEvent(testTenant(org.id()), MagicLinkEvent.OPENED);
            events.fire(event);

            Request request = receiver.await(1, WAIT).get(0);
            assertEquals("/hooks?source=switchboard", request.path());
            assertEquals("application/json", request.header("content-type"));
            String body = request.bodyText();
            new com.svix.Webhook(secret).verify(body, only(request, "svix-"));
            new com.standardwebhooks.Webhook(secret).verify(body, only(request, "webhook-"));
            for (String h : List.of("id", "timestamp", "signature")) {
                assertEquals(request.header("webhook-" + h), request.header("svix-" + h));
            }
            assertTrue(request.header("webhook-signature").matches("v1,[A-Za-z0-9+/=]{44}"),
                    request.header("webhook-signature"));
            // The check can fail: a changed body or another secret is refused by both libraries.
            assertThrows(com.svix.exceptions.WebhookVerificationException.class,
                    () -> new com.svix.Webhook(secret).verify(body.replace("customer-7", "customer-8"),
                            request.httpHeaders()));
            assertThrows(com.standardwebhooks.exceptions.WebhookVerificationException.class,
                    () -> new com.standardwebhooks.Webhook(WebhookSigner.newSecret()).verify(body,
                            request.httpHeaders()));

            JsonNode json = JSON.readTree(body);
            assertEquals(List.of("event_type", "magic_link_id", "customer_id", "occurred_at", "data", "metadata"),
                    fieldNames(json));
            assertEquals("magic_link.opened", json.get("event_type").asText());
            assertEquals(event.magicLinkId(), json.get("magic_link_id").asText());
            assertEquals("customer-7", json.get("customer_id").asText());
            assertEquals(event.occurredAt().toString(), json.get("occurred_at").asText());
            assertEquals("shipbob", json.get("data").get("integration_name").asText());
            assertEquals("42", json.get("metadata").get("crm_id").asText());

            Map<String, Object> delivery = awaitDelivery(org.testKey(), id, "succeeded");
            assertEquals(request.header("webhook-id"), delivery.get("event_id"));
            assertTrue(((String) delivery.get("event_id")).startsWith("evt_"));
            assertEquals("magic_link.opened", delivery.get("event_type"));
            assertEquals(1, delivery.get("attempts"));
            assertEquals(200, delivery.get("last_status_code"));
            assertNotNull(delivery.get("last_latency_ms"));
            assertNotNull(delivery.get("completed_at"));
            assertNull(delivery.get("next_attempt_at"));
        }
    }

    @Test
    void every_event_has_its_own_id_shared_by_all_endpoints() {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            createWebhook(org.testKey(), receiver.url("/a"));
            createWebhook(org.testKey(), receiver.url("/b"));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED));
            List<Request> requests = receiver.await(4, WAIT);
            Map<String, List<String>> pathsById = new java.util.HashMap<>();
            requests.forEach(
                    r -> pathsById.computeIfAbsent(r.header("webhook-id"), k -> new ArrayList<>()).add(r.path()));
            assertEquals(2, pathsById.size(), pathsById.toString());
            pathsById.values().forEach(paths -> assertEquals(List.of("/a", "/b"), paths.stream().sorted().toList()));
        }
    }

    @Test
    void a_rolled_back_change_sends_nothing() {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            MagicLinkEvent rolledBack = magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED);
            // The service fires, then fails later in the same transaction: everything rolls back.
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                magicLinks.fire(rolledBack);
                throw new IllegalStateException("the change failed after the event");
            }));
            MagicLinkEvent committed = magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED);
            events.fire(committed);
            awaitDelivery(org.testKey(), id, "succeeded");
            Receiver.sleep(500);
            List<Request> requests = receiver.requests();
            assertEquals(1, requests.size());
            assertTrue(requests.get(0).bodyText().contains(committed.magicLinkId()));
        }
    }

    @Test
    void the_outbox_must_be_written_inside_the_change_transaction() {
        Org org = newOrganization();
        createWebhook(org.testKey(), WebhookResourceTest.URL);
        assertThrows(RuntimeException.class,
                () -> magicLinks.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED)));
    }

    @Test
    void a_body_over_256_KiB_is_refused_where_the_event_is_raised() {
        Org org = newOrganization();
        String id = createWebhook(org.testKey(), WebhookResourceTest.URL);
        MagicLinkEvent big = new MagicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED, "ml_big", "c",
                Instant.now(),
                Map.of(), Map.of("blob", "x".repeat(WebhookPayloads.MAX_BYTES)));
        RuntimeException e = assertThrows(RuntimeException.class, () -> events.fire(big));
        ApiException api = e instanceof ApiException a ? a : (ApiException) e.getCause();
        assertEquals(413, api.status());
        assertEquals("PAYLOAD_TOO_LARGE", api.code());
        assertEquals(0, deliveries(org.testKey(), id).size());
    }

    @Test
    void connection_created_is_the_contracts_body_and_its_token_is_encrypted_then_dropped() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            String token = "tok_" + System.nanoTime() + "_secretvalue";
            CountDownLatch release = new CountDownLatch(1);
            receiver.respond(r -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.status(204);
            });
            ConnectionEvent event = connectionCreated(testTenant(org.id()), false, token);
            events.fire(event);
            Request request = receiver.await(1, WAIT).get(0);
            // While it is being sent, the row holds the payload, encrypted.
            byte[] stored = storedPayload(id);
            assertNotNull(stored);
            assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(token));
            assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("access_token"));
            release.countDown();

            String body = request.bodyText();
            assertTrue(WebhookContract.validate("GeneralConnectionsCreatedWebhookSchema", body).getMessages().isEmpty(),
                    () -> WebhookContract.validate("GeneralConnectionsCreatedWebhookSchema", body).toString());
            JsonNode json = JSON.readTree(body);
            assertEquals(List.of("connection_id", "event_type", "integration_name", "integration_type", "data"),
                    fieldNames(json));
            assertEquals(event.connectionId(), json.get("connection_id").asText());
            assertEquals("connection.created", json.get("event_type").asText());
            assertEquals("shipbob", json.get("integration_name").asText());
            assertEquals("wms", json.get("integration_type").asText());
            assertEquals(event.occurredAt().toString(), json.get("data").get("created_date").asText());
            assertEquals(token, json.get("data").get("access_token").asText());
            // The contract check can fail: an extra field is refused.
            assertFalse(WebhookContract.validate("GeneralConnectionsCreatedWebhookSchema",
                    body.replace("\"data\":{", "\"data\":{\"extra\":1,")).getMessages().isEmpty());

            Map<String, Object> delivery = awaitDelivery(org.testKey(), id, "succeeded");
            assertEquals(204, delivery.get("last_status_code"));
            assertNull(storedPayload(id), "the access token must not stay at rest after the final attempt");
            as(org.testKey()).post("/webhooks/deliveries/" + delivery.get("id") + "/redeliver").then().statusCode(409)
                    .body("code", equalTo("PAYLOAD_UNAVAILABLE"));
        }
    }

    @Test
    void connection_deleted_is_the_contracts_body() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            createWebhook(org.testKey(), receiver.url("/"));
            ConnectionEvent event = new ConnectionEvent(testTenant(org.id()), ConnectionEvent.DELETED, "conn_1",
                    "shopify",
                    dev.switchboard.catalog.IntegrationType.CART, "c", Instant.parse("2025-09-17T15:01:41Z"), false,
                    null);
            events.fire(event);
            String body = receiver.await(1, WAIT).get(0).bodyText();
            assertTrue(WebhookContract.validate("GeneralConnectionsDeletedWebhookSchema", body).getMessages().isEmpty(),
                    body);
            assertEquals(
                    "{\"connection_id\":\"conn_1\",\"event_type\":\"connection.deleted\",\"integration_name\":\"shopify\","
                            + "\"integration_type\":\"cart\",\"data\":{\"deleted_date\":\"2025-09-17T15:01:41Z\"}}",
                    body);
        }
    }

    @Test
    void connections_with_webhooks_disabled_send_nothing_and_subscriptions_filter() {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String all = createWebhook(org.testKey(), receiver.url("/all"));
            String completedOnly = createWebhook(org.testKey(),
                    Map.of("url", receiver.url("/completed"), "events", List.of("magic_link.completed")));
            events.fire(connectionCreated(testTenant(org.id()), true, "tok_never_sent"));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.OPENED));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.COMPLETED));
            receiver.await(3, WAIT);
            Receiver.sleep(500);
            List<Request> requests = receiver.requests();
            assertEquals(3, requests.size());
            assertTrue(requests.stream().noneMatch(r -> r.bodyText().contains("tok_never_sent")));
            assertEquals(List.of("magic_link.completed"), requests.stream().filter(r -> r.path().equals("/completed"))
                    .map(r -> event(r)).toList());
            assertEquals(2, deliveries(org.testKey(), all).size());
            assertEquals(1, deliveries(org.testKey(), completedOnly).size());
            // The other environment's endpoints hear nothing of test events.
            assertEquals(0, as(org.liveKey()).get("/webhooks").then().extract().<List<?>>path("webhooks").size());
        }
    }

    @Test
    void a_failed_attempt_is_retried_with_the_same_id_until_it_succeeds() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.respond(r -> Reply.status(calls.incrementAndGet() <= 2 ? 500 : 200));
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            String secret = secret(org.testKey(), id);
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.COMPLETED));
            List<Request> requests = receiver.await(3, WAIT);
            assertEquals(1, requests.stream().map(r -> r.header("webhook-id")).distinct().count());
            for (Request r : requests) {
                new com.svix.Webhook(secret).verify(r.bodyText(), r.httpHeaders());
            }
            Map<String, Object> delivery = awaitDelivery(org.testKey(), id, "succeeded");
            assertEquals(3, delivery.get("attempts"));
            assertEquals(200, delivery.get("last_status_code"));
            assertNull(delivery.get("last_error"));
        }
    }

    @Test
    void retry_after_on_503_and_429_is_honoured() {
        try (Receiver receiver = Receiver.start()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.respond(r -> switch (calls.incrementAndGet()) {
                case 1 -> new Reply(503, Map.of("Retry-After", "2"));
                case 2 -> new Reply(429, Map.of("Retry-After", "1"));
                default -> Reply.status(200);
            });
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED));
            List<Request> requests = receiver.await(3, WAIT);
            long first = TimeUnit.NANOSECONDS
                    .toMillis(requests.get(1).receivedAtNanos() - requests.get(0).receivedAtNanos());
            long second = TimeUnit.NANOSECONDS
                    .toMillis(requests.get(2).receivedAtNanos() - requests.get(1).receivedAtNanos());
            assertTrue(first >= 1900, "503 Retry-After: 2 was not honoured: " + first + " ms");
            assertTrue(second >= 900, "429 Retry-After: 1 was not honoured: " + second + " ms");
            assertEquals(3, awaitDelivery(org.testKey(), id, "succeeded").get("attempts"));
        }
    }

    @Test
    void a_delivery_that_keeps_failing_ends_failed_after_the_last_retry() {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(r -> Reply.status(500));
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.REVOKED));
            Map<String, Object> delivery = awaitDelivery(org.testKey(), id, "failed");
            assertEquals(8, delivery.get("attempts"), "1 try and the 7 retries of the schedule");
            assertEquals(500, delivery.get("last_status_code"));
            assertEquals("HTTP 500", delivery.get("last_error"));
            assertNull(delivery.get("next_attempt_at"));
            Receiver.sleep(600);
            assertEquals(8, receiver.requests().size());
            // The endpoint stays enabled; the delivery can be sent again by hand.
            as(org.testKey()).get("/webhooks/" + id).then().body("enabled", equalTo(true));
            receiver.respond(r -> Reply.status(200));
            as(org.testKey()).post("/webhooks/deliveries/" + delivery.get("id") + "/redeliver").then().statusCode(202)
                    .body("status", equalTo("pending")).body("event_id", equalTo(delivery.get("event_id")));
            receiver.await(9, WAIT);
            await("the redelivery succeeds", WAIT, () -> deliveries(org.testKey(), id).stream()
                    .anyMatch(d -> "succeeded".equals(d.get("status"))));
            assertEquals(receiver.requests().get(0).header("webhook-id"),
                    receiver.requests().get(8).header("webhook-id"));
        }
    }

    @Test
    void a_410_disables_the_endpoint() {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(r -> Reply.status(410));
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.EXPIRED));
            Map<String, Object> delivery = awaitDelivery(org.testKey(), id, "failed");
            assertEquals(1, delivery.get("attempts"));
            assertEquals(410, delivery.get("last_status_code"));
            as(org.testKey()).get("/webhooks/" + id).then().body("enabled", equalTo(false))
                    .body("disabled_reason", equalTo("The endpoint answered 410 Gone."));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.EXPIRED));
            as(org.testKey()).post("/webhooks/" + id + "/test").then().statusCode(409).body("code",
                    equalTo("WEBHOOK_DISABLED"));
            as(org.testKey()).post("/webhooks/deliveries/" + delivery.get("id") + "/redeliver").then().statusCode(409)
                    .body("code", equalTo("WEBHOOK_DISABLED"));
            Receiver.sleep(400);
            assertEquals(1, receiver.requests().size());
            assertEquals(1, deliveries(org.testKey(), id).size());
        }
    }

    @Test
    void disabling_an_endpoint_fails_what_is_queued_for_it() {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(r -> Reply.status(500));
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.OPENED));
            receiver.await(1, WAIT);
            as(org.testKey()).contentType(ContentType.JSON).body(Map.of("enabled", false)).patch("/webhooks/" + id)
                    .then()
                    .statusCode(200);
            Map<String, Object> delivery = awaitDelivery(org.testKey(), id, "failed");
            assertEquals("Not sent: the endpoint is disabled.", delivery.get("last_error"));
            int seen = receiver.requests().size();
            Receiver.sleep(500);
            assertEquals(seen, receiver.requests().size());
        }
    }

    @Test
    void after_a_rotation_deliveries_carry_both_signatures_and_verify_with_either_secret() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            String old = secret(org.testKey(), id);
            String current = as(org.testKey()).post("/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                    .extract()
                    .path("secret");
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED));
            Request request = receiver.await(1, WAIT).get(0);
            String[] signatures = request.header("webhook-signature").split(" ");
            assertEquals(2, signatures.length);
            assertEquals(request.header("webhook-signature"), request.header("svix-signature"));
            for (String secret : List.of(old, current)) {
                new com.svix.Webhook(secret).verify(request.bodyText(), only(request, "svix-"));
                new com.standardwebhooks.Webhook(secret).verify(request.bodyText(), only(request, "webhook-"));
            }
            // Only the two: a third secret is refused.
            assertThrows(com.svix.exceptions.WebhookVerificationException.class,
                    () -> new com.svix.Webhook(WebhookSigner.newSecret()).verify(request.bodyText(),
                            request.httpHeaders()));
        }
    }

    @Test
    void the_hmac_sha256_hex_scheme_signs_timestamp_and_body_with_the_secret() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(),
                    Map.of("url", receiver.url("/m2m"), "signature_scheme", "hmac-sha256-hex"));
            String old = secret(org.testKey(), id);
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.OPENED));
            Request first = receiver.await(1, WAIT).get(0);
            String timestamp = first.header("x-switchboard-timestamp");
            assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 60);
            assertEquals("magic_link.opened", first.header("x-switchboard-event"));
            assertTrue(first.header("x-switchboard-id").startsWith("evt_"));
            assertNull(first.header("webhook-signature"));
            assertEquals("sha256=" + hexHmac(old, timestamp + "." + first.bodyText()),
                    first.header("x-switchboard-signature"));

            String current = as(org.testKey()).post("/webhooks/" + id + "/rotate-secret").then().extract()
                    .path("secret");
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.COMPLETED));
            Request second = receiver.await(2, WAIT).get(1);
            String signed = second.header("x-switchboard-timestamp") + "." + second.bodyText();
            assertEquals("sha256=" + hexHmac(current, signed) + " sha256=" + hexHmac(old, signed),
                    second.header("x-switchboard-signature"));
        }
    }

    @Test
    void the_test_event_reaches_the_endpoint_whatever_it_subscribes_to() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(),
                    Map.of("url", receiver.url("/"), "events", List.of("install.failed")));
            as(org.testKey()).post("/webhooks/" + id + "/test").then().statusCode(202)
                    .body("event_type", equalTo("webhook.test"))
                    .body("status", equalTo("pending")).body("attempts", equalTo(0));
            Request request = receiver.await(1, WAIT).get(0);
            new com.standardwebhooks.Webhook(secret(org.testKey(), id)).verify(request.bodyText(),
                    request.httpHeaders());
            JsonNode json = JSON.readTree(request.bodyText());
            assertEquals("webhook.test", json.get("event_type").asText());
            assertEquals(id, json.get("webhook_id").asText());
            awaitDelivery(org.testKey(), id, "succeeded");
        }
    }

    @Test
    void an_address_refused_at_delivery_is_never_connected_to() throws Exception {
        InetAddress loopback2 = InetAddress.getByName("127.0.0.2");
        try (ServerSocket listener = new ServerSocket(0, 50, loopback2)) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket ignored = listener.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), "http://127.0.0.1:" + listener.getLocalPort() + "/x");
            // As if the saved endpoint now pointed elsewhere (a host re-resolving, or a row changed behind our back).
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("update webhook_endpoint set url = ? where id = ?")) {
                s.setString(1, "https://127.0.0.2:" + listener.getLocalPort() + "/x");
                s.setString(2, id);
                s.executeUpdate();
            }
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.OPENED));
            Map<String, Object> delivery = awaitDelivery(org.testKey(), id, "failed");
            assertEquals("Not sent: Must not point to a loopback, private, link-local or metadata address.",
                    delivery.get("last_error"));
            assertNull(delivery.get("last_status_code"));
            assertEquals(0, connections.get());
        }
    }

    @Test
    void metrics_show_queue_depth_latency_and_failures() {
        try (Receiver receiver = Receiver.start()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.respond(r -> Reply.status(calls.incrementAndGet() == 1 ? 500 : 200));
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            events.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.OPENED));
            awaitDelivery(org.testKey(), id, "succeeded");
            RestAssured.get("/q/metrics").then().statusCode(200)
                    .body(containsString("switchboard_webhooks_queue_depth{status=\"pending\"}"))
                    .body(containsString("switchboard_webhooks_queue_depth{status=\"sending\"}"))
                    .body(containsString("switchboard_webhooks_delivery_latency_seconds_count{outcome=\"success\"}"))
                    .body(containsString("switchboard_webhooks_delivery_latency_seconds_count{outcome=\"failure\"}"))
                    .body(containsString(
                            "switchboard_webhooks_delivery_failures_total{final=\"false\",kind=\"status\"}"));
        }
    }

    private byte[] storedPayload(String webhookId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c
                        .prepareStatement("select payload from webhook_delivery where endpoint_id = ?")) {
            s.setString(1, webhookId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getBytes(1);
            }
        }
    }

    private static HttpHeaders only(Request request, String prefix) {
        return HttpHeaders.of(request.headers(),
                (name, value) -> !name.startsWith(prefix.equals("svix-") ? "webhook-" : "svix-"));
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String event(Request request) {
        try {
            return JSON.readTree(request.body()).get("event_type").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String hexHmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
