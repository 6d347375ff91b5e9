package dev.switchboard.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.switchboard.wms.store.RecordStore;

/**
 * A deleted connection's data goes in batches ({@code switchboard.sync.purge-batch} records per transaction), so no
 * statement holds locks for long and the other connections' syncs and reads go on meanwhile. Runs as the
 * {@code wms-connection-purge} task, which requeues itself after the time cap until nothing is left.
 */
@ApplicationScoped
public class SyncPurge {

    private static final Logger LOG = Logger.getLogger(SyncPurge.class);

    @Inject
    SyncRunner runner;
    @Inject
    RecordStore store;
    @Inject
    SyncConfig config;
    @Inject
    Clock clock;

    /** Deletes until done (true) or {@code deadline} (false: call again). Only for a deleted connection. */
    public boolean purgeSome(String connectionId, Instant deadline) {
        Optional<SyncRunner.ConnectionRow> connection = runner.tx(c -> SyncRunner.connection(c, connectionId));
        if (connection.isPresent() && connection.get().active()) {
            LOG.warnf("Not purging %s: the connection is active", connectionId);
            return true;
        }
        long total = 0;
        while (clock.instant().isBefore(deadline)) {
            int deleted = runner.tx(c -> store.deleteBatch(c, connectionId, config.purgeBatch()));
            total += deleted;
            if (deleted == 0) {
                runner.tx(c -> {
                    SyncRepository.update(c, "delete from sync_run where connection_id = ?", connectionId);
                    SyncRepository.update(c, "delete from on_demand_sync where connection_id = ?", connectionId);
                    SyncRepository.update(c, "delete from sync_schedule where connection_id = ?", connectionId);
                    return null;
                });
                LOG.infof("Purged the records of deleted connection %s (%d in this pass)", connectionId, total);
                return true;
            }
        }
        return false;
    }
}
