package dev.switchboard.organization;

import dev.switchboard.tenant.Tenant;

/**
 * Issues a new organization's first admin key in one environment. Owned here and implemented by the {@code apikey}
 * package, which sits above this one: keys belong to an organization, not the other way round.
 */
public interface FirstAdminKeys {

    /** Issues an admin key for the tenant with the default rate limit and returns its secret, the only copy. */
    String issue(Tenant tenant);
}
