package dev.switchboard.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import dev.switchboard.common.Base62;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapters;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Measures (never asserts) how fast the ShipBob adapter pages through orders from a stand-in that answers every page
 * in 50 ms: records per second for one connection, for four connections at once, and with a 429 on every fifth page
 * (the run yields for {@code x-retry-after}, as the sync engine does, and resumes). Run by {@code bench/vendors.sh}
 * ({@code -Dbench.vendors=true}); skipped in the suite.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.vendors", matches = "true")
class AdapterThroughputBench {

    static final int PAGES = 30;
    static final int PER_PAGE = 250;
    static final int DELAY_MS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WmsAdapters adapters;

    private final WireMockServer shipbob = VendorStandIns.shipbob();

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    @Test
    void measure() throws Exception {
        String page = page();
        for (int p = 1; p <= PAGES; p++) {
            var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("Page-Number", String.valueOf(p)).withHeader("Total-Pages", String.valueOf(PAGES))
                    .withFixedDelay(DELAY_MS).withBody(page);
            shipbob.stubFor(get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page", equalTo(String.valueOf(p)))
                    .withHeader("Authorization", equalTo("Bearer bench-plain")).willReturn(response));
            // The same pages for the 429 run: every fifth page answers 429 once, then the page.
            String scenario = "p" + p;
            var mixed = get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page", equalTo(String.valueOf(p)))
                    .withHeader("Authorization", equalTo("Bearer bench-429"));
            if (p % 5 == 0) {
                shipbob.stubFor(mixed.inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("x-retry-after", "1")
                                .withBody("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}"))
                        .willSetStateTo("served"));
                shipbob.stubFor(get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page",
                        equalTo(String.valueOf(p))).withHeader("Authorization", equalTo("Bearer bench-429"))
                        .inScenario(scenario).whenScenarioStateIs("served").willReturn(response));
            } else {
                shipbob.stubFor(mixed.willReturn(response));
            }
            for (int c = 0; c < 4; c++) {
                shipbob.stubFor(get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page",
                        equalTo(String.valueOf(p))).withHeader("Authorization", equalTo("Bearer bench-par-" + c))
                        .willReturn(response));
            }
        }
        List<String> lines = new ArrayList<>();
        run("bench-plain"); // warm-up: JIT, connection pool, budget rows
        shipbob.resetScenarios();
        lines.add(measureOne("one connection, 50 ms pages", "bench-plain"));
        lines.add(measureOne("one connection, 50 ms pages, 429 (x-retry-after: 1) on every 5th page", "bench-429"));
        lines.add(measureParallel());
        String report = String.join("\n", lines);
        System.out.println("\n=== ShipBob adapter throughput ===\n" + report);
        Path out = Path.of(System.getProperty("bench.out", "target/bench-vendors.txt"));
        Files.writeString(out, report + "\n");
    }

    private String measureOne(String name, String token) {
        long started = System.nanoTime();
        int[] counts = run(token);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%-75s %6d records in %6.2f s = %8.0f records/s (%d pages, %d yields)",
                name, counts[0], seconds, counts[0] / seconds, PAGES, counts[1]);
    }

    private String measureParallel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long started = System.nanoTime();
            List<Future<int[]>> runs = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String token = "bench-par-" + c;
                runs.add(pool.submit(() -> run(token)));
            }
            int total = 0;
            for (Future<int[]> run : runs) {
                total += run.get()[0];
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return String.format(Locale.ROOT, "%-75s %6d records in %6.2f s = %8.0f records/s",
                    "four connections at once, 50 ms pages", total, seconds, total / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pages through all orders as the engine would; on RATE_LIMITED it yields for the wait and resumes. */
    private int[] run(String token) {
        AdapterContext context = new AdapterContext(null, new Tenant("org_bench", Environment.TEST), "shipbob",
                Map.of("personal_access_token", token + (token.startsWith("bench-par") ? "" : "")), c -> {
                });
        SyncWindow window = new SyncWindow(null, Instant.now());
        int records = 0;
        int yields = 0;
        String cursor = null;
        do {
            try {
                Page page = adapters.find("shipbob").orElseThrow().fetchPage(context, WmsFunction.GET_ORDERS, window,
                        cursor);
                records += page.records().size();
                cursor = page.nextCursor();
            } catch (AdapterException e) {
                if (e.kind() != AdapterException.Kind.RATE_LIMITED) {
                    throw e;
                }
                yields++;
                try {
                    Thread.sleep(e.retryAfter().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        } while (cursor != null);
        return new int[]{ records, yields };
    }

    private static String page() throws IOException {
        ArrayNode sample = (ArrayNode) JSON.readTree(VendorStandIns.resource("vendors/shipbob/orders.json"));
        ArrayNode page = JSON.createArrayNode();
        for (int i = 0; i < PER_PAGE; i++) {
            ObjectNode order = sample.get(0).deepCopy();
            order.put("id", 400000000L + i);
            order.put("reference_id", "BENCH-" + Base62.random(8));
            page.add(order);
        }
        return page.toString();
    }
}
