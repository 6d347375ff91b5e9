package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.OPERATOR_TOKEN;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** What one tenant can cost another (docs/webhooks.md): a few delivery slots, never the queue. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookFairnessTest {

    @Inject
    WebhookTesting testing;
    @Inject
    DeliveryStore store;

    @Test
    void a_tenant_with_a_slow_endpoint_holds_at_most_its_share_and_others_are_delivered_meanwhile() throws Exception {
        try (Receiver slow = Receiver.start(); Receiver fast = Receiver.start()) {
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger mostInFlight = new AtomicInteger();
            slow.respond(request -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Receiver.sleep(1500);
                inFlight.decrementAndGet();
                return Receiver.Reply.status(200);
            });
            Org noisy = newOrganization();
            WebhookTesting.createWebhook(noisy.testKey(), slow.url("/slow"));
            for (int i = 0; i < 24; i++) {
                testing.fire(
                        WebhookTesting.magicLinkEvent(WebhookTesting.testTenant(noisy.id()), "magic_link.created"));
            }
            slow.await(1, Duration.ofSeconds(30));
            Org quiet = newOrganization();
            WebhookTesting.createWebhook(quiet.testKey(), fast.url("/fast"));
            testing.fire(WebhookTesting.magicLinkEvent(WebhookTesting.testTenant(quiet.id()), "magic_link.created"));
            fast.await(1, Duration.ofSeconds(30));
            assertTrue(slow.requests().size() < 24, "the quiet tenant did not wait for the noisy one's queue: "
                    + slow.requests().size() + " of 24 sent first");
            slow.await(24, Duration.ofSeconds(60));
            assertTrue(mostInFlight.get() <= 4,
                    "at most 4 deliveries of one endpoint in flight, saw " + mostInFlight.get());
        }
    }

    @Test
    void a_suspended_organizations_deliveries_wait_and_resume_on_reactivation() {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            WebhookTesting.createWebhook(org.testKey(), receiver.url("/hook"));
            given().header("Authorization", "Bearer " + OPERATOR_TOKEN)
                    .post("/admin/organizations/" + org.id() + "/suspend")
                    .then().statusCode(200);
            testing.fire(WebhookTesting.magicLinkEvent(WebhookTesting.testTenant(org.id()), "magic_link.created"));
            // No instance may claim it while the organization is suspended (the claim query is the one place).
            List<DeliveryStore.Claim> claimed = QuarkusTransaction.requiringNew()
                    .call(() -> store.claim(1000, Duration.ofSeconds(1)));
            assertTrue(claimed.stream().noneMatch(c -> receiver.url("/hook").equals(c.url())),
                    "a suspended organization's delivery was claimed");
            assertEquals(0, receiver.requests().size());
            given().header("Authorization", "Bearer " + OPERATOR_TOKEN)
                    .post("/admin/organizations/" + org.id() + "/reactivate")
                    .then().statusCode(200);
            receiver.await(1, Duration.ofSeconds(30));
        }
    }
}
