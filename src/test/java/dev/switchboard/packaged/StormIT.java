package dev.switchboard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.packaged.Api.Org;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Hostile bodies against the packaged service in a 512 MiB pod ({@code deploy/jvm.options} with
 * {@code -XX:MaxRAM=512m}: a 128 MiB heap): 16 bodies of 1 MiB at once, each a list of 260,000 tiny entries, from a
 * valid test key. No 5xx, liveness stays up, and a legitimate request made during the storm succeeds.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StormIT {

    private static EmbeddedPostgres postgres;
    private static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        PackagedService.assumePackaged();
        postgres = EmbeddedPostgres.builder().start();
        service = PackagedService.start("storm", postgres.getJdbcUrl("postgres", "postgres"), Map.of(),
                "-XX:MaxRAM=512m");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sixteen_hostile_mebibyte_bodies_at_once_cost_no_one_else_anything() throws Exception {
        Org org = Api.newOrganization(service);
        StringBuilder hostile = new StringBuilder("{\"integration_allow_list\":[");
        while (hostile.length() < 1024 * 1024 - 10) {
            hostile.append("\"a\",");
        }
        hostile.setLength(hostile.length() - 1);
        String body = hostile.append("]}").toString();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int round = 0; round < 3; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> storm = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                storm.add(pool.submit(() -> {
                    go.await();
                    statuses.add(Api.send("POST", service.url("/magic-links"), org.testKey(), body).status());
                    return null;
                }));
            }
            go.countDown();
            // During the storm: liveness and a legitimate request.
            assertEquals(200, service.status("/q/health/live"), "liveness during the storm");
            Api.Reply legit = Api.send("POST", service.url("/magic-links"), org.testKey(),
                    Map.of("customer_id", "legit-" + round));
            assertEquals(200, legit.status(), "a legitimate request during the storm");
            for (Future<?> f : storm) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
        pool.shutdown();
        assertEquals(48, statuses.size());
        assertTrue(statuses.stream().allMatch(s -> s == 422 || s == 429),
                "hostile bodies get 4xx, never 5xx: " + statuses);
        assertTrue(service.isAlive());
        assertEquals(200, service.status("/q/health/live"));
    }
}
