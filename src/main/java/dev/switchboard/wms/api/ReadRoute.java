package dev.switchboard.wms.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.switchboard.catalog.Action;
import dev.switchboard.wms.WmsFunction;

/**
 * The 26 routes of Trackstar's WMS read API and, in one place, which catalog {@link Action} gates each of them.
 *
 * <p>
 * The catalog's actions are coarser than the stored functions, and named differently in places: the catalog says
 * {@code get_inbound_shipment} where the function is {@code get_inbound_shipments}, and it has no action for the
 * ledger, locations, channels, suppliers or packs. Each of those is gated by the action of the record it belongs to:
 * <ul>
 * <li>{@code /orders/channels} and {@code /orders/{order_id}/packs}: {@code get_orders};</li>
 * <li>{@code /inventory/ledger}: {@code get_inventory};</li>
 * <li>{@code /inbound-shipments/suppliers}: {@code get_inbound_shipment};</li>
 * <li>{@code /warehouses/{warehouse_id}/locations[/{location_id}]}: {@code get_warehouses};</li>
 * <li>{@code /billing[/{bill_id}]}: {@code get_bills}.</li>
 * </ul>
 * A route whose action the connection's integration does not offer is 501, named by its {@link #function()} as
 * Trackstar words it ({@code Endpoint get_returns is not implemented for ShipBob}); one the link that installed the
 * connection disabled is 403.
 */
public enum ReadRoute {

    ORDERS("/wms/orders", WmsFunction.GET_ORDERS, Action.GET_ORDERS, true),
    ORDER("/wms/orders/{order_id}",
            WmsFunction.GET_ORDERS, Action.GET_ORDERS, false),
    ORDER_PACKS("/wms/orders/{order_id}/packs",
            WmsFunction.GET_ORDER_PACKS, Action.GET_ORDERS, false),
    ORDER_CHANNELS("/wms/orders/channels",
            WmsFunction.GET_ORDER_CHANNELS, Action.GET_ORDERS, true),
    INVENTORY("/wms/inventory",
            WmsFunction.GET_INVENTORY, Action.GET_INVENTORY,
            true),
    INVENTORY_ITEM("/wms/inventory/{inventory_id}", WmsFunction.GET_INVENTORY,
            Action.GET_INVENTORY, false),
    INVENTORY_LEDGER("/wms/inventory/ledger",
            WmsFunction.GET_INVENTORY_LEDGER, Action.GET_INVENTORY,
            true),
    PRODUCTS("/wms/products", WmsFunction.GET_PRODUCTS,
            Action.GET_PRODUCTS,
            true),
    PRODUCT("/wms/products/{product_id}",
            WmsFunction.GET_PRODUCTS, Action.GET_PRODUCTS,
            false),
    INBOUND_SHIPMENTS("/wms/inbound-shipments",
            WmsFunction.GET_INBOUND_SHIPMENTS,
            Action.GET_INBOUND_SHIPMENT,
            true),
    INBOUND_SHIPMENT(
            "/wms/inbound-shipments/{inbound_shipment_id}",
            WmsFunction.GET_INBOUND_SHIPMENTS,
            Action.GET_INBOUND_SHIPMENT,
            false),
    INBOUND_SHIPMENT_SUPPLIERS(
            "/wms/inbound-shipments/suppliers",
            WmsFunction.GET_INBOUND_SHIPMENT_SUPPLIERS,
            Action.GET_INBOUND_SHIPMENT,
            true),
    RETURNS(
            "/wms/returns",
            WmsFunction.GET_RETURNS,
            Action.GET_RETURNS,
            true),
    RETURN(
            "/wms/returns/{return_id}",
            WmsFunction.GET_RETURNS,
            Action.GET_RETURNS,
            false),
    BILLS(
            "/wms/billing",
            WmsFunction.GET_BILLS,
            Action.GET_BILLS,
            true),
    BILL(
            "/wms/billing/{bill_id}",
            WmsFunction.GET_BILLS,
            Action.GET_BILLS,
            false),
    WAREHOUSES(
            "/wms/warehouses",
            WmsFunction.GET_WAREHOUSES,
            Action.GET_WAREHOUSES,
            true),
    WAREHOUSE(
            "/wms/warehouses/{warehouse_id}",
            WmsFunction.GET_WAREHOUSES,
            Action.GET_WAREHOUSES,
            false),
    WAREHOUSE_LOCATIONS(
            "/wms/warehouses/{warehouse_id}/locations",
            WmsFunction.GET_WAREHOUSE_LOCATIONS,
            Action.GET_WAREHOUSES,
            true),
    WAREHOUSE_LOCATION(
            "/wms/warehouses/{warehouse_id}/locations/{location_id}",
            WmsFunction.GET_WAREHOUSE_LOCATIONS,
            Action.GET_WAREHOUSES,
            false),
    WAREHOUSE_CUSTOMERS(
            "/wms/warehouse-customers",
            WmsFunction.GET_WAREHOUSE_CUSTOMERS,
            Action.GET_WAREHOUSE_CUSTOMERS,
            true),
    WAREHOUSE_CUSTOMER(
            "/wms/warehouse-customers/{warehouse_customer_id}",
            WmsFunction.GET_WAREHOUSE_CUSTOMERS,
            Action.GET_WAREHOUSE_CUSTOMERS,
            false),
    SHIPPING_METHODS(
            "/wms/shipping-methods",
            WmsFunction.GET_SHIPPING_METHODS,
            Action.GET_SHIPPING_METHODS,
            true),
    SHIPPING_METHOD(
            "/wms/shipping-methods/{shipping_method_id}",
            WmsFunction.GET_SHIPPING_METHODS,
            Action.GET_SHIPPING_METHODS,
            false),
    LABOR_ACTIVITIES(
            "/wms/labor-activities",
            WmsFunction.GET_LABOR_ACTIVITIES,
            Action.GET_LABOR_ACTIVITIES,
            true),
    LABOR_ACTIVITY(
            "/wms/labor-activities/{labor_activity_id}",
            WmsFunction.GET_LABOR_ACTIVITIES,
            Action.GET_LABOR_ACTIVITIES,
            false);

    private final String path;
    private final WmsFunction function;
    private final Action action;
    private final boolean list;

    ReadRoute(String path, WmsFunction function, Action action, boolean list) {
        this.path = path;
        this.function = function;
        this.action = action;
        this.list = list;
    }

    /** The route as the reference OpenAPI writes it, such as {@code /wms/orders/{order_id}}. */
    public String path() {
        return path;
    }

    /** The stored function whose records the route serves ({@code wms_record.function}). */
    public WmsFunction function() {
        return function;
    }

    /** The catalog action that must be among the connection's available actions. */
    public Action action() {
        return action;
    }

    /** True for the list routes (envelope {@code data[]}, paging, filters). */
    public boolean list() {
        return list;
    }

    public static Optional<ReadRoute> byPath(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }

    public static List<ReadRoute> lists() {
        return Arrays.stream(values()).filter(ReadRoute::list).toList();
    }
}
