package dev.switchboard.webhook;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.switchboard.common.Base62;
import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** This instance's {@link Dispatcher}: started with the service (unless switched off), stopped with it. */
@Singleton
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    SwitchboardConfig config;
    @Inject
    DeliveryStore store;
    @Inject
    DeliverySender sender;
    @Inject
    WebhookMetrics metrics;

    private volatile Dispatcher dispatcher;

    void start(@Observes StartupEvent start) {
        if (!config.webhooks().dispatcherEnabled()) {
            LOG.info("The webhook dispatcher is off on this instance (switchboard.webhooks.dispatcher-enabled=false).");
            return;
        }
        if (config.webhooks().lease().compareTo(config.webhooks().timeout().plusSeconds(5)) < 0) {
            LOG.warnf(
                    "switchboard.webhooks.lease (%s) should exceed the delivery timeout (%s) by at least 5 s, or a slow"
                            + " delivery can be claimed and sent again by another instance.",
                    config.webhooks().lease(),
                    config.webhooks().timeout());
        }
        dispatcher = newDispatcher("webhooks-" + Base62.random(6));
        dispatcher.start(config.webhooks().pollInterval());
    }

    void stop(@Observes ShutdownEvent stop) {
        Dispatcher running = dispatcher;
        dispatcher = null;
        if (running != null) {
            running.stop();
        }
    }

    /** Runs a claim round now (after a commit that queued deliveries). */
    void wake() {
        Dispatcher running = dispatcher;
        if (running != null) {
            running.wake();
        }
    }

    /** A dispatcher with this instance's settings, as another service instance would run it. */
    Dispatcher newDispatcher(String name) {
        return new Dispatcher(name, store, sender,
                new RetryPolicy(config.webhooks().retrySchedule(), config.webhooks().maxRetryAfter()), metrics,
                config.webhooks().lease(), config.webhooks().concurrency());
    }
}
