package dev.switchboard.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.Base62;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.tenant.Tenant;

/**
 * Link tokens (POST /link/token): what the organization's frontend hands to the embedded Connect modal. Single use,
 * {@link #TTL}; stored only as their SHA-256.
 */
@ApplicationScoped
public class LinkTokenService {

    public static final Duration TTL = Duration.ofMinutes(30);

    @Inject
    Clock clock;

    /**
     * What the Connect modal offers and switches off, as a magic link's filters mean it (the caller validated them
     * against the catalog). Fixed when the token is created by the organization's backend: the embedding page, which
     * the customer controls, cannot widen it (issue 14).
     */
    public record Filters(IntegrationType integrationType, List<String> integrationAllowList,
            List<String> integrationBlockList, List<String> integrationsWithEndpoints, boolean sandbox,
            List<String> disabledFunctions) {

        /** A token created without filters: every integration of the WMS catalog but the Sandbox, nothing disabled. */
        public static final Filters NONE = new Filters(IntegrationType.WMS, List.of(), List.of(), List.of(), false,
                List.of());

        public Filters {
            integrationAllowList = List.copyOf(integrationAllowList);
            integrationBlockList = List.copyOf(integrationBlockList);
            integrationsWithEndpoints = List.copyOf(integrationsWithEndpoints);
            disabledFunctions = List.copyOf(disabledFunctions);
        }
    }

    /**
     * What a link token grants: an install for this tenant, recorded under {@code customerId} (may be null), and, when
     * {@code connectionId} is set, a reinstall of that connection; {@code filters}: what the modal may offer.
     */
    public record Grant(Tenant tenant, String customerId, String connectionId, Filters filters) {
    }

    /** A new link token without filters ({@link Filters#NONE}). */
    @Transactional
    public String create(Tenant tenant, String connectionId, String customerId) {
        return create(tenant, connectionId, customerId, Filters.NONE);
    }

    /**
     * A new link token. {@code connectionId}, when given, must be an active connection of the tenant (else a 422 at
     * {@code json.connection_id}); without a {@code customerId} the reinstall keeps the connection's.
     */
    @Transactional
    public String create(Tenant tenant, String connectionId, String customerId, Filters filters) {
        String customer = customerId;
        if (connectionId != null) {
            Connection connection = Connection.findActive(tenant, connectionId).orElseThrow(
                    () -> ValidationProblem.of(ValidationProblem.JSON, "connection_id", "Connection not found."));
            if (customer == null) {
                customer = connection.customerId;
            }
        }
        String token = "lt_" + Base62.random(40);
        Instant now = now();
        LinkToken row = new LinkToken();
        row.id = "ltk_" + Base62.random(24);
        row.organizationId = tenant.organizationId();
        row.environment = tenant.environment();
        row.tokenHash = ApiKeyFormat.hash(token);
        row.customerId = customer;
        row.connectionId = connectionId;
        row.integrationType = filters.integrationType();
        row.integrationAllowList = filters.integrationAllowList();
        row.integrationBlockList = filters.integrationBlockList();
        row.integrationsWithEndpoints = filters.integrationsWithEndpoints();
        row.sandbox = filters.sandbox();
        row.disabledFunctions = filters.disabledFunctions();
        row.createdAt = now;
        row.expiresAt = now.plus(TTL);
        row.persist();
        return token;
    }

    /** What an unused, unexpired link token grants, without using it up (to show the modal). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Grant> peek(String linkToken) {
        if (linkToken == null || linkToken.length() > 100) {
            return Optional.empty();
        }
        return LinkToken.findUsable(ApiKeyFormat.hash(linkToken), now()).map(LinkTokenService::grant);
    }

    /**
     * Uses the link token up and returns what it grants; empty when it is unknown, expired or already used (also when
     * two requests race for it: exactly one wins).
     */
    @Transactional
    public Optional<Grant> consume(String linkToken) {
        if (linkToken == null || linkToken.length() > 100) {
            return Optional.empty();
        }
        Instant now = now();
        return LinkToken.findUsable(ApiKeyFormat.hash(linkToken), now).filter(t -> LinkToken.markUsed(t.id, now))
                .map(LinkTokenService::grant);
    }

    private static Grant grant(LinkToken token) {
        return new Grant(new Tenant(token.organizationId, token.environment), token.customerId, token.connectionId,
                new Filters(token.integrationType, token.integrationAllowList, token.integrationBlockList,
                        token.integrationsWithEndpoints, token.sandbox, token.disabledFunctions));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
