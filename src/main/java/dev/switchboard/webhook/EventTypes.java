package dev.switchboard.webhook;

import java.util.List;

import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.MagicLinkEvent;

/** The event types an endpoint can subscribe to, and the test event every endpoint can be sent. */
public final class EventTypes {

    public static final String TEST = "webhook.test";

    public static final List<String> SUBSCRIBABLE = List.of(MagicLinkEvent.CREATED, MagicLinkEvent.OPENED,
            MagicLinkEvent.COMPLETED, MagicLinkEvent.REVOKED, MagicLinkEvent.EXPIRED, MagicLinkEvent.INSTALL_FAILED,
            ConnectionEvent.CREATED, ConnectionEvent.DELETED);

    private EventTypes() {
    }
}
