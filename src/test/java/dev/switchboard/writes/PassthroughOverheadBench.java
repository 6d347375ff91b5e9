package dev.switchboard.writes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.Fixtures.as;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Measures (never asserts) what {@code POST /wms/passthrough} adds over calling the system directly: one client calls
 * the ShipBob stand-in's {@code GET /2026-01/order?Page=1} (a page of ShipBob's documented orders, answered at once)
 * and the same request through the service, alternately, {@code bench.passthrough.n} times each after a warm-up, and
 * prints p50/p90/p99 of both and the p50 added. The added time is the whole service path: API key, access token,
 * connection and credentials (decrypted), the vendor budget's row in PostgreSQL, the outbound stack, and the answer
 * wrapped as {@code {status_code, headers, body}}. Run by {@code bench/passthrough.sh}; skipped in the suite.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.passthrough", matches = "true")
class PassthroughOverheadBench {

    private static final String TOKEN = "pat_bench_passthrough";

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("bench.passthrough.n", 2000);
        int warmup = Integer.getInteger("bench.passthrough.warmup", 500);
        String page = VendorStandIns.resource("vendors/shipbob/orders.json");
        VendorStandIns.shipbob().stubFor(get(urlPathEqualTo("/2026-01/order")).withQueryParam("Page", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withHeader("Page-Number", "1")
                        .withBody(page)));

        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = connections.install(new Tenant(org.id(), Environment.TEST),
                catalog.find(IntegrationType.WMS, "shipbob").orElseThrow(), "bench", Map.of("personal_access_token",
                        TOKEN),
                List.of(), null, null);
        String accessToken = as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("auth_code", installed.authCode())).post("/link/exchange").then().statusCode(200)
                .extract().path("access_token");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create(VendorStandIns.shipbob().baseUrl()
                + "/2026-01/order?Page=1")).header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "application/json").GET().build();
        HttpRequest through = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/wms/passthrough")).header("x-trackstar-api-key", org.testKey())
                .header("x-trackstar-access-token", accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"GET\",\"path\":\"/2026-01/order\","
                        + "\"params\":{\"Page\":\"1\"},\"headers\":{}}"))
                .build();

        for (int i = 0; i < warmup; i++) {
            call(client, direct, 200);
            call(client, through, 200);
        }
        long[] directNanos = new long[n];
        long[] throughNanos = new long[n];
        for (int i = 0; i < n; i++) {
            directNanos[i] = call(client, direct, 200);
            throughNanos[i] = call(client, through, 200);
        }
        Arrays.sort(directNanos);
        Arrays.sort(throughNanos);
        String report = String.join("\n",
                String.format(Locale.ROOT, "%d calls each, alternating, after %d warm-up calls each; one client, "
                        + "HTTP/1.1 keep-alive; stand-in answer %d bytes", n, warmup, page.length()),
                String.format(Locale.ROOT, "%-34s %8s %8s %8s", "", "p50 ms", "p90 ms", "p99 ms"),
                line("direct to the stand-in", directNanos),
                line("through POST /wms/passthrough", throughNanos),
                String.format(Locale.ROOT, "%-34s %8.2f ms", "p50 added by passthrough",
                        (pct(throughNanos, 50) - pct(directNanos, 50)) / 1e6));
        System.out.println("\n=== Passthrough overhead ===\n" + report);
        Files.writeString(Path.of(System.getProperty("bench.out", "target/bench-passthrough.txt")), report + "\n");
    }

    /** One call, its time in nanoseconds; the answer must be the expected status and its body read whole. */
    private static long call(HttpClient client, HttpRequest request, int status) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long took = System.nanoTime() - started;
        if (response.statusCode() != status || response.body().length == 0) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return took;
    }

    private static String line(String name, long[] sorted) {
        return String.format(Locale.ROOT, "%-34s %8.2f %8.2f %8.2f", name, pct(sorted, 50) / 1e6,
                pct(sorted, 90) / 1e6, pct(sorted, 99) / 1e6);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
