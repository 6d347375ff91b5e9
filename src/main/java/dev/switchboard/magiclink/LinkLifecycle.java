package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.switchboard.catalog.Integration;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.tenant.Tenant;

/**
 * A link's life after it was created, driven by its customer and by time rather than by the organization: shown on
 * the hosted page, opened, an integration selected, an install failed or completed, expired. Called without a tenant
 * (the link's id is the secret of its URL) by the connect flow and the expiry sweeper. The organization's API is
 * {@link MagicLinkService}. Every transition is a row in {@code magic_link_activity} and, but for
 * {@code integration_selected}, a {@link MagicLinkEvent} fired in the same transaction ({@link LinkJournal}).
 */
@ApplicationScoped
public class LinkLifecycle {

    /** The code of a 409 for a step taken against a version of the link that an edit has since replaced. */
    public static final String CHANGED = "MAGIC_LINK_CHANGED";

    /** What the hosted page needs: the link, whose it is, its status now, and what it offers. */
    public record HostedLink(MagicLink link, Tenant tenant, LinkStatus status, List<Integration> offeredIntegrations,
            Map<String, Object> metadata) {
    }

    @Inject
    LinkJournal journal;
    @Inject
    MagicLinkValidator validator;
    @Inject
    ConnectionService connections;
    @Inject
    EntityManager em;

    /**
     * Any tenant's link by its id (the secret of its URL), with its status now; empty for an unknown or malformed id.
     */
    @Transactional
    public Optional<HostedLink> findForHostedPage(String id) {
        if (!MagicLinkService.isId(id)) {
            return Optional.empty();
        }
        return MagicLink.<MagicLink>findByIdOptional(id).map(link -> new HostedLink(link, link.tenant(),
                link.statusAt(journal.now()), offeredIntegrations(link), journal.metadata(link)));
    }

    /** The integrations this link lets its customer choose from, in catalog order. */
    public List<Integration> offeredIntegrations(MagicLink link) {
        if (link.connectionId != null) {
            return connections.reinstallOffer(link.tenant(), link.connectionId);
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
        MagicLink link = lockedLink(id).orElseThrow(() -> ApiException.notFound(MagicLinkService.NOT_FOUND, id));
        Instant now = journal.now();
        if (link.statusAt(now) != LinkStatus.CREATED) {
            return false;
        }
        link.status = LinkStatus.OPENED;
        link.openedAt = now;
        journal.activity(link, MagicLinkActivity.OPENED, now, Map.of());
        journal.fire(link, MagicLinkEvent.OPENED, now, Map.of());
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
        journal.activity(link, MagicLinkActivity.INTEGRATION_SELECTED, journal.now(),
                Map.of("integration_name", integrationName));
    }

    /**
     * An install attempt through the link failed (for example, the credentials were refused). {@code details} must not
     * hold credentials; it goes into the activity and the {@code install.failed} event as given.
     */
    @Transactional
    public void recordFailed(String id, Map<String, Object> details) {
        MagicLink link = lockedLink(id).orElseThrow(() -> ApiException.notFound(MagicLinkService.NOT_FOUND, id));
        Instant now = journal.now();
        // Keeps the trail in time order: an expiry not yet swept comes before this later failure.
        journal.recordExpiryIfDue(link, now);
        Map<String, Object> recorded = new LinkedHashMap<>();
        if (link.selectedIntegration != null) {
            recorded.put("integration_name", link.selectedIntegration);
        }
        if (details != null) {
            recorded.putAll(details);
        }
        journal.activity(link, MagicLinkActivity.FAILED, now, recorded);
        journal.fire(link, MagicLinkEvent.INSTALL_FAILED, now, recorded);
    }

    /** A connection was installed through the link. The link cannot be used again; a 409 if it already could not be. */
    @Transactional
    public MagicLink markCompleted(String id, String connectionId) {
        return markCompleted(id, connectionId, null);
    }

    /**
     * As {@link #markCompleted(String, String)}, for an install the customer made against version
     * {@code expectedVersion} of the link: if the organization edited the link since, a 409 {@link #CHANGED}, and the
     * transaction (with the install in it) must roll back. Checked under the link's row lock, which an edit also
     * takes, so an install and an edit never both succeed against the same version.
     */
    @Transactional
    public MagicLink markCompleted(String id, String connectionId, Integer expectedVersion) {
        if (connectionId == null || connectionId.isBlank()) {
            throw new IllegalArgumentException("a completed link names the connection it made");
        }
        MagicLink link = usableLink(id);
        if (expectedVersion != null && link.version != expectedVersion) {
            throw ApiException.conflict(CHANGED, "This magic link was changed while the customer had it open.");
        }
        Instant now = journal.now();
        link.status = LinkStatus.COMPLETED;
        link.completedAt = now;
        link.completedConnectionId = connectionId;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connection_id", connectionId);
        details.put("integration_name", link.selectedIntegration);
        details.put("reinstall", link.connectionId != null);
        journal.activity(link, MagicLinkActivity.COMPLETED, now, details);
        journal.fire(link, MagicLinkEvent.COMPLETED, now, details);
        return link;
    }

    /**
     * Records the {@code expired} event of up to {@code batch} links that passed their expiry unused, once per link.
     * Safe on any number of instances at once: rows are claimed with {@code FOR UPDATE SKIP LOCKED} and marked.
     */
    @Transactional
    public int recordExpired(int batch) {
        Instant now = journal.now();
        @SuppressWarnings("unchecked")
        List<MagicLink> due = em.createNativeQuery("""
                select * from magic_link
                where expired_event_at is null and status in ('created', 'opened') and expires_at <= :now
                order by expires_at limit :batch for update skip locked""", MagicLink.class)
                .setParameter("now", now).setParameter("batch", batch).getResultList();
        due.forEach(link -> journal.recordExpiryIfDue(link, now));
        return due.size();
    }

    private static Optional<MagicLink> lockedLink(String id) {
        return MagicLinkService.isId(id)
                ? MagicLink.<MagicLink>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                : Optional.empty();
    }

    private MagicLink usableLink(String id) {
        MagicLink link = lockedLink(id).orElseThrow(() -> ApiException.notFound(MagicLinkService.NOT_FOUND, id));
        LinkStatus status = link.statusAt(journal.now());
        if (!status.isOpenForUse()) {
            throw ApiException.conflict("MAGIC_LINK_NOT_USABLE",
                    "This magic link is " + status + " and cannot be used.");
        }
        return link;
    }
}
