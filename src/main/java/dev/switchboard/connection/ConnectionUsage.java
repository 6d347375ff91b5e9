package dev.switchboard.connection;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.switchboard.event.ConnectionUsed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the connection object's {@code times_used} and {@code last_used} true without a write per read: each use is
 * counted in memory ({@link ConnectionUsed}, a map update on the request's thread) and the counts are added to the
 * rows every few seconds ({@link ConnectionUsageConfig}, default 5 s), one short
 * {@code UPDATE} per connection used since the last flush, and once more at shutdown. Instances flush side by side:
 * each adds its own counts ({@code times_used = times_used + n}), so nothing is counted twice. What a killed process
 * counted since its last flush is lost (a few seconds of counts, never a row's earlier total).
 */
@ApplicationScoped
public class ConnectionUsage {

    private static final Logger LOG = Logger.getLogger(ConnectionUsage.class);

    /** Uses not yet written, per connection. */
    private record Pending(long count, Instant last) {

        Pending plus(Pending other) {
            return new Pending(count + other.count, last.isAfter(other.last) ? last : other.last);
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * The interval, read by the {@code @Scheduled} expression below; injected so that Quarkus registers the mapping
     * (an unused one is not, and its property would then be refused as unknown).
     */
    @Inject
    ConnectionUsageConfig config;

    void onUse(@Observes ConnectionUsed used) {
        pending.merge(used.connectionId(), new Pending(1, used.at()), Pending::plus);
    }

    @Scheduled(every = "${switchboard.connections.usage-flush-interval:5S}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        flush();
    }

    /** Adds the counted uses to their connections; returns how many connections were written. */
    public int flush() {
        int written = 0;
        for (String connectionId : pending.keySet()) {
            Pending uses = pending.remove(connectionId);
            if (uses == null) {
                continue;
            }
            try {
                QuarkusTransaction.requiringNew()
                        .run(() -> Connection.recordUse(connectionId, uses.count(), uses.last()));
                written++;
            } catch (RuntimeException e) {
                // Kept for the next flush (a database that is down now is the likely cause).
                pending.merge(connectionId, uses, Pending::plus);
                LOG.warnf("Recording the use of %s failed (the next flush retries): %s", connectionId, e.getMessage());
                break;
            }
        }
        return written;
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Recording connection uses at shutdown failed: %s", e.getMessage());
        }
    }
}
