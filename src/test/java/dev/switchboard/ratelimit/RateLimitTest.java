package dev.switchboard.ratelimit;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitTest {

    @Test
    void every_authenticated_response_counts_down_and_the_key_gets_429_past_its_limit() {
        Org org = newOrganization();
        String key = newKey(org.testKey(), "read", 3);
        for (int remaining = 2; remaining >= 0; remaining--) {
            as(key).get("/api-keys").then().statusCode(403)
                    .header("x-ratelimit-limit", "3")
                    .header("x-ratelimit-remaining", Integer.toString(remaining))
                    .header("x-ratelimit-reset", notNullValue());
        }
        int retryAfter = as(key).get("/api-keys").then().statusCode(429)
                .header("x-ratelimit-limit", "3").header("x-ratelimit-remaining", "0")
                .body("code", equalTo("RATE_LIMITED"))
                .body("retry_after_seconds", notNullValue())
                .extract().path("retry_after_seconds");
        assertTrue(retryAfter > 3000 && retryAfter <= 3600, "retry after " + retryAfter);
        // The same refill moment, seen a moment later (a second may have passed on a busy machine).
        int again = Integer.parseInt(as(key).get("/api-keys").then().statusCode(429).extract().header("Retry-After"));
        assertTrue(again <= retryAfter && again >= retryAfter - 5, "Retry-After " + again + " after " + retryAfter);
        // Other keys of the organization have their own allowance.
        as(org.testKey()).get("/api-keys").then().statusCode(200).header("x-ratelimit-limit", "10000");
    }

    @Test
    void unlimited_keys_are_never_limited_and_carry_no_limit_headers() {
        Org org = newOrganization();
        String key = newKey(org.testKey(), "admin", 0);
        for (int i = 0; i < 5; i++) {
            as(key).get("/api-keys").then().statusCode(200).header("x-ratelimit-limit", nullValue());
        }
    }

    /**
     * Two service instances share nothing but the database. This builds a second, independent limiter on its own
     * connection to the same database, as another instance would have, and spends one key's allowance from both
     * at once: together they grant exactly the limit, so the count lives in PostgreSQL, not in either JVM.
     */
    @Test
    void the_limit_holds_across_instances_sharing_the_database() throws Exception {
        RateLimiter first = new RateLimiter(dataSource());
        RateLimiter second = new RateLimiter(dataSource());
        String keyId = "key_shared_" + System.nanoTime();
        int limit = 20;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            RateLimiter instance = i % 2 == 0 ? first : second;
            results.add(pool.submit((Callable<Boolean>) () -> instance.consume(keyId, limit).allowed()));
        }
        int granted = 0;
        for (Future<Boolean> result : results) {
            granted += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(limit, granted);
        assertEquals(false, first.consume(keyId, limit).allowed());
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresResource.jdbcUrl());
        ds.setUser(System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"));
        ds.setPassword(System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "postgres"));
        return ds;
    }
}
