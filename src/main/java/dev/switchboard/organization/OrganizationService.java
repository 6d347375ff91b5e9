package dev.switchboard.organization;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.switchboard.common.Ids;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.UrlPolicy;
import dev.switchboard.error.ApiException;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.OrganizationStatus;
import dev.switchboard.tenant.Tenant;

@ApplicationScoped
public class OrganizationService {

    /** A new organization and the secrets of its first admin keys, one per environment. */
    public record Created(Organization organization, List<FirstKey> keys) {
    }

    /** A first admin key's environment and secret, shown only once. */
    public record FirstKey(Environment environment, String secret) {
    }

    @Inject
    Clock clock;
    @Inject
    FirstAdminKeys firstAdminKeys;
    @Inject
    Event<OrganizationStatusChanged> statusChanged;
    @Inject
    SwitchboardConfig config;
    @Inject
    UrlPolicy urls;

    @Transactional
    public Created create(String name) {
        Organization org = new Organization();
        org.id = Ids.organization();
        org.name = name;
        org.status = OrganizationStatus.ACTIVE;
        org.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        org.persist();
        List<FirstKey> keys = List.of(
                new FirstKey(Environment.TEST, firstAdminKeys.issue(new Tenant(org.id, Environment.TEST))),
                new FirstKey(Environment.LIVE, firstAdminKeys.issue(new Tenant(org.id, Environment.LIVE))));
        return new Created(org, keys);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Organization> page(KeysetCursor after, int limit) {
        return Organization.page(after == null ? null : after.createdAt(), after == null ? null : after.id(), limit);
    }

    @Transactional
    public Organization setStatus(String id, OrganizationStatus status) {
        Organization org = Organization.<Organization>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("Organization not found", id));
        org.status = status;
        // Other instances see the change when their cached keys expire (within switchboard.auth.key-cache-ttl).
        statusChanged.fire(new OrganizationStatusChanged(org.id, status));
        return org;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Organization get(String id) {
        return Organization.<Organization>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("Organization not found", id));
    }

    /** Applies a branding PATCH (see {@link Branding}); a 422 changes nothing. */
    @Transactional
    public Organization updateBranding(String id, Environment environment,
            com.fasterxml.jackson.databind.JsonNode patch) {
        Organization org = get(id);
        Branding.apply(patch, org, environment, urls);
        return Organization.asSeenIn(id, environment);
    }

    /** The organization with the branding of one environment (see {@link Organization#asSeenIn}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Organization get(String id, Environment environment) {
        get(id);
        return Organization.asSeenIn(id, environment);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(String name) {
        return Organization.count("name", name) > 0;
    }
}
