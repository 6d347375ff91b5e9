package dev.switchboard.sync;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.catalog.Action;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.WmsAdapters;

/**
 * Which functions a connection syncs (the functions its integration's adapter offers, minus those the link disabled)
 * and which read routes answer for it. A function with its own catalog action follows that action; the others
 * follow their parent ({@code get_order_channels} and {@code get_order_packs} follow {@code get_orders}, locations
 * follow warehouses, the ledger follows inventory, suppliers follow inbound shipments). A connection whose integration
 * has no adapter syncs nothing.
 */
@ApplicationScoped
public class SyncFunctions {

    private static final Map<WmsFunction, WmsFunction> PARENT = Map.of(
            WmsFunction.GET_ORDER_CHANNELS, WmsFunction.GET_ORDERS,
            WmsFunction.GET_ORDER_PACKS, WmsFunction.GET_ORDERS,
            WmsFunction.GET_INBOUND_SHIPMENT_SUPPLIERS, WmsFunction.GET_INBOUND_SHIPMENTS,
            WmsFunction.GET_WAREHOUSE_LOCATIONS, WmsFunction.GET_WAREHOUSES,
            WmsFunction.GET_INVENTORY_LEDGER, WmsFunction.GET_INVENTORY);

    /** The read routes of each function (the reads API serves exactly these, under /wms). */
    private static final Map<WmsFunction, List<String>> ROUTES = Map.ofEntries(
            Map.entry(WmsFunction.GET_ORDERS, List.of("/orders", "/orders/{order_id}")),
            Map.entry(WmsFunction.GET_ORDER_CHANNELS, List.of("/orders/channels")),
            Map.entry(WmsFunction.GET_ORDER_PACKS, List.of("/orders/{order_id}/packs")),
            Map.entry(WmsFunction.GET_INVENTORY, List.of("/inventory", "/inventory/{inventory_id}")),
            Map.entry(WmsFunction.GET_INVENTORY_LEDGER, List.of("/inventory/ledger")),
            Map.entry(WmsFunction.GET_PRODUCTS, List.of("/products", "/products/{product_id}")),
            Map.entry(WmsFunction.GET_INBOUND_SHIPMENTS,
                    List.of("/inbound-shipments", "/inbound-shipments/{inbound_shipment_id}")),
            Map.entry(WmsFunction.GET_INBOUND_SHIPMENT_SUPPLIERS, List.of("/inbound-shipments/suppliers")),
            Map.entry(WmsFunction.GET_RETURNS, List.of("/returns", "/returns/{return_id}")),
            Map.entry(WmsFunction.GET_BILLS, List.of("/billing", "/billing/{bill_id}")),
            Map.entry(WmsFunction.GET_WAREHOUSES, List.of("/warehouses", "/warehouses/{warehouse_id}")),
            Map.entry(WmsFunction.GET_WAREHOUSE_LOCATIONS,
                    List.of("/warehouses/{warehouse_id}/locations",
                            "/warehouses/{warehouse_id}/locations/{location_id}")),
            Map.entry(WmsFunction.GET_WAREHOUSE_CUSTOMERS,
                    List.of("/warehouse-customers", "/warehouse-customers/{warehouse_customer_id}")),
            Map.entry(WmsFunction.GET_SHIPPING_METHODS,
                    List.of("/shipping-methods", "/shipping-methods/{shipping_method_id}")),
            Map.entry(WmsFunction.GET_LABOR_ACTIVITIES,
                    List.of("/labor-activities", "/labor-activities/{labor_activity_id}")));

    @Inject
    WmsAdapters adapters;

    /** The adapter of an integration, if Switchboard has one. */
    public Optional<WmsAdapter> adapter(String integrationName) {
        return adapters.find(integrationName);
    }

    /** The functions a connection of {@code integrationName} with these available actions syncs. */
    public Set<WmsFunction> synced(String integrationName, List<String> availableActions) {
        Set<WmsFunction> out = EnumSet.noneOf(WmsFunction.class);
        Optional<WmsAdapter> adapter = adapters.find(integrationName);
        if (adapter.isEmpty()) {
            return out;
        }
        for (WmsFunction function : adapter.get().functions()) {
            if (available(function, availableActions)) {
                out.add(function);
            }
        }
        return out;
    }

    /**
     * The {@code GET /wms/...} routes that answer for a connection (the deprecated {@code available_endpoints}): the
     * read API serves every route of a function the connection's available actions offer (from the store), so these
     * are the routes of those functions and of the functions that follow them, in the order of the actions.
     */
    public List<String> readEndpoints(String integrationType, String integrationName, List<String> availableActions) {
        List<String> out = new ArrayList<>();
        for (String action : availableActions) {
            for (WmsFunction function : WmsFunction.values()) {
                if (action(function).map(a -> a.value().equals(action)).orElse(false)) {
                    List<WmsFunction> with = new ArrayList<>(List.of(function));
                    PARENT.forEach((child, parent) -> {
                        if (parent == function) {
                            with.add(child);
                        }
                    });
                    with.subList(1, with.size()).sort(null);
                    for (WmsFunction f : with) {
                        for (String route : ROUTES.getOrDefault(f, List.of())) {
                            out.add("GET /" + integrationType + route);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The list route of a function as a connection error names it ({@code GET /wms/orders}), or of its parent for the
     * functions without one of their own.
     */
    public static String listEndpoint(String integrationType, WmsFunction function) {
        List<String> routes = ROUTES.get(function);
        if (routes == null) {
            WmsFunction parent = PARENT.get(function);
            return parent == null
                    ? "GET /" + integrationType + "/" + function.value().substring("get_".length())
                    : listEndpoint(integrationType, parent);
        }
        return "GET /" + integrationType + routes.get(0);
    }

    /** The functions synced along with {@code function} when a client names it ({@code get_orders}: its channels). */
    public static List<WmsFunction> withChildren(WmsFunction function, Set<WmsFunction> synced) {
        List<WmsFunction> out = new ArrayList<>(List.of(function));
        PARENT.forEach((child, parent) -> {
            if (parent == function && !child.clientVisible() && synced.contains(child)) {
                out.add(child);
            }
        });
        return out;
    }

    private static boolean available(WmsFunction function, List<String> availableActions) {
        Optional<Action> action = action(function);
        if (action.isPresent()) {
            return availableActions.contains(action.get().value());
        }
        WmsFunction parent = PARENT.get(function);
        return parent != null && available(parent, availableActions);
    }

    /** The catalog action of a function; the catalog spells inbound shipments in the singular. */
    static Optional<Action> action(WmsFunction function) {
        if (function == WmsFunction.GET_INBOUND_SHIPMENTS) {
            return Action.find("get_inbound_shipment");
        }
        return Action.find(function.value());
    }
}
