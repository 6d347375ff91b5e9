package dev.switchboard.wms;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The unit of syncing and storing: one kind of WMS record. Each function is synced on its own schedule, stored under
 * its own name in {@code wms_record.function}, served under {@link #path()} and announced with webhooks named
 * {@code <webhookResource>.created|updated}.
 *
 * <p>
 * {@code get_order_channels}, {@code get_inbound_shipment_suppliers} and {@code get_order_packs} are not in
 * Trackstar's {@code functions_to_sync} enum: they back {@code /wms/orders/channels},
 * {@code /wms/inbound-shipments/suppliers} and {@code /wms/orders/{order_id}/packs}, are synced with their parent
 * function, and are never named by a client.
 */
@RegisterForReflection
public enum WmsFunction implements WireValue {

    // value, path, webhook resource, snapshot, default frequency, client-visible, on-demand back-fill
    GET_ORDERS("get_orders", "orders", "order", false, Duration.ofHours(1), true, true),
    GET_INVENTORY("get_inventory",
            "inventory", "inventory", true, Duration.ofHours(1), true, false),
    GET_PRODUCTS("get_products", "products",
            "product", false, Duration.ofHours(1), true, false),
    GET_INBOUND_SHIPMENTS("get_inbound_shipments",
            "inbound-shipments", "inbound-shipment", false, Duration.ofHours(1),
            true, true),
    GET_RETURNS("get_returns", "returns", "return", false, Duration.ofHours(1),
            true, true),
    GET_BILLS("get_bills", "billing", "bill", false, Duration.ofHours(1),
            true, true),
    GET_INVENTORY_LEDGER("get_inventory_ledger",
            "inventory/ledger", "inventory_ledger", false, Duration.ofHours(1),
            true, true),
    GET_LABOR_ACTIVITIES("get_labor_activities",
            "labor-activities", "labor_activity", false,
            Duration.ofHours(1), true,
            false),
    GET_WAREHOUSES("get_warehouses", "warehouses",
            "warehouse", true, Duration.ofHours(12), true,
            false),
    GET_WAREHOUSE_LOCATIONS(
            "get_warehouse_locations",
            "warehouses/{warehouse_id}/locations",
            "warehouse-location", true,
            Duration.ofHours(12), true,
            false),
    GET_WAREHOUSE_CUSTOMERS(
            "get_warehouse_customers",
            "warehouse-customers",
            "warehouse-customer", true,
            Duration.ofHours(12), true,
            false),
    GET_SHIPPING_METHODS(
            "get_shipping_methods",
            "shipping-methods",
            "shipping-method", true,
            Duration.ofHours(12),
            true,
            false),
    GET_ORDER_CHANNELS(
            "get_order_channels",
            "orders/channels",
            null, true,
            Duration.ofHours(
                    12),
            false,
            false),
    GET_INBOUND_SHIPMENT_SUPPLIERS(
            "get_inbound_shipment_suppliers",
            "inbound-shipments/suppliers",
            null, true,
            Duration.ofHours(
                    12),
            false,
            false),
    GET_ORDER_PACKS(
            "get_order_packs",
            "orders/{order_id}/packs",
            null,
            false,
            Duration.ofHours(
                    1),
            false,
            false);

    private final String value;
    private final String path;
    private final String webhookResource;
    private final boolean snapshot;
    private final Duration defaultFrequency;
    private final boolean clientVisible;
    private final boolean onDemand;

    WmsFunction(String value, String path, String webhookResource, boolean snapshot, Duration defaultFrequency,
            boolean clientVisible, boolean onDemand) {
        this.value = value;
        this.path = path;
        this.webhookResource = webhookResource;
        this.snapshot = snapshot;
        this.defaultFrequency = defaultFrequency;
        this.clientVisible = clientVisible;
        this.onDemand = onDemand;
    }

    /** The wire and database value, such as {@code get_orders}. */
    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** The read path under {@code /wms/}, such as {@code orders} or {@code inventory/ledger}. */
    public String path() {
        return path;
    }

    /** The webhook resource ({@code order} for {@code order.created}); empty for functions without record events. */
    public Optional<String> webhookResource() {
        return Optional.ofNullable(webhookResource);
    }

    /**
     * True when the system can only give the whole current set (inventory, warehouses, ...): every run fetches all of
     * it, and a complete run's unseen records are soft-deleted.
     */
    public boolean snapshot() {
        return snapshot;
    }

    /** Trackstar's default schedule; each is configurable ({@code switchboard.sync.frequency.<value>}). */
    public Duration defaultFrequency() {
        return defaultFrequency;
    }

    /** True for the functions a client may name ({@code functions_to_sync}, {@code sync_schedules}). */
    public boolean clientVisible() {
        return clientVisible;
    }

    /** True for the functions {@code POST /connections/on-demand-syncs} may back-fill. */
    public boolean onDemand() {
        return onDemand;
    }

    public static Optional<WmsFunction> find(String value) {
        return WireValue.find(WmsFunction.class, value);
    }
}
