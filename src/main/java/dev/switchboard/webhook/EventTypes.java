package dev.switchboard.webhook;

import java.util.List;

import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.MagicLinkEvent;

/** The event types an endpoint can subscribe to, and the test event every endpoint can be sent. */
public final class EventTypes {

    public static final String TEST = "webhook.test";

    public static final List<String> SUBSCRIBABLE = List.of(MagicLinkEvent.CREATED, MagicLinkEvent.OPENED,
            MagicLinkEvent.COMPLETED, MagicLinkEvent.REVOKED, MagicLinkEvent.EXPIRED, MagicLinkEvent.INSTALL_FAILED,
            ConnectionEvent.CREATED, ConnectionEvent.DELETED, "connection.historical-sync-completed",
            // The unified WMS API's data webhooks (dev.switchboard.sync), Trackstar's names exactly.
            "order.created", "order.updated", "order.shipment.created", "inventory.created", "inventory.updated",
            "product.created", "product.updated", "inbound-shipment.created", "inbound-shipment.updated",
            "inbound-shipment.receipt.created", "return.created", "return.updated", "bill.created", "bill.updated",
            "warehouse.created", "warehouse.updated", "warehouse-customer.created", "warehouse-customer.updated",
            "warehouse-location.created", "warehouse-location.updated", "shipping-method.created",
            "shipping-method.updated", "inventory_ledger.created", "inventory_ledger.updated", "labor_activity.created",
            "labor_activity.updated",
            // Connection health (dev.switchboard.sync.ConnectionErrors).
            "connection-error.created", "connection-error.updated", "connection-error.deleted");

    private EventTypes() {
    }
}
