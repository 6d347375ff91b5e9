package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static dev.switchboard.webhook.WebhookTesting.createWebhook;
import static dev.switchboard.webhook.WebhookTesting.deliveries;
import static dev.switchboard.webhook.WebhookTesting.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.it.PackagedService;
import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.webhook.Receiver.Reply;
import dev.switchboard.webhook.Receiver.Request;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * Webhooks from the packaged service (jar, or the native executable with {@code -Dnative}): a real event (a magic
 * link created through the API) goes through the outbox and the dispatcher to a receiver on loopback, which verifies
 * it with the official Svix and Standard Webhooks libraries; a 500 is retried.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedService.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_created_magic_link_is_delivered_signed_retried_after_a_500_and_verified_by_the_official_libraries()
            throws Exception {
        try (Receiver receiver = Receiver.start()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.respond(r -> Reply.status(calls.incrementAndGet() == 1 ? 500 : 204));
            Org org = newOrganization();
            String webhook = createWebhook(org.testKey(), Map.of("url", receiver.url("/hooks"),
                    "events", List.of("magic_link.created")));
            String secret = secret(org.testKey(), webhook);
            String link = as(org.testKey()).contentType(ContentType.JSON).body(Map.of("customer_id", "customer-7"))
                    .post("/magic-links").then().statusCode(200).extract().path("magic_link.id");

            List<Request> requests = receiver.await(2, WAIT);
            Request first = requests.get(0);
            Request retried = requests.get(1);
            assertEquals(first.header("webhook-id"), retried.header("webhook-id"), "a retry is the same event");
            String body = retried.bodyText();
            new com.svix.Webhook(secret).verify(body, only(retried, "svix-"));
            new com.standardwebhooks.Webhook(secret).verify(body, only(retried, "webhook-"));
            assertThrows(com.standardwebhooks.exceptions.WebhookVerificationException.class,
                    () -> new com.standardwebhooks.Webhook(secret).verify(body.replace("customer-7", "customer-8"),
                            retried.httpHeaders()));

            JsonNode json = JSON.readTree(body);
            assertEquals("magic_link.created", json.get("event_type").asText());
            assertEquals(link, json.get("magic_link_id").asText());
            assertEquals("customer-7", json.get("customer_id").asText());

            long deadline = System.nanoTime() + WAIT.toNanos();
            List<Map<String, Object>> rows = deliveries(org.testKey(), webhook);
            while (!"succeeded".equals(rows.get(0).get("status")) && System.nanoTime() < deadline) {
                Receiver.sleep(50);
                rows = deliveries(org.testKey(), webhook);
            }
            assertEquals("succeeded", rows.get(0).get("status"), rows::toString);
            assertEquals(2, rows.get(0).get("attempts"), rows::toString);
        }
    }

    /** The headers of one family only, so each library is shown to check its own. */
    private static HttpHeaders only(Request request, String prefix) {
        String other = prefix.equals("svix-") ? "webhook-" : "svix-";
        return HttpHeaders.of(request.headers(), (name, value) -> !name.startsWith(other));
    }
}
