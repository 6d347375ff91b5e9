package dev.switchboard.webhook;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code switchboard_webhooks_queue_depth{status=pending|sending}} (all tenants, refreshed by each dispatcher every few
 * seconds), {@code switchboard_webhooks_delivery_latency_seconds{outcome=success|failure}} (attempts that reached the
 * receiver or timed out) and {@code switchboard_webhooks_delivery_failures_total{kind, final}} (failed attempts, by
 * kind: status, timeout, network, refused, payload; final=true when no retry follows).
 */
@Singleton
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong sending = new AtomicLong();
    private final Timer success;
    private final Timer failure;

    @Inject
    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("switchboard.webhooks.queue.depth", pending, AtomicLong::get).tag("status", "pending")
                .description("Webhook deliveries waiting for an attempt").register(registry);
        Gauge.builder("switchboard.webhooks.queue.depth", sending, AtomicLong::get).tag("status", "sending")
                .description("Webhook deliveries being sent (leased)").register(registry);
        this.success = latency("success");
        this.failure = latency("failure");
    }

    private Timer latency(String outcome) {
        return Timer.builder("switchboard.webhooks.delivery.latency").tag("outcome", outcome)
                .description("Time from sending a webhook to the end of the receiver's response").register(registry);
    }

    void depth(long pendingRows, long sendingRows) {
        pending.set(pendingRows);
        sending.set(sendingRows);
    }

    void attempt(AttemptResult result, boolean last) {
        if (result.statusCode() != null || "timeout".equals(result.failureKind())) {
            (result.succeeded() ? success : failure).record(Duration.ofMillis(result.latencyMs()));
        }
        if (!result.succeeded()) {
            Counter.builder("switchboard.webhooks.delivery.failures").tag("kind", result.failureKind())
                    .tag("final", Boolean.toString(last)).description("Failed webhook delivery attempts")
                    .register(registry).increment();
        }
    }
}
