package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.as;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;

/** Fires domain events the way the services do (inside their transaction), and calls /webhooks. */
@ApplicationScoped
public class WebhookTesting {

    @Inject
    Event<MagicLinkEvent> magicLinks;
    @Inject
    Event<ConnectionEvent> connections;

    static Tenant testTenant(String organizationId) {
        return new Tenant(organizationId, Environment.TEST);
    }

    static MagicLinkEvent magicLinkEvent(Tenant tenant, String type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("integration_name", "shipbob");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("crm_id", "42");
        return new MagicLinkEvent(tenant, type, "ml_" + System.nanoTime(), "customer-7",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), data, metadata);
    }

    static ConnectionEvent connectionCreated(Tenant tenant, boolean webhooksDisabled, String accessToken) {
        return new ConnectionEvent(tenant, ConnectionEvent.CREATED, "conn_" + System.nanoTime(), "shipbob",
                IntegrationType.WMS,
                "customer-7", Instant.now().truncatedTo(ChronoUnit.SECONDS), webhooksDisabled, accessToken);
    }

    /** Fires in a transaction of its own that commits, as a service's @Transactional method would. */
    void fire(MagicLinkEvent event) {
        QuarkusTransaction.requiringNew().run(() -> magicLinks.fire(event));
    }

    void fire(ConnectionEvent event) {
        QuarkusTransaction.requiringNew().run(() -> connections.fire(event));
    }

    static String createWebhook(String key, String url) {
        return createWebhook(key, Map.of("url", url));
    }

    static String createWebhook(String key, Map<String, Object> body) {
        return as(key).filter(Contract.FILTER).contentType(ContentType.JSON).body(body).post("/webhooks").then()
                .statusCode(201)
                .extract().path("id");
    }

    static String secret(String key, String webhookId) {
        return as(key).get("/webhooks/" + webhookId + "/secret").then().statusCode(200).extract().path("secret");
    }

    static List<Map<String, Object>> deliveries(String key, String webhookId) {
        return as(key).get("/webhooks/" + webhookId + "/deliveries?limit=100").then().statusCode(200).extract()
                .path("deliveries");
    }

    static Map<String, Object> onlyDelivery(String key, String webhookId) {
        List<Map<String, Object>> all = deliveries(key, webhookId);
        if (all.size() != 1) {
            throw new AssertionError("Expected one delivery, got " + all);
        }
        return new HashMap<>(all.get(0));
    }

    /** Waits until the condition holds; fails after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Receiver.sleep(25);
        }
    }

    /** Waits until the endpoint's only delivery has the status. */
    static Map<String, Object> awaitDelivery(String key, String webhookId, String status) {
        await("a " + status + " delivery", Duration.ofSeconds(15), () -> {
            List<Map<String, Object>> all = deliveries(key, webhookId);
            return all.size() == 1 && status.equals(all.get(0).get("status"));
        });
        return onlyDelivery(key, webhookId);
    }
}
