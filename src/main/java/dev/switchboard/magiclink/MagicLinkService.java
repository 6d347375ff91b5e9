package dev.switchboard.magiclink;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.magiclink.MagicLinkDtos.ActivityEvent;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkResponse;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkView;

/**
 * Magic links: created, listed, read and revoked by organizations through the API; opened, used and completed by
 * their customers through the hosted page and the connection install, which call the {@code public} methods below
 * without a tenant (the link's id is the secret). Every transition is a row in {@code magic_link_activity} and, but for
 * {@code integration_selected}, a {@link MagicLinkEvent} fired in the same transaction.
 */
@ApplicationScoped
public class MagicLinkService {

    static final String NOT_FOUND = "Magic link not found";
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{32}$");
    private static final Pattern CONNECTION_ID = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** What the hosted page needs: the link, whose it is, its status now, and what it offers. */
    public record HostedLink(MagicLink link, Tenant tenant, LinkStatus status, List<Integration> offeredIntegrations,
            Map<String, Object> metadata) {
    }

    /** One page of a listing: the links, the token of the next page (if there is one), the total (if asked for). */
    public record Page(List<MagicLinkView> links, Optional<String> nextPageToken, Optional<Long> total) {
    }

    @Inject
    Clock clock;
    @Inject
    MagicLinkValidator validator;
    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    Event<MagicLinkEvent> events;
    @Inject
    MagicLinkSql sql;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    SwitchboardConfig config;

    /** 128 bits from a CSPRNG as 32 lowercase hex characters. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
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
        sql.insertCreated(link, write(details));
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
        return (isId(id) ? sql.one(tenant, id, publicUrl()) : Optional.<MagicLinkView> empty())
                .orElseThrow(() -> ApiException.contractNotFound(NOT_FOUND, id));
    }

    public Page list(Tenant tenant, LinkFilter filter, int limit, PageToken after, boolean includeTotal) {
        Instant now = now();
        List<MagicLinkSql.Row> rows = sql.page(filter.toSql(tenant, now, after), limit + 1, publicUrl());
        Optional<String> next = Optional.empty();
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = Optional.of(rows.get(limit - 1).position().encode());
        }
        Optional<Long> total = includeTotal ? Optional.of(sql.count(filter.toSql(tenant, now, null))) : Optional.empty();
        return new Page(rows.stream().map(MagicLinkSql.Row::view).toList(), next, total);
    }

    /** Revokes (soft-deletes) the link; a second revoke is a 404, as is any other tenant's link. */
    @Transactional
    public MagicLink revoke(Tenant tenant, String id, String reason) {
        MagicLink link = (isId(id) ? MagicLink.findForTenantForUpdate(tenant, id) : Optional.<MagicLink> empty())
                .filter(l -> l.status != LinkStatus.REVOKED)
                .orElseThrow(() -> ApiException.contractNotFound(NOT_FOUND, id));
        Instant now = now();
        recordExpiryIfDue(link, now);
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
     * The link's audit trail in the order it was recorded, which is oldest first: whatever records a step after an
     * expiry the sweeper has not reached yet (revoke, a failure) records that expiry first.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActivityEvent> activity(Tenant tenant, String id) {
        MagicLink link = findAny(tenant, id).orElseThrow(() -> ApiException.notFound(NOT_FOUND, id));
        Map<String, Object> metadata = metadata(link);
        return MagicLinkActivity.ofLink(link.id).stream().map(a -> {
            Map<String, Object> details = parse(a.details);
            if (!metadata.isEmpty()) {
                details.put("metadata", metadata);
            }
            return new ActivityEvent(a.event, a.occurredAt, details);
        }).toList();
    }

    // ---- The hosted page and the connection install -------------------------------------------------------------

    /** Any tenant's link by its id (the secret of its URL), with its status now; empty for an unknown or malformed id. */
    @Transactional
    public Optional<HostedLink> findForHostedPage(String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        return MagicLink.<MagicLink> findByIdOptional(id).map(link -> new HostedLink(link, link.tenant(),
                link.statusAt(now()), offeredIntegrations(link), metadata(link)));
    }

    /** The integrations this link lets its customer choose from, in catalog order. */
    public List<Integration> offeredIntegrations(MagicLink link) {
        if (link.connectionId != null) {
            // A reinstall offers the connection's own integration, while the connection lives.
            return connections.findActive(link.tenant(), link.connectionId)
                    .flatMap(c -> catalog.find(c.integrationType, c.integrationName)).map(List::of).orElse(List.of());
        }
        return validator.offered(link.integrationType, link.integrationAllowList, link.integrationBlockList,
                link.integrationsWithEndpoints, link.sandbox);
    }

    /**
     * A person opened the link (the hosted page's first real interaction, never a bare GET a mail scanner could make).
     * Recorded the first time only, while the link is usable; returns whether it was recorded now.
     */
    @Transactional
    public boolean recordOpened(String id) {
        MagicLink link = lockedLink(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND, id));
        Instant now = now();
        if (link.statusAt(now) != LinkStatus.CREATED) {
            return false;
        }
        link.status = LinkStatus.OPENED;
        link.openedAt = now;
        activity(link, MagicLinkActivity.OPENED, now, Map.of());
        fire(link, MagicLinkEvent.OPENED, now, Map.of());
        return true;
    }

    /** The customer picked an integration: it must be one the link offers, and the link must be usable. */
    @Transactional
    public void recordIntegrationSelected(String id, String integrationName) {
        MagicLink link = usableLink(id);
        boolean offered = offeredIntegrations(link).stream().anyMatch(i -> i.integrationName().equals(integrationName));
        if (!offered) {
            throw ValidationProblem.of(ValidationProblem.JSON, "integration_name", "Not offered by this magic link.");
        }
        link.selectedIntegration = integrationName;
        activity(link, MagicLinkActivity.INTEGRATION_SELECTED, now(), Map.of("integration_name", integrationName));
    }

    /**
     * An install attempt through the link failed (for example, the credentials were refused). {@code details} must not
     * hold credentials; it goes into the activity and the {@code install.failed} event as given.
     */
    @Transactional
    public void recordFailed(String id, Map<String, Object> details) {
        MagicLink link = lockedLink(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND, id));
        Instant now = now();
        // Keeps the trail in time order: an expiry not yet swept comes before this later failure.
        recordExpiryIfDue(link, now);
        Map<String, Object> recorded = new LinkedHashMap<>();
        if (link.selectedIntegration != null) {
            recorded.put("integration_name", link.selectedIntegration);
        }
        if (details != null) {
            recorded.putAll(details);
        }
        activity(link, MagicLinkActivity.FAILED, now, recorded);
        fire(link, MagicLinkEvent.INSTALL_FAILED, now, recorded);
    }

    /** A connection was installed through the link. The link cannot be used again; a 409 if it already could not be. */
    @Transactional
    public MagicLink markCompleted(String id, String connectionId) {
        if (connectionId == null || connectionId.isBlank()) {
            throw new IllegalArgumentException("a completed link names the connection it made");
        }
        MagicLink link = usableLink(id);
        Instant now = now();
        link.status = LinkStatus.COMPLETED;
        link.completedAt = now;
        link.completedConnectionId = connectionId;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connection_id", connectionId);
        details.put("integration_name", link.selectedIntegration);
        details.put("reinstall", link.connectionId != null);
        activity(link, MagicLinkActivity.COMPLETED, now, details);
        fire(link, MagicLinkEvent.COMPLETED, now, details);
        return link;
    }

    // ---- Expiry -------------------------------------------------------------------------------------------------

    /**
     * Records the {@code expired} event of up to {@code batch} links that passed their expiry unused, once per link.
     * Safe on any number of instances at once: rows are claimed with {@code FOR UPDATE SKIP LOCKED} and marked.
     */
    @Transactional
    public int recordExpired(int batch) {
        Instant now = now();
        @SuppressWarnings("unchecked")
        List<MagicLink> due = em.createNativeQuery("""
                select * from magic_link
                where expired_event_at is null and status in ('created', 'opened') and expires_at <= :now
                order by expires_at limit :batch for update skip locked""", MagicLink.class)
                .setParameter("now", now).setParameter("batch", batch).getResultList();
        due.forEach(link -> recordExpiryIfDue(link, now));
        return due.size();
    }

    private void recordExpiryIfDue(MagicLink link, Instant now) {
        if (link.expiredEventAt != null || link.statusAt(now) != LinkStatus.EXPIRED) {
            return;
        }
        link.expiredEventAt = now;
        Map<String, Object> details = Map.of("expires_at", link.expiresAt.toString());
        activity(link, MagicLinkActivity.EXPIRED, link.expiresAt, details);
        fire(link, MagicLinkEvent.EXPIRED, link.expiresAt, details);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private static Optional<MagicLink> findAny(Tenant tenant, String id) {
        return isId(id) ? MagicLink.findForTenant(tenant, id) : Optional.empty();
    }

    private static Optional<MagicLink> lockedLink(String id) {
        return isId(id) ? MagicLink.<MagicLink> findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE) : Optional.empty();
    }

    private MagicLink usableLink(String id) {
        MagicLink link = lockedLink(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND, id));
        LinkStatus status = link.statusAt(now());
        if (!status.isOpenForUse()) {
            throw ApiException.conflict("MAGIC_LINK_NOT_USABLE", "This magic link is " + status + " and cannot be used.");
        }
        return link;
    }

    private void activity(MagicLink link, String event, Instant at, Map<String, Object> details) {
        MagicLinkActivity row = new MagicLinkActivity();
        row.magicLinkId = link.id;
        row.event = event;
        row.occurredAt = at;
        row.details = write(details);
        row.persist();
    }

    private void fire(MagicLink link, String type, Instant at, Map<String, Object> data) {
        events.fire(new MagicLinkEvent(link.tenant(), type, link.id, link.customerId, at,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data)), metadata(link)));
    }

    Map<String, Object> metadata(MagicLink link) {
        return link.metadata == null ? Map.of() : parse(link.metadata);
    }

    private Map<String, Object> parse(String object) {
        try {
            return json.readValue(object, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON object cannot be read", e);
        }
    }

    private String write(Map<String, Object> object) {
        try {
            return json.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise activity details", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
