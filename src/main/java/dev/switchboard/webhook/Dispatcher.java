package dev.switchboard.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * One dispatcher: claims due deliveries (committing the claim first), sends each on a worker thread and settles it.
 * Every instance of the service runs one; they coordinate only through the database ({@link DeliveryStore}), so
 * starting several over one database is safe. {@link #wake()} runs a claim round at once (after a commit that queued
 * something); otherwise one runs every poll interval.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration DEPTH_REFRESH = Duration.ofSeconds(5);

    private final String name;
    private final DeliveryStore store;
    private final DeliverySender sender;
    private final RetryPolicy policy;
    private final WebhookMetrics metrics;
    private final Duration lease;
    private final int concurrency;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ScheduledExecutorService coordinator;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean backlog;
    private volatile boolean stopped;
    private volatile boolean failing;
    private long lastDepthRefresh;

    Dispatcher(String name, DeliveryStore store, DeliverySender sender, RetryPolicy policy, WebhookMetrics metrics,
            Duration lease, int concurrency) {
        this.name = name;
        this.store = store;
        this.sender = sender;
        this.policy = policy;
        this.metrics = metrics;
        this.lease = lease;
        this.concurrency = Math.max(1, concurrency);
        this.slots = new Semaphore(this.concurrency);
        this.workers = Executors.newFixedThreadPool(this.concurrency, threads(name + "-worker-"));
        this.coordinator = Executors.newSingleThreadScheduledExecutor(threads(name + "-"));
    }

    void start(Duration pollInterval) {
        coordinator.scheduleWithFixedDelay(this::round, 0, Math.max(10, pollInterval.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Runs a claim round soon; rounds never overlap, and a wake-up while one is queued adds nothing. */
    void wake() {
        if (!stopped && wakeQueued.compareAndSet(false, true)) {
            try {
                coordinator.execute(() -> {
                    wakeQueued.set(false);
                    round();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    /**
     * Stops claiming, and gives sends under way a few seconds; rows left in flight are reclaimed when their lease ends.
     */
    void stop() {
        stopped = true;
        coordinator.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    /** Claims as many due deliveries as there are free workers, until none is due. */
    private void round() {
        try {
            while (!stopped) {
                int free = slots.availablePermits();
                if (free == 0) {
                    backlog = true;
                    break;
                }
                List<DeliveryStore.Claim> claims = store.claim(free, lease);
                backlog = claims.size() == free;
                for (DeliveryStore.Claim claim : claims) {
                    slots.acquireUninterruptibly();
                    workers.execute(() -> {
                        try {
                            deliver(claim);
                        } finally {
                            slots.release();
                            if (backlog) {
                                wake();
                            }
                        }
                    });
                }
                if (!backlog) {
                    break;
                }
            }
            refreshDepth();
            if (failing) {
                failing = false;
                LOG.infof("Webhook dispatcher %s can reach the database again.", name);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                // The exception itself, not its message: a native executable has no helpful NullPointerException
                // messages, so getMessage() alone would log "null" and hide what failed.
                LOG.warnf(e, "Webhook dispatcher %s cannot claim deliveries (will keep trying): %s", name, e);
            }
        }
    }

    /** Sends one claimed delivery and records the outcome (on the calling thread). Never throws. */
    void deliver(DeliveryStore.Claim claim) {
        try {
            if (!claim.endpointEnabled()) {
                store.abandon(claim);
                return;
            }
            AttemptResult result = sender.send(claim);
            if (result.succeeded()) {
                store.succeeded(claim, result);
                metrics.attempt(result, true);
                return;
            }
            Optional<Duration> delay = result.gone()
                    ? Optional.empty()
                    : policy.nextDelay(claim.attempts(), result.retryAfter());
            if (delay.isPresent()) {
                store.retry(claim, result, delay.get());
            } else {
                store.failed(claim, result, result.gone() ? "The endpoint answered 410 Gone." : null);
            }
            metrics.attempt(result, delay.isEmpty());
        } catch (RuntimeException e) {
            // The lease runs out and another round sends it again: at least once, never lost.
            LOG.warnf("Webhook delivery %s could not be settled (its lease will expire and it will be retried): %s",
                    claim.deliveryId(), e.getMessage());
        }
    }

    /** Claims one batch and delivers it on the calling thread; returns how many were claimed. */
    int runOnce(int limit) {
        List<DeliveryStore.Claim> claims = store.claim(limit, lease);
        claims.forEach(this::deliver);
        return claims.size();
    }

    private void refreshDepth() {
        long now = System.nanoTime();
        if (now - lastDepthRefresh >= DEPTH_REFRESH.toNanos() || lastDepthRefresh == 0) {
            lastDepthRefresh = now;
            long[] depth = store.depth();
            metrics.depth(depth[0], depth[1]);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
