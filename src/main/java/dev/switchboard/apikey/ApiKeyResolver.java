package dev.switchboard.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.switchboard.auth.KeyLookup;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.organization.Organization;
import dev.switchboard.organization.OrganizationStatusChanged;
import dev.switchboard.tenant.ResolvedKey;
import dev.switchboard.tenant.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Finds the key behind a presented secret. Results, found or not, are cached for {@code switchboard.auth.key-cache-ttl}
 * (4 s, at most 5 s), so a revoked key stops working on every instance within that time; this instance forgets a key
 * at once when it revokes it.
 */
@ApplicationScoped
public class ApiKeyResolver implements KeyLookup {

    private static final HexFormat HEX = HexFormat.of();

    private final Cache<String, Optional<ResolvedKey>> byHash;
    /** When this instance last wrote {@code last_used_at} per key id; bounded by the number of keys in use. */
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

    /** The promise made to operators: a revoked key stops working everywhere within this. */
    static final Duration MAX_TTL = Duration.ofSeconds(5);

    @Inject
    TransactionSynchronizationRegistry transactions;

    ApiKeyResolver(SwitchboardConfig config) {
        Duration ttl = config.auth().keyCacheTtl();
        this.byHash = Caffeine.newBuilder()
                .expireAfterWrite(ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl)
                .maximumSize(50_000)
                .build();
    }

    @Override
    public Optional<byte[]> hashIfWellFormed(String presented) {
        return ApiKeyFormat.check(presented).map(environment -> ApiKeyFormat.hash(presented));
    }

    /** The cached answer for this hash, or null when there is none. */
    @Override
    public Optional<ResolvedKey> cached(byte[] hash) {
        return byHash.getIfPresent(HEX.formatHex(hash));
    }

    /**
     * Loads the answer for this hash into the cache. Concurrent callers for the same hash share one load: when a busy
     * key's entry expires, the requests in flight wait for one look-up instead of each making its own.
     */
    @Override
    public Optional<ResolvedKey> load(byte[] hash) {
        return byHash.get(HEX.formatHex(hash),
                hex -> QuarkusTransaction.joiningExisting().call(() -> ApiKey.findByHash(hash)
                        .map(key -> {
                            Organization org = Organization.findById(key.organizationId);
                            return new ResolvedKey(key.id, new Tenant(key.organizationId, key.environment), key.scope,
                                    key.rateLimitPerHour, key.expiresAt, key.revokedAt, org.status);
                        })));
    }

    /** Records that the key was used: at most one write a minute per key and instance (and per key overall, by SQL). */
    @Override
    public void touch(String keyId, Instant now) {
        Instant previous = lastTouched.get(keyId);
        if (previous != null && previous.isAfter(now.minusSeconds(60))) {
            return;
        }
        lastTouched.put(keyId, now);
        QuarkusTransaction.requiringNew().run(() -> ApiKey.touch(keyId, now));
    }

    /**
     * Forgets a key now and, when called inside a transaction (a revoke, a roll), again once it has ended: a request
     * that loads the key between the two would otherwise cache the row as it was before the commit, and the revoked
     * key would keep working here for a whole TTL.
     */
    void forget(byte[] hash) {
        String hex = HEX.formatHex(hash);
        byHash.invalidate(hex);
        afterTransaction(() -> byHash.invalidate(hex));
    }

    /**
     * An organization's status is cached with its keys: forget them all when it changes, now and again after the
     * change commits ({@link #forget}).
     */
    void forgetAll(@Observes OrganizationStatusChanged change) {
        byHash.invalidateAll();
        afterTransaction(byHash::invalidateAll);
    }

    private void afterTransaction(Runnable action) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {

            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }
}
