package dev.switchboard.connection;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often {@link ConnectionUsage} writes the counted uses ({@code switchboard.connections.*}). */
@ConfigMapping(prefix = "switchboard.connections")
public interface ConnectionUsageConfig {

    /**
     * Between two writes of {@code times_used}/{@code last_used}: what a killed process can lose, and how stale the
     * connection object's figures may be.
     */
    @WithDefault("5S")
    Duration usageFlushInterval();
}
