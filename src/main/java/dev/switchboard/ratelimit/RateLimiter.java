package dev.switchboard.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Per-key hourly limits, shared by every instance of the service: each key's token bucket lives in the
 * {@code rate_limit_bucket} table and is updated under {@code SELECT ... FOR UPDATE} (Bucket4j), so two instances
 * never hand out the same token. A key gets its full allowance back every hour (fixed window from its first use).
 */
@ApplicationScoped
public class RateLimiter {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                // expires_at = when the bucket would be full again (+ a margin): after that its row says nothing a
                // fresh bucket would not, so purgeExpired may delete it.
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(10)))
                .build();
    }

    /** Takes one request from the key's bucket. {@code limitPerHour} 0 means unlimited and touches nothing. */
    public RateLimitState consume(String keyId, int limitPerHour) {
        return consume("key", keyId, limitPerHour);
    }

    /**
     * Takes one token from the hourly bucket {@code namespace:id} (for example failed installs of one magic link).
     * {@code limitPerHour} 0 means unlimited and touches nothing.
     */
    public RateLimitState consume(String namespace, String id, int limitPerHour) {
        if (limitPerHour == 0) {
            return RateLimitState.unlimited();
        }
        ConsumptionProbe probe = bucket(namespace, id, limitPerHour).tryConsumeAndReturnRemaining(1);
        long resetNanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        return new RateLimitState(limitPerHour, probe.getRemainingTokens(), ceilSeconds(resetNanos),
                probe.isConsumed());
    }

    /**
     * Deletes up to {@code batch} buckets past their expiry, repeating while full batches are found; returns how many.
     */
    public int purgeExpired(int batch) {
        int total = 0;
        int removed;
        do {
            removed = buckets.removeExpired(batch);
            total += removed;
        } while (removed == batch);
        return total;
    }

    /**
     * Takes one token from the bucket {@code namespace:id} holding {@code capacity} tokens that refill smoothly over
     * {@code window} (a vendor's requests per minute, shared by every instance). When none is left, the state says
     * how many seconds until the next token: the caller yields for that long, it never waits here.
     */
    public RateLimitState consume(String namespace, String id, int capacity, Duration window) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                .build();
        ConsumptionProbe probe = buckets.builder().build(namespace + ":" + id, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        long resetNanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        return new RateLimitState(capacity, probe.getRemainingTokens(), ceilSeconds(resetNanos), probe.isConsumed());
    }

    /** Whether the bucket {@code namespace:id} still holds a token, without taking one. */
    public boolean hasCapacity(String namespace, String id, int limitPerHour) {
        return limitPerHour == 0 || bucket(namespace, id, limitPerHour).getAvailableTokens() > 0;
    }

    private io.github.bucket4j.distributed.BucketProxy bucket(String namespace, String id, int limitPerHour) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(limitPerHour).refillIntervally(limitPerHour, WINDOW))
                .build();
        return buckets.builder().build(namespace + ":" + id, () -> configuration);
    }

    static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
