package dev.switchboard.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes link tokens and auth codes that expired (or were used) longer ago than {@code switchboard.retention.tokens}:
 * they can never be used again, and only their hashes were stored. Every instance runs it; rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, in batches, so instances share the work. Cut-offs use the database's clock.
 */
@ApplicationScoped
public class TokenRetention {

    private static final Logger LOG = Logger.getLogger(TokenRetention.class);

    @Inject
    DataSource dataSource;
    @Inject
    SwitchboardConfig config;

    @Scheduled(every = "${switchboard.retention.interval:10M}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            purge("link_token");
            purge("auth_code");
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Purging spent link tokens and auth codes failed (the next run retries): %s", e.getMessage());
        }
    }

    /** Deletes the spent rows of {@code table} (link_token or auth_code); returns how many. */
    public int purge(String table) throws SQLException {
        String sql = "delete from " + table + " where id in (select id from " + table
                + " where expires_at < now() - ?::interval or used_at < now() - ?::interval limit ? for update skip locked)";
        String keep = config.retention().tokens().toSeconds() + " seconds";
        int batch = config.retention().batch();
        int total = 0;
        int deleted;
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
            do {
                delete.setString(1, keep);
                delete.setString(2, keep);
                delete.setInt(3, batch);
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == batch);
        }
        return total;
    }
}
