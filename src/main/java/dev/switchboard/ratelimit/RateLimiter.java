package dev.switchboard.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Per-key hourly limits, shared by every instance of the service: each key's token bucket lives in the
 * {@code rate_limit_bucket} table and is updated under {@code SELECT ... FOR UPDATE} (Bucket4j), so two instances
 * never hand out the same token. A key gets its full allowance back every hour (fixed window from its first use).
 */
@ApplicationScoped
public class RateLimiter {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final ProxyManager<String> buckets;

    public RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .build();
    }

    /** Takes one request from the key's bucket. {@code limitPerHour} 0 means unlimited and touches nothing. */
    public RateLimitState consume(String keyId, int limitPerHour) {
        if (limitPerHour == 0) {
            return RateLimitState.unlimited();
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(limitPerHour).refillIntervally(limitPerHour, WINDOW))
                .build();
        ConsumptionProbe probe = buckets.builder().build("key:" + keyId, () -> configuration).tryConsumeAndReturnRemaining(1);
        long resetNanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        return new RateLimitState(limitPerHour, probe.getRemainingTokens(), ceilSeconds(resetNanos), probe.isConsumed());
    }

    static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
