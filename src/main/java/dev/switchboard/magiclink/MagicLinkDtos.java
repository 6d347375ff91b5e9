package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.switchboard.catalog.IntegrationType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request and response bodies of {@code /magic-links}: the Trackstar contract's, plus Switchboard's extensions on
 * input.
 */
@RegisterForReflection
public final class MagicLinkDtos {

    private MagicLinkDtos() {
    }

    @RegisterForReflection
    @Schema(name = "MagicLinkInputSchema", additionalProperties = Schema.False.class, description = "Trackstar's MagicLinkInputSchema. redirect_url, metadata, sandbox and disabled_functions are "
            + "Switchboard extensions. Lists are kept in the order given, duplicates removed.")
    public record MagicLinkInput(
            @Schema(nullable = true, maxLength = 255, description = "An existing connection of the same organization, "
                    + "environment and integration_type to reinstall: the customer re-enters credentials and the "
                    + "connection keeps its id and access token.") String connectionId,
            @Schema(maxItems = 100, description = "Only these integrations (names of the integration_type's catalog). Cannot be combined "
                    + "with integration_block_list or integrations_with_endpoints.", examples = "[\"shipbob\"]") List<String> integrationAllowList,
            @Schema(maxItems = 100, description = "Every integration of the type but these. Cannot be combined with integration_allow_list.", examples = "[\"extensiv-3pl-central\"]") List<String> integrationBlockList,
            @Schema(maxItems = 100, description = "Only integrations that support every one of these actions. Cannot be combined with "
                    + "integration_allow_list.", examples = "[\"get_inventory\", \"create_order\"]") List<String> integrationsWithEndpoints,
            @Schema(description = "Default wms.") IntegrationType integrationType,
            @Schema(description = "Days the link stays usable, 1..365. Default 7.", minimum = "1", maximum = "365") Integer linkDuration,
            @Schema(nullable = true, maxLength = 255, description = "Your identifier for the customer.", examples = "customer-123") String customerId,
            @Schema(nullable = true, maxLength = 2048, description = "Switchboard extension. Where the customer is sent "
                    + "after a successful connection: an https URL (http://localhost too outside production).", examples = "https://app.example.com/integrations/done") String redirectUrl,
            @Schema(type = SchemaType.OBJECT, nullable = true, description = "Switchboard extension. A JSON object of at "
                    + "most 4 KiB, echoed in the link's activity and in its webhooks.") Map<String, Object> metadata,
            @Schema(description = "Switchboard extension. Also offer the Sandbox integration. Default false.") Boolean sandbox,
            @Schema(maxItems = 100, description = "Switchboard extension. Actions switched off on the connection this link creates.", examples = "[\"create_order\"]") List<String> disabledFunctions) {
    }

    @RegisterForReflection
    @Schema(name = "MagicLink", additionalProperties = Schema.False.class, description = "Exactly Trackstar's MagicLink.")
    public record MagicLinkView(
            @Schema(required = true, description = "32 lowercase hex characters.", examples = "c0a4fef52f664ecf9e766c16811c3289") String id,
            @Schema(required = true, description = "The link to send to the customer.", examples = "http://localhost:8080/link/c0a4fef52f664ecf9e766c16811c3289") String url,
            @Schema(required = true, description = "ISO 8601 UTC, whole seconds.", examples = "2025-09-17T15:01:41Z") Instant expiresAt,
            @Schema(required = true) IntegrationType integrationType,
            @Schema(required = true) List<String> integrationAllowList,
            @Schema(required = true) List<String> integrationBlockList,
            @Schema(required = true) List<String> integrationsWithEndpoints,
            @Schema(required = true, nullable = true) String customerId) {

        static MagicLinkView of(MagicLink link, String publicUrl) {
            return of(link.id, publicUrl, link.expiresAt, link.integrationType, link.integrationAllowList,
                    link.integrationBlockList, link.integrationsWithEndpoints, link.customerId);
        }

        /** The view of a link, its {@code url} on the hosted page under {@code publicUrl} (no trailing slash). */
        static MagicLinkView of(String id, String publicUrl, Instant expiresAt, IntegrationType integrationType,
                List<String> integrationAllowList, List<String> integrationBlockList,
                List<String> integrationsWithEndpoints, String customerId) {
            return new MagicLinkView(id, publicUrl + "/link/" + id, expiresAt, integrationType, integrationAllowList,
                    integrationBlockList, integrationsWithEndpoints, customerId);
        }
    }

    @RegisterForReflection
    @Schema(name = "MagicLinkResponseSchema", additionalProperties = Schema.False.class)
    public record MagicLinkResponse(@Schema(required = true) MagicLinkView magicLink) {
    }

    @Schema(name = "MagicLinksResponseSchema", additionalProperties = Schema.False.class, description = "One page, newest first. The next page's token is in the x-next-page-token header and in "
            + "Link: <...>; rel=\"next\".")
    public record MagicLinksResponse(@Schema(required = true) List<MagicLinkView> magicLinks) {
    }

    @Schema(name = "DeleteMagic_LinkResponse", additionalProperties = Schema.False.class)
    public record DeletedMagicLink(
            @Schema(required = true) String id,
            @Schema(required = true, examples = "magic_link") String object,
            @Schema(required = true) boolean deleted) {
    }

    @Schema(name = "MagicLinkActivityEvent")
    public record ActivityEvent(
            @Schema(required = true, enumeration = {
                    "created", "opened", "integration_selected", "completed", "failed",
                    "revoked", "expired" }) String event,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true, type = SchemaType.OBJECT, description = "What happened; includes the link's metadata "
                    + "when it has any.") Map<String, Object> details){
    }

    @Schema(name = "MagicLinkActivity", description = "The link's audit trail, oldest first.")
    public record ActivityResponse(@Schema(required = true) List<ActivityEvent> data) {
    }
}
