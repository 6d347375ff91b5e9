package dev.switchboard.apikey;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.switchboard.common.Ids;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.organization.FirstAdminKeys;
import dev.switchboard.tenant.Scope;
import dev.switchboard.tenant.Tenant;

/** Issues, lists, revokes and rolls an organization's keys. The raw key leaves this class exactly once, on issue. */
@ApplicationScoped
public class ApiKeyService implements FirstAdminKeys {

    /** A key as just issued: the entity and the only copy of its secret. */
    public record Issued(ApiKey key, String secret) {
    }

    @Inject
    Clock clock;
    @Inject
    ApiKeyResolver resolver;
    @Inject
    SwitchboardConfig config;

    /** A new organization's first admin key, with the default limit and no expiry. */
    @Override
    @Transactional
    public String issue(Tenant tenant) {
        return issue(tenant, "Default admin key", Scope.ADMIN, config.apiKeys().defaultRateLimitPerHour(), null)
                .secret();
    }

    @Transactional
    public Issued issue(Tenant tenant, String name, Scope scope, int rateLimitPerHour, Instant expiresAt) {
        return issue(tenant, name, scope, rateLimitPerHour, expiresAt, null);
    }

    private Issued issue(Tenant tenant, String name, Scope scope, int rateLimitPerHour, Instant expiresAt,
            String rolledFromId) {
        String secret = ApiKeyFormat.generate(tenant.environment());
        ApiKey key = new ApiKey();
        key.id = Ids.apiKey();
        key.organizationId = tenant.organizationId();
        key.environment = tenant.environment();
        key.name = name;
        key.scope = scope;
        key.keyHash = ApiKeyFormat.hash(secret);
        key.keyPrefix = ApiKeyFormat.displayPrefix(secret);
        key.rateLimitPerHour = rateLimitPerHour;
        key.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        key.expiresAt = expiresAt;
        key.rolledFromId = rolledFromId;
        key.persist();
        return new Issued(key, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiKey> list(Tenant tenant) {
        return ApiKey.listForTenant(tenant);
    }

    /** Revokes the key; revoking a revoked key changes nothing and answers the same. */
    @Transactional
    public ApiKey revoke(Tenant tenant, String id) {
        ApiKey key = find(tenant, id);
        if (key.revokedAt != null) {
            return key;
        }
        Instant now = clock.instant();
        if (key.scope == Scope.ADMIN && key.isUsableAt(now) && ApiKey.countUsableAdmins(tenant, now) <= 1) {
            throw ApiException.conflict("LAST_ADMIN_KEY",
                    "This is the organization's last admin key in this environment. "
                            + "Create or roll another admin key first.");
        }
        key.revokedAt = now.truncatedTo(ChronoUnit.MICROS);
        resolver.forget(key.keyHash);
        return key;
    }

    /**
     * Issues a replacement with the same name, scope and limit, and lets the old key live for {@code graceSeconds}
     * (0: it stops now), so callers can move to the new key without downtime.
     */
    @Transactional
    public Issued roll(Tenant tenant, String id, long graceSeconds) {
        ApiKey old = find(tenant, id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!old.isUsableAt(now)) {
            throw ApiException.conflict("API_KEY_NOT_ACTIVE",
                    "Only an active key can be rolled; this one is revoked or expired.");
        }
        Instant oldEnd = now.plusSeconds(graceSeconds);
        if (old.expiresAt == null || old.expiresAt.isAfter(oldEnd)) {
            old.expiresAt = oldEnd;
        }
        resolver.forget(old.keyHash);
        return issue(tenant, old.name, old.scope, old.rateLimitPerHour, null, old.id);
    }

    private static ApiKey find(Tenant tenant, String id) {
        return ApiKey.findForTenant(tenant, id).orElseThrow(() -> ApiException.notFound("API key not found", id));
    }
}
