package dev.switchboard.magiclink;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.SecureRandoms;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.http.KeysetPage;
import dev.switchboard.magiclink.MagicLinkDtos.ActivityEvent;
import dev.switchboard.magiclink.MagicLinkDtos.LinkState;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkPatch;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkResponse;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkView;
import dev.switchboard.magiclink.MagicLinkDtos.VersionView;
import dev.switchboard.magiclink.MagicLinkDtos.VersionsResponse;
import dev.switchboard.tenant.Tenant;

/**
 * The organization's API of its magic links: create, list, read, edit (with its versions), revoke, and the audit
 * trail. What happens to a link
 * afterwards, driven by its customer and by time, is {@link LinkLifecycle}; both record transitions through
 * {@link LinkJournal}.
 */
@ApplicationScoped
public class MagicLinkService {

    static final String NOT_FOUND = "Magic link not found";
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{32}$");
    private static final Pattern CONNECTION_ID = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");

    /** One page of a listing: the links, the token of the next page (if there is one), the total (if asked for). */
    public record Page(List<MagicLinkView> links, Optional<String> nextPageToken, Optional<Long> total) {
    }

    @Inject
    LinkJournal journal;
    @Inject
    ConnectionService connections;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    MagicLinkSql sql;
    @Inject
    SwitchboardConfig config;
    @Inject
    MagicLinkValidator validator;
    @Inject
    ObjectMapper json;

    /** 128 bits from a CSPRNG as 32 lowercase hex characters. */
    static String newId() {
        byte[] bytes = new byte[16];
        SecureRandoms.get().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Without trailing slashes; worked out once (it is in every link's {@code url}, so it was a regex per row). */
    private volatile String publicUrl;

    public String publicUrl() {
        String url = publicUrl;
        if (url == null) {
            url = config.publicUrl().replaceAll("/+$", "");
            publicUrl = url;
        }
        return url;
    }

    public MagicLinkView view(MagicLink link) {
        return MagicLinkView.of(link, publicUrl());
    }

    // ---- The organization's API -------------------------------------------------------------------------------

    /**
     * Creates a link. With an idempotency key (already claimed through {@link IdempotencyStore#claim}), the response is
     * stored with it in this same transaction.
     */
    @Transactional
    public MagicLinkResponse create(Tenant tenant, LinkSpec spec, String idempotencyKey) {
        checkReinstallTarget(tenant, spec.integrationType(), spec.connectionId());
        Instant now = now();
        MagicLink link = new MagicLink();
        link.id = newId();
        link.organizationId = tenant.organizationId();
        link.environment = tenant.environment();
        link.integrationType = spec.integrationType();
        link.integrationAllowList = spec.integrationAllowList();
        link.integrationBlockList = spec.integrationBlockList();
        link.integrationsWithEndpoints = spec.integrationsWithEndpoints();
        link.customerId = spec.customerId();
        link.connectionId = spec.connectionId();
        link.redirectUrl = spec.redirectUrl();
        link.metadata = spec.metadataJson();
        link.sandbox = spec.sandbox();
        link.disabledFunctions = spec.disabledFunctions();
        link.status = LinkStatus.CREATED;
        link.createdAt = now;
        link.expiresAt = now.plus(Duration.ofDays(spec.linkDurationDays())).truncatedTo(ChronoUnit.SECONDS);
        MagicLinkView view = view(link);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("integration_type", link.integrationType.value());
        details.put("customer_id", link.customerId);
        details.put("expires_at", link.expiresAt.toString());
        details.put("connection_id", link.connectionId);
        link.persist();
        activity(link, MagicLinkActivity.CREATED, now, details);
        Map<String, Object> data = new LinkedHashMap<>(details);
        data.put("url", view.url());
        fire(link, MagicLinkEvent.CREATED, now, data);
        MagicLinkResponse response = new MagicLinkResponse(view);
        if (idempotencyKey != null) {
            idempotency.complete(tenant, idempotencyKey, 200, response);
        }
        return response;
    }

    /**
     * The reinstall rule: {@code connection_id} must name a live connection of the same organization, environment and
     * integration type. Connections are another part (issue 4); until its table exists only the id's form is checked
     * here. This is the one place where that look-up belongs (a 422 at {@code json.connection_id} when it fails).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkReinstallTarget(Tenant tenant, IntegrationType type, String connectionId) {
        if (connectionId == null) {
            return;
        }
        if (connectionId.length() > 255) {
            throw ValidationProblem.of(ValidationProblem.JSON, "connection_id", "Longer than maximum length 255.");
        }
        if (!CONNECTION_ID.matcher(connectionId).matches()) {
            throw ValidationProblem.of(ValidationProblem.JSON, "connection_id", "Not a valid connection id.");
        }
        Connection connection = connections.findActive(tenant, connectionId).orElseThrow(() -> ValidationProblem.of(
                ValidationProblem.JSON, "connection_id", "No active connection with this id."));
        if (connection.integrationType != type) {
            throw ValidationProblem.of(ValidationProblem.JSON, "connection_id", "This connection is a "
                    + connection.integrationType + " connection; the link's integration_type is " + type + ".");
        }
    }

    /** A link of the tenant that is not revoked; a contract 404 otherwise. */
    public MagicLinkView find(Tenant tenant, String id) {
        return (isId(id) ? sql.one(tenant, id, publicUrl()) : Optional.<MagicLinkView>empty())
                .orElseThrow(() -> ApiException.contractNotFound(NOT_FOUND, id));
    }

    public Page list(Tenant tenant, LinkFilter filter, int limit, KeysetCursor after, boolean includeTotal) {
        Instant now = now();
        KeysetPage<MagicLinkSql.Row> page = KeysetPage.of(sql.page(filter.toSql(tenant, now, after),
                KeysetPage.fetchSize(limit), publicUrl()), limit, MagicLinkSql.Row::position);
        Optional<Long> total = includeTotal
                ? Optional.of(sql.count(filter.toSql(tenant, now, null)))
                : Optional.empty();
        return new Page(page.items().stream().map(MagicLinkSql.Row::view).toList(),
                Optional.ofNullable(page.nextToken()),
                total);
    }

    /** Revokes (soft-deletes) the link; a second revoke is a 404, as is any other tenant's link. */
    @Transactional
    public MagicLink revoke(Tenant tenant, String id, String reason) {
        MagicLink link = (isId(id) ? MagicLink.findForTenantForUpdate(tenant, id) : Optional.<MagicLink>empty())
                .filter(l -> l.status != LinkStatus.REVOKED)
                .orElseThrow(() -> ApiException.contractNotFound(NOT_FOUND, id));
        Instant now = now();
        journal.recordExpiryIfDue(link, now);
        link.status = LinkStatus.REVOKED;
        link.revokedAt = now;
        link.revokeReason = reason;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        activity(link, MagicLinkActivity.REVOKED, now, details);
        fire(link, MagicLinkEvent.REVOKED, now, details);
        return link;
    }

    /**
     * Edits a usable link of the tenant ({@code PATCH}): the row is locked for the transaction, so concurrent edits
     * queue and each keeps the state it replaced. 404 for another tenant's link, 409 for a completed, revoked or
     * expired one, the create rules' 422 for the result. An edit that changes nothing is answered with the link and
     * records nothing. Otherwise: the state before becomes version {@code n} (with the key that edited), the link
     * becomes version {@code n + 1}, an {@code edited} activity and a {@code magic_link.updated} event (with
     * {@code previous_attributes}, the changed fields before) are recorded in the same transaction.
     */
    @Transactional
    public MagicLinkResponse edit(Tenant tenant, String apiKeyId, String id, MagicLinkPatch patch) {
        MagicLink link = (isId(id) ? MagicLink.findForTenantForUpdate(tenant, id) : Optional.<MagicLink>empty())
                .orElseThrow(() -> ApiException.contractNotFound(NOT_FOUND, id));
        Instant now = now();
        LinkStatus status = link.statusAt(now);
        if (!status.isOpenForUse()) {
            throw ApiException.conflict("MAGIC_LINK_NOT_EDITABLE",
                    "This magic link is " + status + " and can no longer be edited.");
        }
        LinkState before = state(link);
        MagicLinkValidator.Edit edit = validator.validateEdit(link, before.metadata(), patch, now);
        LinkSpec spec = edit.spec();
        LinkState after = new LinkState(spec.integrationAllowList(), spec.integrationBlockList(),
                spec.integrationsWithEndpoints(), spec.customerId(), spec.redirectUrl(),
                spec.metadataJson() == null ? null : spec.metadata(), spec.disabledFunctions(), edit.expiresAt());
        Map<String, Object> beforeFields = fields(before);
        Map<String, Object> afterFields = fields(after);
        Map<String, Object> previous = new LinkedHashMap<>();
        beforeFields.forEach((field, value) -> {
            if (!Objects.equals(value, afterFields.get(field))) {
                previous.put(field, value);
            }
        });
        if (previous.isEmpty()) {
            return new MagicLinkResponse(view(link));
        }
        MagicLinkVersion kept = new MagicLinkVersion();
        kept.id = MagicLinkVersion.newId();
        kept.magicLinkId = link.id;
        kept.version = link.version;
        kept.createdAt = now;
        kept.apiKeyId = apiKeyId;
        kept.state = write(before);
        kept.persist();

        link.version = link.version + 1;
        link.integrationAllowList = after.integrationAllowList();
        link.integrationBlockList = after.integrationBlockList();
        link.integrationsWithEndpoints = after.integrationsWithEndpoints();
        link.customerId = after.customerId();
        link.redirectUrl = after.redirectUrl();
        link.metadata = spec.metadataJson();
        link.disabledFunctions = after.disabledFunctions();
        link.expiresAt = after.expiresAt();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", link.version);
        details.put("api_key_id", apiKeyId);
        details.put("changed", List.copyOf(previous.keySet()));
        activity(link, MagicLinkActivity.EDITED, now, details);
        Map<String, Object> data = new LinkedHashMap<>(afterFields);
        data.put("version", link.version);
        data.put("api_key_id", apiKeyId);
        journal.fire(link, MagicLinkEvent.UPDATED, now, data, previous);
        return new MagicLinkResponse(view(link));
    }

    /**
     * A page of the states the tenant's link had before its edits, newest first (revoked links keep theirs). Keyset
     * position: the last version's {@code (created_at, version)}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VersionsResponse versions(Tenant tenant, String id, int limit, KeysetCursor after) {
        MagicLink link = findAny(tenant, id).orElseThrow(() -> ApiException.notFound(NOT_FOUND, id));
        Integer afterVersion = null;
        if (after != null) {
            try {
                afterVersion = Integer.valueOf(after.id());
            } catch (NumberFormatException e) {
                throw ValidationProblem.of(ValidationProblem.QUERY, "page_token", "Invalid page token.");
            }
        }
        List<MagicLinkVersion> rows = MagicLinkVersion.page(link.id, after == null ? null : after.createdAt(),
                afterVersion, KeysetPage.fetchSize(limit));
        KeysetPage<MagicLinkVersion> page = KeysetPage.of(rows, limit,
                v -> new KeysetCursor(v.createdAt, Integer.toString(v.version)));
        return new VersionsResponse(page.items().stream()
                .map(v -> new VersionView(v.id, v.version, v.createdAt, v.apiKeyId, read(v.state))).toList(),
                page.nextToken());
    }

    /** The link's editable state now; {@code metadata} as an object, or null when it has none. */
    LinkState state(MagicLink link) {
        return new LinkState(List.copyOf(link.integrationAllowList), List.copyOf(link.integrationBlockList),
                List.copyOf(link.integrationsWithEndpoints), link.customerId, link.redirectUrl,
                link.metadata == null ? null : journal.metadata(link), List.copyOf(link.disabledFunctions),
                link.expiresAt);
    }

    /** The state as its wire fields (snake_case, timestamps as the API writes them), in declaration order. */
    private Map<String, Object> fields(LinkState state) {
        return json.convertValue(state,
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
    }

    private String write(LinkState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a magic link's state", e);
        }
    }

    private LinkState read(String state) {
        try {
            return json.readValue(state, LinkState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored magic link state cannot be read", e);
        }
    }

    /**
     * The link's audit trail in the order it was recorded, which is oldest first: whatever records a step after an
     * expiry the sweeper has not reached yet (revoke, a failure) records that expiry first.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActivityEvent> activity(Tenant tenant, String id) {
        MagicLink link = findAny(tenant, id).orElseThrow(() -> ApiException.notFound(NOT_FOUND, id));
        Map<String, Object> metadata = journal.metadata(link);
        return MagicLinkActivity.ofLink(link.id).stream().map(a -> {
            Map<String, Object> details = journal.parse(a.details);
            if (!metadata.isEmpty()) {
                details.put("metadata", metadata);
            }
            return new ActivityEvent(a.event, a.occurredAt, details);
        }).toList();
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private static Optional<MagicLink> findAny(Tenant tenant, String id) {
        return isId(id) ? MagicLink.findForTenant(tenant, id) : Optional.empty();
    }

    private Instant now() {
        return journal.now();
    }

    private void activity(MagicLink link, String event, Instant at, Map<String, Object> details) {
        journal.activity(link, event, at, details);
    }

    private void fire(MagicLink link, String type, Instant at, Map<String, Object> data) {
        journal.fire(link, type, at, data);
    }
}
