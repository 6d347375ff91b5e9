package dev.switchboard.sync;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.switchboard.wms.WmsFunction;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The sync engine's settings ({@code switchboard.sync.*}, {@code SWITCHBOARD_SYNC_*}). Frequencies are per function:
 * {@code switchboard.sync.frequency.get_orders=30M} ({@code SWITCHBOARD_SYNC_FREQUENCY_GET_ORDERS}); a function
 * without one keeps Trackstar's default ({@link WmsFunction#defaultFrequency()}).
 */
@ConfigMapping(prefix = "switchboard.sync")
public interface SyncConfig {

    /** false: this instance neither runs syncs nor polls for them (the API still schedules them in the database). */
    @WithDefault("true")
    boolean enabled();

    /** Sync runs one instance executes at once (db-scheduler's worker threads). */
    @WithDefault("4")
    int threads();

    /** Runs of one connection allowed at once across all instances (its functions and back-fills). */
    @WithDefault("2")
    int maxRunsPerConnection();

    /** How often an instance looks for due runs (when nothing woke it earlier). */
    @WithDefault("10S")
    Duration pollInterval();

    /** How often an executing run's heartbeat is written; a run whose heartbeats stop is taken over by another. */
    @WithDefault("30S")
    Duration heartbeat();

    /** Heartbeats missed before a run counts as dead and another instance resumes it from its last page. */
    @WithDefault("6")
    int missedHeartbeats();

    /** The longest one execution holds a worker; a longer run commits its page, requeues itself and goes on later. */
    @WithDefault("5M")
    Duration runTimeCap();

    /** Subtracted from the high-water mark at the start of an incremental run, for the system's clock skew. */
    @WithDefault("5M")
    Duration overlap();

    /**
     * The first retry after a failed run; doubled per consecutive failure, never more than the function's frequency.
     */
    @WithDefault("1M")
    Duration retryBackoff();

    /** Records a deleted connection's purge removes per transaction. */
    @WithDefault("5000")
    int purgeBatch();

    /** Per-function frequencies by function name, read through {@link #frequency(WmsFunction)}. */
    Map<String, Duration> frequency();

    /** The function's schedule: {@code switchboard.sync.frequency.<function>} or Trackstar's default. */
    static Duration frequency(WmsFunction function) {
        return ConfigProvider.getConfig()
                .getOptionalValue("switchboard.sync.frequency." + function.value(), Duration.class)
                .orElse(function.defaultFrequency());
    }
}
