package dev.switchboard.event;

import java.util.List;
import java.util.function.Supplier;

import dev.switchboard.tenant.Tenant;

/**
 * The unified API's data webhooks of one sync page (or one connection-level sync event), fired inside the transaction
 * that commits the page: {@code order.created}, {@code order.updated}, {@code order.shipment.created},
 * {@code connection.historical-sync-completed}, ... The outbox writes one delivery per subscribed endpoint in the same
 * transaction, so a page's records and its webhooks commit together, and a run of a million changes writes its
 * deliveries a page at a time. Bodies are made only when an endpoint subscribes to their type.
 */
public record DataEvents(Tenant tenant, List<DataEvent> events) {

    /** One webhook: its Trackstar event type and the JSON body (the {@code *WebhookSchema} envelope). */
    public record DataEvent(String eventType, Supplier<byte[]> body) {
    }

    public DataEvents {
        events = List.copyOf(events);
    }
}
