package dev.switchboard.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request and response bodies of {@code /webhooks}. */
@RegisterForReflection
public final class WebhookDtos {

    private WebhookDtos() {
    }

    @Schema(name = "CreateWebhookInput", additionalProperties = Schema.False.class)
    public record CreateWebhookInput(
            @Schema(required = true, maxLength = 2048, description = "An https URL on the public internet.", examples = "https://example.com/webhooks/switchboard") String url,
            @Schema(maxItems = 50, description = "Event types to receive; absent or empty: all of them.", enumeration = {
                    "magic_link.created", "magic_link.opened", "magic_link.updated", "magic_link.completed",
                    "magic_link.revoked",
                    "magic_link.expired", "install.failed", "connection.created",
                    "connection.deleted" }) List<String> events,
            @Schema(maxLength = 255) String description,
            @Schema(description = "Default standard-webhooks.") SignatureScheme signatureScheme){
    }

    @Schema(name = "UpdateWebhookInput", additionalProperties = Schema.False.class, description = "Only the fields given change. An empty description removes it; empty events means all.")
    public record UpdateWebhookInput(
            @Schema(maxLength = 2048) String url,
            @Schema(maxItems = 50, description = "Event types to receive; empty: all of them.") List<String> events,
            @Schema(maxLength = 255) String description,
            @Schema(description = "true re-enables an endpoint that was disabled (also one disabled by a 410).") Boolean enabled) {
    }

    @Schema(name = "Webhook", description = "A webhook endpoint. Its secret is at GET /webhooks/{id}/secret.")
    public record WebhookView(
            @Schema(required = true, examples = "wh_3fZq1xV9bT0cLmN2pQ4rS6uW") String id,
            @Schema(required = true) String url,
            @Schema(required = true, nullable = true) String description,
            @Schema(required = true, description = "Subscribed event types; empty means all.") List<String> events,
            @Schema(required = true) SignatureScheme signatureScheme,
            @Schema(required = true) boolean enabled,
            @Schema(required = true, nullable = true, description = "Why it was disabled, when it was.") String disabledReason,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt) {

        static WebhookView of(WebhookEndpoint e) {
            return new WebhookView(e.id, e.url, e.description, List.copyOf(e.events), e.signatureScheme, e.enabled,
                    e.disabledReason, e.createdAt, e.updatedAt);
        }
    }

    @Schema(name = "CreatedWebhook", description = "A new webhook endpoint, with its signing secret.")
    public record CreatedWebhook(
            @Schema(required = true) String id,
            @Schema(required = true) String url,
            @Schema(required = true, nullable = true) String description,
            @Schema(required = true) List<String> events,
            @Schema(required = true) SignatureScheme signatureScheme,
            @Schema(required = true) boolean enabled,
            @Schema(required = true, nullable = true) String disabledReason,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true, examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

        static CreatedWebhook of(WebhookEndpoint e, String secret) {
            WebhookView v = WebhookView.of(e);
            return new CreatedWebhook(v.id(), v.url(), v.description(), v.events(), v.signatureScheme(), v.enabled(),
                    v.disabledReason(), v.createdAt(), v.updatedAt(), secret);
        }
    }

    @Schema(name = "WebhookList")
    public record WebhookList(
            @Schema(required = true, description = "Oldest first; at most 10.") List<WebhookView> webhooks) {
    }

    @Schema(name = "WebhookSecret")
    public record WebhookSecret(
            @Schema(required = true, examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
            @Schema(required = true, nullable = true, description = "Until when the previous secret still signs too (after a rotation).") Instant previousSecretExpiresAt) {
    }

    @Schema(name = "WebhookDelivery", description = "One event sent (or to be sent) to one endpoint.")
    public record DeliveryView(
            @Schema(required = true, examples = "whd_3fZq1xV9bT0cLmN2pQ4rS6uW") String id,
            @Schema(required = true) String webhookId,
            @Schema(required = true, description = "The event's id: the webhook-id header. Receivers dedupe on it.") String eventId,
            @Schema(required = true) String eventType,
            @Schema(required = true) DeliveryStatus status,
            @Schema(required = true) int attempts,
            @Schema(required = true, nullable = true) Integer lastStatusCode,
            @Schema(required = true, nullable = true) Integer lastLatencyMs,
            @Schema(required = true, nullable = true) String lastError,
            @Schema(required = true, nullable = true) Instant lastAttemptAt,
            @Schema(required = true, nullable = true) Instant nextAttemptAt,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true, nullable = true) Instant completedAt) {

        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id, d.endpointId, d.eventId, d.eventType, d.status, d.attempts, d.lastStatusCode,
                    d.lastLatencyMs, d.lastError, d.lastAttemptAt, d.nextAttemptAt, d.createdAt, d.completedAt);
        }
    }

    @Schema(name = "WebhookDeliveryList")
    public record DeliveryList(
            @Schema(required = true, description = "Newest first.") List<DeliveryView> deliveries,
            @Schema(required = true) boolean hasMore,
            @Schema(required = true, nullable = true, description = "Pass as starting_after for the next page.") String nextStartingAfter) {
    }
}
