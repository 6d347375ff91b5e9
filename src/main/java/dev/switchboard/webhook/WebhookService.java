package dev.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.db.Jdbc;
import dev.switchboard.error.ApiException;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.http.KeysetPage;
import dev.switchboard.tenant.Tenant;

/** Endpoints, their secrets, test events, and the deliveries of one tenant. Inputs arrive validated. */
@ApplicationScoped
public class WebhookService {

    /** An endpoint and its secret in clear. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    /** A page of deliveries, newest first. */
    public record Page(List<WebhookDelivery> deliveries, boolean hasMore) {
    }

    /** What a PATCH asks to change; null fields stay as they are. */
    public record Changes(String url, List<String> events, String description, Boolean enabled) {
    }

    @Inject
    Clock clock;
    @Inject
    Jdbc jdbc;
    @Inject
    DeliveryStore deliveries;
    @Inject
    PayloadCipher cipher;
    @Inject
    WebhookPayloads payloads;
    @Inject
    SwitchboardConfig config;

    @Transactional
    public WithSecret create(Tenant tenant, String url, List<String> events, String description,
            SignatureScheme scheme) {
        // Serializes creations per organization, so concurrent requests cannot pass the limit together.
        jdbc.advisoryXactLock("webhook-endpoints:" + tenant.organizationId());
        int max = config.webhooks().maxEndpoints();
        if (WebhookEndpoint.countForTenant(tenant) >= max) {
            throw ApiException.conflict("WEBHOOK_LIMIT_REACHED", "An organization can have at most " + max
                    + " webhook endpoints per environment. Delete one first.");
        }
        Instant now = now();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = WebhookEndpoint.newId();
        endpoint.organizationId = tenant.organizationId();
        endpoint.environment = tenant.environment();
        endpoint.url = url;
        endpoint.events = new ArrayList<>(events);
        endpoint.description = description;
        endpoint.signatureScheme = scheme;
        String secret = WebhookSigner.newSecret();
        endpoint.secret = seal(endpoint.id, secret);
        endpoint.enabled = true;
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        endpoint.persist();
        return new WithSecret(endpoint, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookEndpoint> list(Tenant tenant) {
        return WebhookEndpoint.listForTenant(tenant);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookEndpoint get(Tenant tenant, String id) {
        return find(tenant, id);
    }

    @Transactional
    public WebhookEndpoint update(Tenant tenant, String id, Changes changes) {
        WebhookEndpoint endpoint = find(tenant, id);
        if (changes.url() != null) {
            endpoint.url = changes.url();
        }
        if (changes.events() != null) {
            endpoint.events = new ArrayList<>(changes.events());
        }
        if (changes.description() != null) {
            endpoint.description = changes.description().isEmpty() ? null : changes.description();
        }
        if (changes.enabled() != null && changes.enabled() != endpoint.enabled) {
            endpoint.enabled = changes.enabled();
            if (endpoint.enabled) {
                endpoint.disabledReason = null;
            } else {
                endpoint.disabledReason = "Disabled through the API.";
                deliveries.failQueued(endpoint.id);
            }
        }
        endpoint.updatedAt = now();
        return endpoint;
    }

    /** Deletes the endpoint and its deliveries, queued ones included. */
    @Transactional
    public void delete(Tenant tenant, String id) {
        find(tenant, id).delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WithSecret secret(Tenant tenant, String id) {
        WebhookEndpoint endpoint = find(tenant, id);
        return new WithSecret(endpoint, open(endpoint.id, endpoint.secret));
    }

    /** A new secret; the current one keeps signing alongside it for the rotation grace (24 hours). */
    @Transactional
    public WithSecret rotate(Tenant tenant, String id) {
        WebhookEndpoint endpoint = find(tenant, id);
        Instant now = now();
        String secret = WebhookSigner.newSecret();
        endpoint.previousSecret = endpoint.secret;
        endpoint.previousSecretExpiresAt = now.plus(config.webhooks().rotationGrace());
        endpoint.secret = seal(endpoint.id, secret);
        endpoint.updatedAt = now;
        return new WithSecret(endpoint, secret);
    }

    /** Queues a {@code webhook.test} event for this endpoint only, whatever it subscribes to. */
    @Transactional
    public WebhookDelivery sendTest(Tenant tenant, String id) {
        WebhookEndpoint endpoint = find(tenant, id);
        requireEnabled(endpoint);
        String eventId = WebhookDelivery.newEventId();
        byte[] body = payloads.test(endpoint.id, clock.instant());
        return deliveries.queue(tenant, endpoint.id, eventId, EventTypes.TEST,
                cipher.seal(body, WebhookDelivery.payloadContext(eventId)), false, now());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page deliveries(Tenant tenant, String id, DeliveryStatus status, WebhookDelivery startingAfter, int limit) {
        WebhookEndpoint endpoint = find(tenant, id);
        KeysetPage<WebhookDelivery> page = KeysetPage.of(WebhookDelivery.page(endpoint.id, status, startingAfter,
                KeysetPage.fetchSize(limit)), limit, d -> new KeysetCursor(d.createdAt, d.id));
        return new Page(page.items(), page.hasMore());
    }

    /** The delivery a {@code starting_after} cursor names, if it belongs to this tenant and endpoint. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookDelivery cursor(Tenant tenant, String endpointId, String deliveryId) {
        return WebhookDelivery.findForTenant(tenant, deliveryId).filter(d -> d.endpointId.equals(endpointId))
                .orElse(null);
    }

    /**
     * Sends an event again as a new delivery with the same event id (receivers that already have it dedupe it). The
     * original must be finished, its endpoint enabled, and its payload still stored (those with access tokens are
     * dropped after their final attempt).
     */
    @Transactional
    public WebhookDelivery redeliver(Tenant tenant, String deliveryId) {
        WebhookDelivery original = WebhookDelivery.findForTenant(tenant, deliveryId)
                .orElseThrow(() -> ApiException.notFound("Webhook delivery not found", deliveryId));
        requireEnabled(find(tenant, original.endpointId));
        if (!original.status.isFinal()) {
            throw ApiException.conflict("DELIVERY_IN_PROGRESS", "This delivery is still being attempted ("
                    + original.status + ").");
        }
        if (original.payload == null) {
            throw ApiException.conflict("PAYLOAD_UNAVAILABLE", "This event carried an access token, which is not kept"
                    + " after its final attempt; it cannot be sent again.");
        }
        return deliveries.queue(tenant, original.endpointId, original.eventId, original.eventType, original.payload,
                original.sensitive, now());
    }

    private static void requireEnabled(WebhookEndpoint endpoint) {
        if (!endpoint.enabled) {
            throw ApiException.conflict("WEBHOOK_DISABLED", "This endpoint is disabled; enable it with PATCH first.");
        }
    }

    private static WebhookEndpoint find(Tenant tenant, String id) {
        return WebhookEndpoint.findForTenant(tenant, id)
                .orElseThrow(() -> ApiException.notFound("Webhook not found", id));
    }

    private byte[] seal(String endpointId, String secret) {
        return cipher.seal(secret.getBytes(StandardCharsets.UTF_8), WebhookEndpoint.secretContext(endpointId));
    }

    private String open(String endpointId, byte[] sealed) {
        return new String(cipher.open(sealed, WebhookEndpoint.secretContext(endpointId)), StandardCharsets.UTF_8);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
