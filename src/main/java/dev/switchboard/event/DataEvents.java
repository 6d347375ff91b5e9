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

    /** The largest body one webhook delivery may have (256 KiB); larger changes are sent in parts. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    /**
     * One webhook: its Trackstar event type and the JSON body (the {@code *WebhookSchema} envelope). A change too large
     * for one delivery is made with {@link #split}: its {@code parts} are sent as events of their own, each within the
     * size limit, so no change is dropped.
     */
    public record DataEvent(String eventType, Supplier<byte[]> body, Supplier<List<byte[]>> parts) {

        public DataEvent(String eventType, Supplier<byte[]> body) {
            this(eventType, body, null);
        }

        /** An event whose body may come in several parts, each delivered as an event of its own. */
        public static DataEvent split(String eventType, Supplier<List<byte[]>> parts) {
            return new DataEvent(eventType, null, parts);
        }

        /** The bodies to send: one, or the parts of a split event. */
        public List<byte[]> bodies() {
            return parts != null ? parts.get() : List.of(body.get());
        }
    }

    public DataEvents {
        events = List.copyOf(events);
    }
}
