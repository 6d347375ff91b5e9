package dev.switchboard.connect;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Integration;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.connection.CredentialsRejected;
import dev.switchboard.connection.LinkTokenService;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.magiclink.LinkLifecycle;
import dev.switchboard.magiclink.LinkLifecycle.HostedLink;
import dev.switchboard.magiclink.MagicLink;
import dev.switchboard.magiclink.MagicLinkValidator;
import dev.switchboard.ratelimit.RateLimiter;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A customer connects: what they may choose, their choice, the install or reinstall, and its completion or failure,
 * for both ways in (a magic link, or a link token in the Connect modal). The hosted pages only render what this
 * decides. A credential submission runs in a transaction of its own; one refused by the form's checks or by the
 * integration counts against its bucket (the link, or the link token), at most {@link #FAILED_INSTALLS_PER_HOUR} an
 * hour.
 */
@ApplicationScoped
public class ConnectFlow {

    public static final int FAILED_INSTALLS_PER_HOUR = 10;
    private static final String FAILURES = "install-failures";

    /** A refused submission: the errors by field, what to say above the form, and whether the integration said no. */
    public static final class Refused extends RuntimeException {

        private final transient Map<String, List<String>> errors;
        private final boolean credentialsRejected;

        private Refused(Map<String, List<String>> errors, String alert, boolean credentialsRejected) {
            super(alert, null, false, false);
            this.errors = errors;
            this.credentialsRejected = credentialsRejected;
        }

        public Map<String, List<String>> errors() {
            return errors;
        }

        public String alert() {
            return getMessage();
        }

        public boolean credentialsRejected() {
            return credentialsRejected;
        }
    }

    /** The bucket used up its refused submissions for this hour; nothing was tried. */
    public static final class TooManyAttempts extends RuntimeException {

        private TooManyAttempts() {
            super("too many refused submissions this hour", null, false, false);
        }
    }

    /**
     * The install itself was refused for a reason other than the credentials: the link or link token was used or
     * withdrawn meanwhile, or the connection to reinstall is gone. The cause says which.
     */
    public static final class Gone extends RuntimeException {

        private Gone(ApiException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /**
     * The organization edited the link after the customer's page was rendered, and what was posted no longer fits
     * it (a choice it no longer offers, or an install against the old version). Nothing was installed.
     */
    public static final class OfferChanged extends RuntimeException {

        private OfferChanged() {
            super("the magic link was edited since the page was rendered", null, false, false);
        }
    }

    @Inject
    LinkLifecycle links;
    @Inject
    ConnectionService connections;
    @Inject
    LinkTokenService linkTokens;
    @Inject
    MagicLinkValidator validator;
    @Inject
    RateLimiter limiter;

    // ---- Through a magic link -------------------------------------------------------------------------------------

    /** The page's beacon: a person's browser showed the link. */
    public void opened(String linkId) {
        links.recordOpened(linkId);
    }

    /**
     * The customer picked {@code integration} (one the link offers) on the link's picker.
     *
     * @throws OfferChanged when an edit took the integration out of the link's offer meanwhile
     */
    public void select(String linkId, Integration integration) {
        links.recordOpened(linkId);
        selected(linkId, integration);
    }

    /** Records the selection; an integration the link (edited meanwhile) no longer offers is {@link OfferChanged}. */
    private void selected(String linkId, Integration integration) {
        try {
            links.recordIntegrationSelected(linkId, integration.integrationName());
        } catch (ValidationProblem notOffered) {
            throw new OfferChanged();
        }
    }

    /**
     * Installs (or, for a reinstall link, reinstalls) {@code integration} with the customer's credentials and completes
     * the link, in one transaction; a refusal by the integration is recorded on the link.
     *
     * @throws TooManyAttempts when the link used up its refused submissions for this hour
     * @throws Refused when the form's checks or the integration refused the credentials (counted)
     * @throws Gone when the link or the connection to reinstall could no longer be used
     * @throws OfferChanged when the organization edited the link after {@code hosted} was read (its version)
     */
    public ConnectionService.Installed installThroughLink(HostedLink hosted, Integration integration,
            Map<String, String> credentials) {
        MagicLink link = hosted.link();
        String id = link.id;
        if (!mayTry(id)) {
            throw new TooManyAttempts();
        }
        links.recordOpened(id);
        if (!integration.integrationName().equals(link.selectedIntegration)) {
            selected(id, integration);
        }
        List<Action> disabled = link.disabledFunctions.stream().map(a -> Action.find(a).orElseThrow()).toList();
        try {
            return attempt(id, integration, () -> {
                ConnectionService.Installed done = connections.install(hosted.tenant(), integration, link.customerId,
                        credentials, disabled, link.id, link.connectionId);
                // The customer agreed to this version of the link (its offer, redirect, disabled functions).
                links.markCompleted(id, done.connection().id, link.version);
                return done;
            });
        } catch (Refused refused) {
            if (refused.credentialsRejected()) {
                links.recordFailed(id, Map.of("reason", "credentials_rejected", "integration_name",
                        integration.integrationName()));
            }
            throw refused;
        }
    }

    // ---- Through a link token (the Connect modal) -----------------------------------------------------------------

    /** A link token that is still good: what it grants (it stays usable). */
    public Optional<LinkTokenService.Grant> peek(String linkToken) {
        return linkTokens.peek(linkToken);
    }

    /**
     * What the modal offers: for a reinstall, the connection's own integration while it lives; else the integrations
     * that pass the link token's filters, as a magic link with those filters would offer. Only the token's: the page
     * that embeds the modal runs in the customer's browser, so nothing it sends can widen the offer (issue 14).
     */
    public List<Integration> offered(LinkTokenService.Grant grant) {
        if (grant.connectionId() != null) {
            return connections.reinstallOffer(grant.tenant(), grant.connectionId());
        }
        LinkTokenService.Filters filters = grant.filters();
        return validator.offered(filters.integrationType(), filters.integrationAllowList(),
                filters.integrationBlockList(), filters.integrationsWithEndpoints(), filters.sandbox());
    }

    /**
     * Uses the link token once to install (or reinstall) {@code integration} with the customer's credentials; the
     * connection gets the token's {@code disabled_functions}. An integration the token does not offer is refused
     * without using the token up.
     *
     * @throws TooManyAttempts when the link token used up its refused submissions for this hour
     * @throws Refused when the form's checks or the integration refused the credentials (counted)
     * @throws Gone when the token was used meanwhile ({@code LINK_TOKEN_USED}), does not offer {@code integration},
     *     or the reinstall was refused
     */
    public ConnectionService.Installed installThroughLinkToken(String linkToken, Integration integration,
            Map<String, String> credentials) {
        // Counted per link token, by its digest so the token itself is not a table key.
        String bucket = HexFormat.of().formatHex(ApiKeyFormat.hash(linkToken), 0, 16);
        if (!mayTry(bucket)) {
            throw new TooManyAttempts();
        }
        return attempt(bucket, integration, () -> {
            LinkTokenService.Grant grant = linkTokens.consume(linkToken)
                    .orElseThrow(() -> ApiException.conflict("LINK_TOKEN_USED", "This link token was used."));
            if (offered(grant).stream().noneMatch(i -> i.integrationName().equals(integration.integrationName()))) {
                // Rolled back with the transaction: the token stays usable for what it does offer.
                throw ApiException.conflict("NOT_OFFERED", "This link token does not offer "
                        + integration.integrationName() + ".");
            }
            List<Action> disabled = grant.filters().disabledFunctions().stream().map(Action::find)
                    .flatMap(Optional::stream).toList();
            return connections.install(grant.tenant(), integration, grant.customerId(), credentials, disabled, null,
                    grant.connectionId());
        });
    }

    // ---- One submission -------------------------------------------------------------------------------------------

    /** Whether the bucket may still try (it has not used up its failures for this hour). */
    private boolean mayTry(String bucket) {
        return limiter.hasCapacity(FAILURES, bucket, FAILED_INSTALLS_PER_HOUR);
    }

    private ConnectionService.Installed attempt(String bucket, Integration integration,
            Callable<ConnectionService.Installed> install) {
        try {
            return QuarkusTransaction.requiringNew().call(install);
        } catch (ValidationProblem problem) {
            limiter.consume(FAILURES, bucket, FAILED_INSTALLS_PER_HOUR);
            throw new Refused(problem.body().detail().getOrDefault(ValidationProblem.JSON, Map.of()),
                    "Some details need another look.", false);
        } catch (CredentialsRejected rejected) {
            limiter.consume(FAILURES, bucket, FAILED_INSTALLS_PER_HOUR);
            // The integration's own reason goes beside the field it concerns (a vendor's refusal at install).
            Map<String, List<String>> beside = rejected.field() == null
                    ? Map.of()
                    : Map.of(rejected.field(), List.of(rejected.getMessage()));
            throw new Refused(beside, integration.displayName()
                    + " did not accept these details. Check them and try again.", true);
        } catch (ApiException refused) {
            if (LinkLifecycle.CHANGED.equals(refused.code())) {
                throw new OfferChanged();
            }
            throw new Gone(refused);
        }
    }
}
