package dev.switchboard.auth;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.switchboard.config.SwitchboardConfig;
import io.github.bucket4j.Bucket;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Throttles client addresses that keep presenting invalid keys. Local to each instance on purpose: it guards the
 * key look-up path cheaply, and a guesser spread over N instances still gets N times a tiny allowance against a
 * 190-bit key space. It never refuses a valid key: an address over its allowance gets 429 instead of 401 for invalid
 * keys only. The address is the TCP peer, or the client named in {@code Forwarded}/{@code X-Forwarded-For} when the
 * peer is a trusted proxy ({@code quarkus.http.proxy.*}, deploy/README.md).
 */
// Caffeine builds this cache (maximum size, expiry after access) from a generated class it finds by name, which
// Quarkus's Caffeine extension does not register for the native executable (docs/native.md).
@RegisterForReflection(classNames = "com.github.benmanes.caffeine.cache.PSAMS")
@ApplicationScoped
public class FailedAttemptThrottle {

    private final Cache<String, Bucket> byAddress;
    private final int perMinute;

    FailedAttemptThrottle(SwitchboardConfig config) {
        this.perMinute = config.auth().failedAttemptsPerMinute();
        this.byAddress = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    /** Spends one attempt; false when none was left. */
    boolean recordFailure(String address) {
        return byAddress.get(address, a -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build()).tryConsume(1);
    }

    /** Seconds until the address may try again. */
    long retryAfterSeconds(String address) {
        Bucket bucket = byAddress.getIfPresent(address);
        if (bucket == null) {
            return 1;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
