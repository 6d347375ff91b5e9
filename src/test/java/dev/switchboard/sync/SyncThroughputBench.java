package dev.switchboard.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.Base62;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.WmsFunction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Measures (never asserts) the sync engine's throughput against ShipBob's stand-in, the whole path: installed ShipBob
 * connections, {@link SyncRunner} executions (adapter, outbound stack and budget, the record store's page
 * transactions), with every page of 250 orders answered in 50 ms; one connection, the same with a 429
 * ({@code x-retry-after: 1}) on every fifth page, and four connections at once. A 429 ends the execution with its next
 * time, as in production; this driver waits for that time as db-scheduler would (no worker sleeps in the engine).
 * Run by {@code bench/vendors.sh} ({@code -Dbench.vendors=true}); skipped in the suite.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.vendors", matches = "true")
class SyncThroughputBench {

    static final int PAGES = 30;
    static final int PER_PAGE = 250;
    static final int DELAY_MS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SyncRunner runner;
    @Inject
    SyncTesting testing;
    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    private final WireMockServer shipbob = VendorStandIns.shipbob();

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private record Conn(String id, String token) {
    }

    private Conn connect(Fixtures.Org org, String token) {
        return new Conn(connections.install(new Tenant(org.id(), Environment.TEST),
                catalog.find(IntegrationType.WMS, "shipbob").orElseThrow(), null,
                Map.of("personal_access_token", token), List.of(), null, null).connection().id, token);
    }

    /** 30 pages of distinct orders for {@code token}; with {@code every5th429}, each fifth page answers 429 once. */
    private void stub(String token, boolean every5th429) throws IOException {
        for (int p = 1; p <= PAGES; p++) {
            var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("Page-Number", String.valueOf(p)).withHeader("Total-Pages", String.valueOf(PAGES))
                    .withFixedDelay(DELAY_MS).withBody(page(p));
            var request = get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page", equalTo(String.valueOf(p)))
                    .withHeader("Authorization", equalTo("Bearer " + token));
            if (every5th429 && p % 5 == 0) {
                String scenario = token + "-p" + p;
                shipbob.stubFor(request.inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("x-retry-after", "1")
                                .withBody("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}"))
                        .willSetStateTo("served"));
                shipbob.stubFor(get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page",
                        equalTo(String.valueOf(p))).withHeader("Authorization", equalTo("Bearer " + token))
                        .inScenario(scenario).whenScenarioStateIs("served").willReturn(response));
            } else {
                shipbob.stubFor(request.willReturn(response));
            }
        }
    }

    @Test
    void measure() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        String run = Base62.random(6);
        Conn warm = connect(org, "bench-warm-" + run);
        Conn plain = connect(org, "bench-plain-" + run);
        Conn mixed = connect(org, "bench-429-" + run);
        List<Conn> four = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            four.add(connect(org, "bench-par-" + c + "-" + run));
        }
        stub(warm.token(), false);
        stub(plain.token(), false);
        stub(mixed.token(), true);
        for (Conn c : four) {
            stub(c.token(), false);
        }
        sync(warm); // JIT, pools, budget rows
        List<String> lines = new ArrayList<>();
        lines.add(measureOne("one connection, 50 ms pages", plain));
        lines.add(measureOne("one connection, 50 ms pages, 429 (x-retry-after: 1) on every 5th page", mixed));
        lines.add(measureParallel(four));
        String report = String.join("\n", lines);
        System.out.println("\n=== Sync throughput against ShipBob's stand-in ===\n" + report);
        Path out = Path.of(System.getProperty("bench.sync.out", "target/bench-sync-vendors.txt"));
        Files.writeString(out, report + "\n");
    }

    private String measureOne(String name, Conn c) {
        long started = System.nanoTime();
        int executions = sync(c);
        double seconds = (System.nanoTime() - started) / 1e9;
        long records = stored(c);
        return String.format(Locale.ROOT, "%-75s %6d records in %6.2f s = %8.0f records/s (%d executions)", name,
                records, seconds, records / seconds, executions);
    }

    private String measureParallel(List<Conn> conns) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(conns.size());
        try {
            long started = System.nanoTime();
            List<Future<Integer>> runs = new ArrayList<>();
            for (Conn c : conns) {
                runs.add(pool.submit(() -> sync(c)));
            }
            for (Future<Integer> r : runs) {
                r.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long records = conns.stream().mapToLong(this::stored).sum();
            return String.format(Locale.ROOT, "%-75s %6d records in %6.2f s = %8.0f records/s",
                    conns.size() + " connections at once, 50 ms pages", records, seconds, records / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Executes the connection's get_orders run until it succeeds, waiting for each next time as the scheduler does. */
    private int sync(Conn c) {
        int executions = 0;
        while (true) {
            SyncRunner.Next next = runner.runSchedule(c.id(), WmsFunction.GET_ORDERS, "forced");
            executions++;
            if (testing.count("select count(*) from sync_run where connection_id = ? and function = 'get_orders' "
                    + "and status <> 'running'", c.id()) > 0) {
                return executions;
            }
            Duration wait = next.at() == null ? Duration.ZERO : Duration.between(Instant.now(), next.at());
            if (!wait.isNegative() && !wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private long stored(Conn c) {
        return testing.count("select count(*) from wms_record where connection_id = ? and function = 'get_orders'",
                c.id());
    }

    private static String page(int p) throws IOException {
        ArrayNode sample = (ArrayNode) JSON.readTree(VendorStandIns.resource("vendors/shipbob/orders.json"));
        ArrayNode page = JSON.createArrayNode();
        for (int i = 0; i < PER_PAGE; i++) {
            ObjectNode order = sample.get(0).deepCopy();
            order.put("id", 400000000L + (long) p * PER_PAGE + i);
            order.put("reference_id", "BENCH-" + p + "-" + i);
            page.add(order);
        }
        return page.toString();
    }
}
