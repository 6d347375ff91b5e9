package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

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
                    "revoked", "expired", "edited" }) String event,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true, type = SchemaType.OBJECT, description = "What happened; includes the link's metadata "
                    + "when it has any.") Map<String, Object> details){
    }

    @Schema(name = "MagicLinkActivity", description = "The link's audit trail, oldest first.")
    public record ActivityResponse(@Schema(required = true) List<ActivityEvent> data) {
    }

    /**
     * The body of {@code PATCH /magic-links/{id}}: the fields given change, the others stay. Each setter records that
     * its field was given, so {@code null} (clear it) and absent (keep it) differ; what the values may be is decided by
     * {@link MagicLinkValidator}, the rules of create.
     */
    @RegisterForReflection
    @Schema(name = "MagicLinkPatchInput", additionalProperties = Schema.False.class, minProperties = 1, description = "Switchboard extension. At least one field; the "
            + "others stay as they are. null clears a list (to empty), customer_id, redirect_url or metadata; "
            + "expires_at cannot be null. The result must pass create's rules (for example a new "
            + "integration_allow_list cannot be combined with the link's integration_block_list: clear that in the "
            + "same request).")
    public static final class MagicLinkPatch {

        public static final String ALLOW = "integration_allow_list";
        public static final String BLOCK = "integration_block_list";
        public static final String ENDPOINTS = "integrations_with_endpoints";
        public static final String CUSTOMER = "customer_id";
        public static final String REDIRECT = "redirect_url";
        public static final String METADATA = "metadata";
        public static final String DISABLED = "disabled_functions";
        public static final String EXPIRES = "expires_at";

        @JsonIgnore
        @Schema(hidden = true)
        private final Set<String> given = new LinkedHashSet<>();

        @Schema(nullable = true, maxItems = 100, description = "Only these integrations; null or [] clears it.", examples = "[\"shipbob\"]")
        private List<String> integrationAllowList;
        @Schema(nullable = true, maxItems = 100, description = "Every integration of the type but these; null or [] clears it.")
        private List<String> integrationBlockList;
        @Schema(nullable = true, maxItems = 100, description = "Only integrations supporting all these actions; null or [] clears it.")
        private List<String> integrationsWithEndpoints;
        @Schema(nullable = true, maxLength = 255, description = "null clears it.")
        private String customerId;
        @Schema(nullable = true, maxLength = 2048, description = "An https URL (http://localhost too outside production); null clears it.")
        private String redirectUrl;
        @Schema(type = SchemaType.OBJECT, nullable = true, description = "Replaces the whole object (at most 4 KiB); null clears it.")
        private Map<String, Object> metadata;
        @Schema(nullable = true, maxItems = 100, description = "Actions switched off on the connection the link creates; null or [] clears it.")
        private List<String> disabledFunctions;
        @Schema(description = "ISO 8601, kept to the second: 1 to 365 days after the link was created, and in the future.", examples = "2025-09-30T00:00:00Z")
        private Instant expiresAt;

        @JsonProperty(ALLOW)
        public void setIntegrationAllowList(List<String> value) {
            given.add(ALLOW);
            integrationAllowList = value;
        }

        @JsonProperty(BLOCK)
        public void setIntegrationBlockList(List<String> value) {
            given.add(BLOCK);
            integrationBlockList = value;
        }

        @JsonProperty(ENDPOINTS)
        public void setIntegrationsWithEndpoints(List<String> value) {
            given.add(ENDPOINTS);
            integrationsWithEndpoints = value;
        }

        @JsonProperty(CUSTOMER)
        public void setCustomerId(String value) {
            given.add(CUSTOMER);
            customerId = value;
        }

        @JsonProperty(REDIRECT)
        public void setRedirectUrl(String value) {
            given.add(REDIRECT);
            redirectUrl = value;
        }

        @JsonProperty(METADATA)
        public void setMetadata(Map<String, Object> value) {
            given.add(METADATA);
            metadata = value;
        }

        @JsonProperty(DISABLED)
        public void setDisabledFunctions(List<String> value) {
            given.add(DISABLED);
            disabledFunctions = value;
        }

        @JsonProperty(EXPIRES)
        public void setExpiresAt(Instant value) {
            given.add(EXPIRES);
            expiresAt = value;
        }

        /** Whether the body named the field (with a value or with null). */
        boolean has(String field) {
            return given.contains(field);
        }

        boolean isEmpty() {
            return given.isEmpty();
        }

        List<String> integrationAllowList() {
            return integrationAllowList;
        }

        List<String> integrationBlockList() {
            return integrationBlockList;
        }

        List<String> integrationsWithEndpoints() {
            return integrationsWithEndpoints;
        }

        String customerId() {
            return customerId;
        }

        String redirectUrl() {
            return redirectUrl;
        }

        Map<String, Object> metadata() {
            return metadata;
        }

        List<String> disabledFunctions() {
            return disabledFunctions;
        }

        Instant expiresAt() {
            return expiresAt;
        }
    }

    /**
     * What an edit can change, all of it: the state a version keeps, the {@code data} of the
     * {@code magic_link.updated} webhook (with {@code previous_attributes} the changed fields before).
     */
    @RegisterForReflection
    @Schema(name = "MagicLinkState", additionalProperties = Schema.False.class, description = "A magic link's editable state.")
    public record LinkState(
            @Schema(required = true) List<String> integrationAllowList,
            @Schema(required = true) List<String> integrationBlockList,
            @Schema(required = true) List<String> integrationsWithEndpoints,
            @Schema(required = true, nullable = true) String customerId,
            @Schema(required = true, nullable = true) String redirectUrl,
            @Schema(required = true, nullable = true, type = SchemaType.OBJECT) Map<String, Object> metadata,
            @Schema(required = true) List<String> disabledFunctions,
            @Schema(required = true, description = "ISO 8601 UTC, whole seconds.") Instant expiresAt) {
    }

    @RegisterForReflection
    @Schema(name = "MagicLinkVersion", additionalProperties = Schema.False.class, description = "A state the link had before an edit.")
    public record VersionView(
            @Schema(required = true, examples = "mlv_3fZq1xV9bT0cLmN2pQ4rS6uW") String versionId,
            @Schema(required = true, description = "The number of this state: 1 is the link as created; the link's "
                    + "current state is the highest number plus one.") int version,
            @Schema(required = true, description = "When the edit that replaced this state was made.") Instant createdAt,
            @Schema(required = true, description = "The id of the API key that made that edit.", examples = "key_3fZq1xV9bT0cLmN2pQ4rS6uW") String apiKeyId,
            @Schema(required = true) LinkState state) {
    }

    @RegisterForReflection
    @Schema(name = "MagicLinkVersions", additionalProperties = Schema.False.class, description = "One page of a link's versions, newest first.")
    public record VersionsResponse(
            @Schema(required = true) List<VersionView> data,
            @Schema(required = true, nullable = true, description = "page_token of the next page; null on the last.") String nextToken) {
    }
}
