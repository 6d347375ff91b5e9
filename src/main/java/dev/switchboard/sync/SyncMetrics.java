package dev.switchboard.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.wms.WmsFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The sync engine in {@code /q/metrics}: {@code switchboard_sync_runs_total{function,outcome}},
 * {@code switchboard_sync_records_total{function,change}}, {@code switchboard_sync_run_seconds{function}} and
 * {@code switchboard_sync_lag_seconds{connection_id}}, the age of each connection's stalest enabled function (time
 * since its last completed crawl, or since the schedule was made when it never completed one), refreshed every 30 s.
 */
@ApplicationScoped
public class SyncMetrics {

    @Inject
    MeterRegistry registry;
    @Inject
    DataSource dataSource;

    private MultiGauge lag;

    void run(WmsFunction function, String outcome, Duration duration) {
        registry.counter("switchboard.sync.runs", "function", function.value(), "outcome", outcome).increment();
        if (!duration.isZero()) {
            registry.timer("switchboard.sync.run", "function", function.value(), "outcome", outcome).record(duration);
        }
    }

    void records(WmsFunction function, int created, int updated, int unchanged) {
        count(function, "created", created);
        count(function, "updated", updated);
        count(function, "unchanged", unchanged);
    }

    void deleted(WmsFunction function, int deleted) {
        count(function, "deleted", deleted);
    }

    private void count(WmsFunction function, String change, int n) {
        if (n > 0) {
            registry.counter("switchboard.sync.records", "function", function.value(), "change", change).increment(n);
        }
    }

    @Scheduled(every = "30s", delay = 5, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshLag() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (var c = dataSource.getConnection();
                        var s = c.prepareStatement(
                                """
                                        select connection_id, extract(epoch from now() - min(coalesce(last_crawl_end, created_at)))
                                          from sync_schedule where enabled and blocked_reason is null
                                         group by connection_id""");
                        var r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(MultiGauge.Row.of(Tags.of("connection_id", r.getString(1)), r.getDouble(2)));
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            return; // the database is away; the gauges keep their last values
        }
        if (lag == null) {
            lag = MultiGauge.builder("switchboard.sync.lag").baseUnit("seconds")
                    .description("Age of the connection's stalest enabled sync function").register(registry);
        }
        lag.register(rows, true);
    }
}
