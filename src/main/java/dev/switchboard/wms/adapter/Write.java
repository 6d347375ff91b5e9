package dev.switchboard.wms.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.wms.WmsFunction;

/**
 * A write of Trackstar's unified WMS API, forwarded to the system synchronously ({@link WmsAdapter#write}).
 */
public final class Write {

    private Write() {
    }

    /**
     * What to write: the action, the system's id of the record it changes (null for a create), and the body's fields
     * the integration takes, already checked against its schema ({@code catalog.WriteSchemas}): no nulls, no empty
     * strings, right types, required fields present, {@code trackstar_tags} removed (Switchboard keeps those).
     */
    public record Request(Action action, String recordId, ObjectNode body) {
    }

    /**
     * What the system holds after the write, in Trackstar's read schema of {@code function} (as a sync would store
     * it): the store takes it at once, and its webhook fires.
     */
    public record Result(WmsFunction function, ObjectNode record) {
    }

    /** The function whose records an action writes. */
    public static WmsFunction functionOf(Action action) {
        return switch (action) {
            case CREATE_ORDER, UPDATE_ORDER, CANCEL_ORDER, CREATE_ORDER_SHIPMENT -> WmsFunction.GET_ORDERS;
            case CREATE_PRODUCT, UPDATE_PRODUCT, CREATE_KIT, UPDATE_KIT -> WmsFunction.GET_PRODUCTS;
            case CREATE_INBOUND_SHIPMENT, UPDATE_INBOUND_SHIPMENT, RECEIVE_INBOUND_SHIPMENT ->
                WmsFunction.GET_INBOUND_SHIPMENTS;
            case CREATE_RETURN, UPDATE_RETURN -> WmsFunction.GET_RETURNS;
            case ADJUST_INVENTORY -> WmsFunction.GET_INVENTORY;
            default -> throw new IllegalArgumentException(action + " is not a write");
        };
    }
}
