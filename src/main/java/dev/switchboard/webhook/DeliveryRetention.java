package dev.switchboard.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.ratelimit.RateLimiter;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes finished webhook deliveries (succeeded or failed) older than {@code switchboard.retention.deliveries}, and
 * the
 * rate-limit buckets that have expired (a bucket expires once it would be full again: nothing is lost). Pending and
 * in-flight deliveries are never touched. Every instance runs it, in batches claimed with {@code SKIP LOCKED}.
 */
@ApplicationScoped
public class DeliveryRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);

    @Inject
    DataSource dataSource;
    @Inject
    SwitchboardConfig config;
    @Inject
    RateLimiter rateLimiter;

    @Scheduled(every = "${switchboard.retention.interval:10M}", delayed = "40s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            purgeDeliveries();
            rateLimiter.purgeExpired(config.retention().batch());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Purging old webhook deliveries and rate-limit buckets failed (the next run retries): %s",
                    e.getMessage());
        }
    }

    public int purgeDeliveries() throws SQLException {
        String sql = "delete from webhook_delivery where id in (select id from webhook_delivery where status in "
                + "('succeeded', 'failed') and completed_at < now() - ?::interval limit ? for update skip locked)";
        int batch = config.retention().batch();
        int total = 0;
        int deleted;
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
            do {
                delete.setString(1, config.retention().deliveries().toSeconds() + " seconds");
                delete.setInt(2, batch);
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == batch);
        }
        return total;
    }
}
