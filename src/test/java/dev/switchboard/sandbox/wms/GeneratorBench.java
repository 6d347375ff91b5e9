package dev.switchboard.sandbox.wms;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.SyncWindow;

/**
 * The simulator alone, as bench/sandbox-generator.sh runs it: records per second of an initial sync of every
 * function of a sandbox of {@code orders} orders (default 200,000 over 90 days), serialized to JSON as the store
 * would, and the heap it leaves behind. Not a test: performance is measured, never asserted.
 */
public final class GeneratorBench {

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        SandboxSettings settings = SandboxSettings.defaults().withOrdersPerDay((orders + 89) / 90);
        Instant created = Instant.parse("2026-06-01T00:00:00Z");
        SandboxWms wms = new SandboxWms(new World("conn_bench", created, settings, "http://localhost:8080"));
        long now = created.getEpochSecond();
        ObjectMapper json = new ObjectMapper();
        for (int round = 0; round < 2; round++) {
            long total = 0;
            long bytes = 0;
            long start = System.nanoTime();
            for (WmsFunction function : WmsFunction.values()) {
                long t0 = System.nanoTime();
                long count = 0;
                String cursor = null;
                do {
                    Page page = wms.page(function, new SyncWindow(null, Instant.ofEpochSecond(now + 1)), cursor, now,
                            EventIndex.NONE);
                    for (ObjectNode record : page.records()) {
                        bytes += json.writeValueAsBytes(record).length;
                    }
                    count += page.records().size();
                    cursor = page.nextCursor();
                } while (cursor != null);
                total += count;
                if (round == 1) {
                    System.out.printf("%-32s %9d records %8.0f records/s%n", function.value(), count,
                            count / ((System.nanoTime() - t0) / 1e9));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round == 1) {
                Runtime rt = Runtime.getRuntime();
                System.gc();
                System.out.printf("all functions: %d records, %.1f MB of JSON in %.1f s = %.0f records/s; heap in use "
                        + "after: %.1f MB%n", total, bytes / 1e6, seconds, total / seconds,
                        (rt.totalMemory() - rt.freeMemory()) / 1e6);
            }
        }
    }
}
