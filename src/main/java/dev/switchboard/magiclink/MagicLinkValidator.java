package dev.switchboard.magiclink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.StorableText;
import dev.switchboard.common.WireValue;
import dev.switchboard.config.UrlPolicy;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkInput;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkPatch;

/**
 * Turns a {@code POST /magic-links} body into a {@link LinkSpec}, or a 422 naming every problem at once; and a
 * {@code PATCH} into the link's next state by the same rules ({@link #validateEdit}).
 */
@ApplicationScoped
public class MagicLinkValidator {

    static final int MAX_CUSTOMER_ID = 255;
    static final int MAX_CONNECTION_ID = 255;
    /** Entries of each list; the catalog and the action list are far shorter, so only a hostile body reaches it. */
    static final int MAX_LIST_ENTRIES = 100;
    static final int MAX_REDIRECT_URL = 2048;
    static final int MAX_METADATA_BYTES = 4096;
    static final int DEFAULT_DURATION_DAYS = 7;
    static final int MAX_DURATION_DAYS = 365;
    private static final String JSON = ValidationProblem.JSON;
    private static final String ACTIONS = WireValue.values(Action.class);

    @Inject
    Catalog catalog;
    @Inject
    ObjectMapper json;

    /** http://localhost redirect URLs are for development; production links must leave over https. */
    @Inject
    UrlPolicy urls;

    public LinkSpec validate(MagicLinkInput input) {
        ValidationProblem problem = new ValidationProblem();
        IntegrationType type = input.integrationType() == null ? IntegrationType.WMS : input.integrationType();

        List<String> allow = names(problem, "integration_allow_list", input.integrationAllowList(), type);
        List<String> block = names(problem, "integration_block_list", input.integrationBlockList(), type);
        List<String> withEndpoints = actions(problem, "integrations_with_endpoints", input.integrationsWithEndpoints());
        List<String> disabled = actions(problem, "disabled_functions", input.disabledFunctions());
        if (!allow.isEmpty() && !block.isEmpty()) {
            problem.add(JSON, "integration_allow_list", "Cannot be combined with integration_block_list.");
            problem.add(JSON, "integration_block_list", "Cannot be combined with integration_allow_list.");
        }
        if (!allow.isEmpty() && !withEndpoints.isEmpty()) {
            problem.add(JSON, "integration_allow_list", "Cannot be combined with integrations_with_endpoints.");
            problem.add(JSON, "integrations_with_endpoints", "Cannot be combined with integration_allow_list.");
        }

        int duration = input.linkDuration() == null ? DEFAULT_DURATION_DAYS : input.linkDuration();
        if (duration < 1 || duration > MAX_DURATION_DAYS) {
            problem.add(JSON, "link_duration", "Must be between 1 and " + MAX_DURATION_DAYS + ".");
        }
        String customerId = input.customerId();
        if (customerId != null && customerId.length() > MAX_CUSTOMER_ID) {
            problem.add(JSON, "customer_id", "Longer than maximum length " + MAX_CUSTOMER_ID + ".");
        }
        String connectionId = input.connectionId();
        if (connectionId != null && connectionId.length() > MAX_CONNECTION_ID) {
            problem.add(JSON, "connection_id", "Longer than maximum length " + MAX_CONNECTION_ID + ".");
        }
        String redirectUrl = input.redirectUrl();
        if (redirectUrl != null) {
            checkRedirect(problem, redirectUrl);
        }
        String metadataJson = null;
        if (input.metadata() != null && !StorableText.isStorableJson(input.metadata())) {
            problem.add(JSON, "metadata", StorableText.MESSAGE);
        } else if (input.metadata() != null) {
            metadataJson = compact(input.metadata());
            if (metadataJson.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
                problem.add(JSON, "metadata",
                        "Longer than maximum size " + MAX_METADATA_BYTES + " bytes (as compact JSON).");
            }
        }
        boolean sandbox = Boolean.TRUE.equals(input.sandbox());
        problem.throwIfAny();

        LinkSpec spec = new LinkSpec(type, allow, block, withEndpoints, duration, customerId, connectionId, redirectUrl,
                input.metadata() == null ? Map.of() : input.metadata(), metadataJson, sandbox, disabled);
        if (offered(spec.integrationType(), spec.integrationAllowList(), spec.integrationBlockList(),
                spec.integrationsWithEndpoints(), spec.sandbox()).isEmpty()) {
            throw ValidationProblem.of(JSON, ValidationProblem.WHOLE_BODY, "These filters leave no " + type
                    + " integration to choose from"
                    + (sandbox ? "." : " (the Sandbox is offered only with sandbox: true)."));
        }
        return spec;
    }

    /**
     * The state a link would have after {@code patch}: the fields given replace the link's (null clears), the others
     * are kept, and the whole is checked by {@link #validate}, so an edit is held to exactly the rules (and the 422
     * bodies) of create. {@code expires_at} replaces {@code link_duration}: 1 to 365 days after the link was created,
     * whole seconds, and still in the future (ending a link now is {@code DELETE}). Every problem in one 422.
     */
    public Edit validateEdit(MagicLink link, Map<String, Object> metadata, MagicLinkPatch patch, Instant now) {
        ValidationProblem problem = new ValidationProblem();
        if (patch.isEmpty()) {
            throw ValidationProblem.of(JSON, ValidationProblem.WHOLE_BODY,
                    "Give at least one field to change: " + String.join(", ", EDITABLE) + ".");
        }
        Instant expiresAt = link.expiresAt;
        if (patch.has(MagicLinkPatch.EXPIRES)) {
            expiresAt = patch.expiresAt() == null ? null : patch.expiresAt().truncatedTo(ChronoUnit.SECONDS);
            Instant earliest = link.createdAt.plus(Duration.ofDays(1));
            Instant latest = link.createdAt.plus(Duration.ofDays(MAX_DURATION_DAYS));
            if (expiresAt == null) {
                problem.add(JSON, MagicLinkPatch.EXPIRES, "Field may not be null.");
            } else if (expiresAt.isBefore(earliest) || expiresAt.isAfter(latest)) {
                problem.add(JSON, MagicLinkPatch.EXPIRES, "Must be between 1 and " + MAX_DURATION_DAYS
                        + " days after the link was created (" + earliest.truncatedTo(ChronoUnit.SECONDS) + " to "
                        + latest.truncatedTo(ChronoUnit.SECONDS) + ").");
            } else if (!expiresAt.isAfter(now)) {
                problem.add(JSON, MagicLinkPatch.EXPIRES,
                        "Must be in the future (to end the link now, revoke it with DELETE).");
            }
        }
        MagicLinkInput merged = new MagicLinkInput(link.connectionId,
                patch.has(MagicLinkPatch.ALLOW) ? patch.integrationAllowList() : link.integrationAllowList,
                patch.has(MagicLinkPatch.BLOCK) ? patch.integrationBlockList() : link.integrationBlockList,
                patch.has(MagicLinkPatch.ENDPOINTS)
                        ? patch.integrationsWithEndpoints()
                        : link.integrationsWithEndpoints,
                link.integrationType, null,
                patch.has(MagicLinkPatch.CUSTOMER) ? patch.customerId() : link.customerId,
                patch.has(MagicLinkPatch.REDIRECT) ? patch.redirectUrl() : link.redirectUrl,
                patch.has(MagicLinkPatch.METADATA) ? patch.metadata() : (link.metadata == null ? null : metadata),
                link.sandbox,
                patch.has(MagicLinkPatch.DISABLED) ? patch.disabledFunctions() : link.disabledFunctions);
        LinkSpec spec = null;
        try {
            spec = validate(merged);
        } catch (ValidationProblem p) {
            p.body().detail().forEach((location, fields) -> fields
                    .forEach((field, messages) -> messages.forEach(message -> problem.add(location, field, message))));
        }
        problem.throwIfAny();
        return new Edit(spec, expiresAt);
    }

    /** A link's state after an edit: the checked fields, and its expiry. */
    public record Edit(LinkSpec spec, Instant expiresAt) {
    }

    static final List<String> EDITABLE = List.of(MagicLinkPatch.ALLOW, MagicLinkPatch.BLOCK, MagicLinkPatch.ENDPOINTS,
            MagicLinkPatch.CUSTOMER, MagicLinkPatch.REDIRECT, MagicLinkPatch.METADATA, MagicLinkPatch.DISABLED,
            MagicLinkPatch.EXPIRES);

    /**
     * The integrations a link offers: the type's catalog narrowed by the allow list, the block list and the actions
     * every
     * offered integration must support, plus the Sandbox when asked for (whatever the lists say). Catalog order.
     */
    public List<Integration> offered(IntegrationType type, List<String> allow, List<String> block,
            List<String> withEndpoints,
            boolean sandbox) {
        Set<Action> needed = withEndpoints.stream().map(a -> Action.find(a).orElseThrow()).collect(Collectors.toSet());
        // sandbox: true adds the Sandbox to whatever the lists allow (README's walkthrough), so the lists never hide
        // it.
        return catalog.ofType(type).stream()
                .filter(i -> i.isSandbox()
                        ? sandbox
                        : (allow.isEmpty() || allow.contains(i.integrationName()))
                                && !block.contains(i.integrationName())
                                && i.supportsAll(needed))
                .toList();
    }

    private List<String> names(ValidationProblem problem, String field, List<String> given, IntegrationType type) {
        Set<String> kept = new LinkedHashSet<>();
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_LIST_ENTRIES) {
            problem.add(JSON, field, "Longer than maximum length " + MAX_LIST_ENTRIES + " entries.");
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            if (name == null) {
                problem.add(JSON, field + "." + i, "Field may not be null.");
            } else if (catalog.find(type, name).isEmpty()) {
                problem.add(JSON, field + "." + i,
                        "Not a " + type + " integration: see GET /integrations/" + type + ".");
            } else {
                kept.add(name);
            }
        }
        return List.copyOf(kept);
    }

    private static List<String> actions(ValidationProblem problem, String field, List<String> given) {
        Set<String> kept = new LinkedHashSet<>();
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_LIST_ENTRIES) {
            problem.add(JSON, field, "Longer than maximum length " + MAX_LIST_ENTRIES + " entries.");
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String action = given.get(i);
            if (action == null) {
                problem.add(JSON, field + "." + i, "Field may not be null.");
            } else if (Action.find(action).isEmpty()) {
                problem.add(JSON, field + "." + i, "Must be one of: " + ACTIONS + ".");
            } else {
                kept.add(action);
            }
        }
        return List.copyOf(kept);
    }

    private void checkRedirect(ValidationProblem problem, String raw) {
        String field = "redirect_url";
        if (raw.length() > MAX_REDIRECT_URL) {
            problem.add(JSON, field, "Longer than maximum length " + MAX_REDIRECT_URL + ".");
            return;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            problem.add(JSON, field, "Not a valid URL.");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host.isEmpty() || uri.getRawUserInfo() != null) {
            problem.add(JSON, field, "Not a valid URL.");
        } else if (scheme.equals("https")) {
            return;
        } else if (urls.isAllowedLocal(scheme, host)) {
            return;
        } else {
            problem.add(JSON, field, urls.allowsLocalhost() ? UrlPolicy.HTTPS_OR_LOCAL : UrlPolicy.HTTPS_ONLY);
        }
    }

    private String compact(Map<String, Object> metadata) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata parsed from JSON must serialise again", e);
        }
    }
}
