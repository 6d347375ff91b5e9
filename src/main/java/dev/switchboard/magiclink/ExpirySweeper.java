package dev.switchboard.magiclink;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Records the one {@code expired} event of each link that passed its expiry unused (expiry itself is derived at read
 * time and needs no job), and drops Idempotency-Keys past their 24 hours. Every instance runs it; rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so instances share the work and never record an event twice.
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class);

    @Inject
    LinkLifecycle links;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    SwitchboardConfig config;

    @Scheduled(every = "${switchboard.magic-links.expiry-sweep-interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int batch = config.magicLinks().expirySweepBatch();
            int recorded;
            do {
                recorded = links.recordExpired(batch);
            } while (recorded == batch);
            idempotency.purgeExpired(batch);
        } catch (RuntimeException e) {
            // The database may be away; the next run catches up.
            LOG.warnf("Magic link expiry sweep failed: %s", e.getMessage());
        }
    }
}
