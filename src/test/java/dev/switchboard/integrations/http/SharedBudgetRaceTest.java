package dev.switchboard.integrations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.common.Base62;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.wms.adapter.AdapterException;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 13's proof that a vendor credential's budget is one limit across instances when they spend at the same time
 * (not only in turn, as {@code VendorHttpTest} shows): two instances, each with its own {@link RateLimiter} over the
 * same database and nothing shared in memory, race on several threads each; exactly the budget is granted.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedBudgetRaceTest {

    @Inject
    VendorBudget budget;
    @Inject
    DataSource dataSource;
    @Inject
    SecretBox secrets;

    @Test
    void two_instances_spending_at_once_are_granted_exactly_the_budget() throws Exception {
        int capacity = 24;
        // An hour's window: no token refills while the test runs, so the count is exact.
        Vendor vendor = new Vendor("race-" + Base62.random(6), "Race Vendor", "http://127.0.0.1:9", capacity,
                Duration.ofHours(1));
        VendorBudget other = new VendorBudget();
        other.limiter = new RateLimiter(dataSource);
        other.secrets = secrets;
        List<VendorBudget> instances = List.of(budget, other);

        int threadsPerInstance = 3;
        int attemptsPerThread = 15; // 90 attempts for 24 tokens
        ExecutorService pool = Executors.newFixedThreadPool(instances.size() * threadsPerInstance);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<int[]>> work = new ArrayList<>();
        for (VendorBudget instance : instances) {
            for (int t = 0; t < threadsPerInstance; t++) {
                work.add(() -> {
                    start.await();
                    int granted = 0;
                    int refused = 0;
                    for (int i = 0; i < attemptsPerThread; i++) {
                        try {
                            instance.spend(vendor, "credential-raced", null);
                            granted++;
                        } catch (AdapterException e) {
                            assertEquals(AdapterException.Kind.RATE_LIMITED, e.kind());
                            refused++;
                        }
                    }
                    return new int[]{ granted, refused };
                });
            }
        }
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (Callable<int[]> w : work) {
                results.add(pool.submit(w));
            }
            start.countDown();
            int granted = 0;
            int refused = 0;
            for (Future<int[]> result : results) {
                int[] counts = result.get(120, TimeUnit.SECONDS);
                granted += counts[0];
                refused += counts[1];
            }
            assertEquals(capacity, granted, "one limit across both instances");
            assertEquals(work.size() * attemptsPerThread - capacity, refused);
        } finally {
            pool.shutdownNow();
        }
    }
}
