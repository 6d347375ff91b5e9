package dev.switchboard.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an integration can do through the unified API. List actions read ({@code GET /<type>/<resource>}); write
 * actions change the customer's system; their fields are in {@link WriteSchemas}.
 */
@RegisterForReflection
public enum Action implements WireValue {

    GET_INVENTORY("get_inventory", "GET", "/inventory",
            List.of("id", "sku", "name", "onhand", "committed", "fulfillable", "unfulfillable", "unsellable",
                    "sellable", "awaiting", "inventory_by_warehouse_id", "created_date", "updated_date")),
    ADJUST_INVENTORY("adjust_inventory", "PUT", "/inventory/{inventory_id}/adjust"),
    GET_PRODUCTS("get_products", "GET", "/products",
            List.of("id", "sku", "name", "gtin", "unit_price", "is_kit", "active", "created_date", "updated_date")),
    CREATE_PRODUCT("create_product", "POST", "/products"),
    UPDATE_PRODUCT("update_product", "PUT", "/products/{product_id}"),
    GET_INBOUND_SHIPMENT("get_inbound_shipment", "GET", "/inbound-shipments",
            List.of("id", "warehouse_id", "purchase_order_number", "status", "line_items", "expected_arrival_date",
                    "created_date", "updated_date")),
    CREATE_INBOUND_SHIPMENT("create_inbound_shipment", "POST", "/inbound-shipments"),
    UPDATE_INBOUND_SHIPMENT("update_inbound_shipment", "PUT", "/inbound-shipments/{inbound_shipment_id}"),
    RECEIVE_INBOUND_SHIPMENT("receive_inbound_shipment", "PUT", "/inbound-shipments/{inbound_shipment_id}/receive"),
    GET_ORDERS("get_orders", "GET", "/orders",
            List.of("id", "order_number", "status", "channel", "line_items", "ship_to_address", "shipments",
                    "created_date", "updated_date")),
    CREATE_ORDER("create_order", "POST", "/orders"),
    UPDATE_ORDER("update_order", "PUT", "/orders/{order_id}"),
    CANCEL_ORDER("cancel_order", "PUT", "/orders/{order_id}/cancel"),
    CREATE_ORDER_SHIPMENT("create_order_shipment", "POST", "/orders/{order_id}/shipments"),
    CREATE_KIT("create_kit", "POST", "/kits"),
    UPDATE_KIT("update_kit", "PUT", "/kits/{kit_id}"),
    GET_RETURNS("get_returns", "GET", "/returns",
            List.of("id", "order_id", "status", "line_items", "tracking_numbers", "created_date", "updated_date")),
    CREATE_RETURN("create_return", "POST", "/returns"),
    UPDATE_RETURN("update_return", "PUT", "/returns/{return_id}"),
    GET_SHIPPING_METHODS("get_shipping_methods", "GET", "/shipping-methods",
            List.of("id", "name", "carrier", "service_level", "active")),
    GET_BILLS("get_bills", "GET", "/bills",
            List.of("id", "bill_number", "amount", "currency", "line_items", "period_start", "period_end")),
    GET_WAREHOUSES("get_warehouses", "GET", "/warehouses", List.of("id", "name", "address", "active")),
    GET_WAREHOUSE_CUSTOMERS("get_warehouse_customers", "GET", "/warehouse-customers",
            List.of("id", "name", "active")),
    GET_LABOR_ACTIVITIES("get_labor_activities", "GET", "/labor-activities",
            List.of("id", "activity_type", "user", "warehouse_id", "started_at", "ended_at"));

    private final String value;
    private final String method;
    private final String path;
    private final List<String> listFields;

    /** A list action and the fields its records carry. */
    Action(String value, String method, String path, List<String> listFields) {
        this.value = value;
        this.method = method;
        this.path = path;
        this.listFields = listFields;
    }

    /**
     * A write action. Its fields (required, optional, integration-specific) are data: {@link WriteSchemas}, from the
     * reference OpenAPI's request schemas.
     */
    Action(String value, String method, String path) {
        this(value, method, path, null);
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    public boolean isWrite() {
        return listFields == null;
    }

    /** The unified-API endpoint, such as {@code GET /wms/inventory}. */
    public String endpoint(IntegrationType type) {
        return method + " /" + type.value() + path;
    }

    public List<String> listFields() {
        return listFields == null ? List.of() : listFields;
    }

    /** The unified-API path below the type, such as {@code /orders/{order_id}/cancel}. */
    public String path() {
        return path;
    }

    public String method() {
        return method;
    }

    public static Optional<Action> find(String value) {
        return WireValue.find(Action.class, value);
    }

    /** Marks every list field implemented: the catalog only lists what an integration really returns. */
    Map<String, Object> implementedFields() {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        listFields().forEach(field -> fields.put(field, true));
        return fields;
    }
}
