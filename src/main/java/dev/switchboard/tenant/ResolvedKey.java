package dev.switchboard.tenant;

import java.time.Instant;

/** What authentication needs to know of a key, as cached for a few seconds. */
public record ResolvedKey(String id, Tenant tenant, Scope scope, int rateLimitPerHour, Instant expiresAt,
        Instant revokedAt,
        OrganizationStatus organizationStatus) {

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
