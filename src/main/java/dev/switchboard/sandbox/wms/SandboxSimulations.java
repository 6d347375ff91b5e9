package dev.switchboard.sandbox.wms;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.error.ApiException;
import dev.switchboard.tenant.Tenant;

/**
 * Trackstar's sandbox simulations: what a warehouse would do to an order or a return, done to a sandbox connection's
 * simulated WMS. Each is recorded as a {@link SimEvent}; the record changes at once in the simulated system (its
 * {@code updated_date} is the event's time) and reaches Switchboard's store with the next sync.
 */
@ApplicationScoped
public class SandboxSimulations {

    @Inject
    ConnectionService connections;
    @Inject
    SandboxAdapter adapter;
    @Inject
    SimulationStore store;
    @Inject
    Clock clock;

    /**
     * Ships the order's unshipped units (or, when {@code partial}, about half of them) now.
     *
     * @return the order as the simulated WMS now shows it
     * @throws ApiException 404 for an order the sandbox does not have; 409 for one already fulfilled or cancelled
     */
    @Transactional
    public ObjectNode fulfillOrder(Tenant tenant, String accessToken, String orderId, boolean partial) {
        Connection connection = sandboxConnection(tenant, accessToken);
        int recorded = store.lockAndCount(connection.id);
        long now = adapter.now();
        SandboxWms wms = adapter.wms(connection.id, tenant);
        World world = wms.world();
        EventIndex events = adapter.events(connection.id, now);
        long n = World.indexOf(orderId, "ord_");
        if (n < 0 || n >= world.ordersUpTo(now)) {
            throw ApiException.contractNotFound("Order not found", orderId);
        }
        World.OrderStatus status = world.order(n, events.forOrder(n)).statusAt(now);
        if (status == World.OrderStatus.FULFILLED || status == World.OrderStatus.CANCELLED) {
            throw ApiException.conflict(status == World.OrderStatus.FULFILLED
                    ? "ORDER_ALREADY_FULFILLED"
                    : "ORDER_CANCELLED",
                    "Order " + orderId + " is " + status.wire + "; only an order that is not "
                            + "fulfilled or cancelled can be fulfilled.");
        }
        record(tenant, connection.id, recorded, partial
                ? SimEvent.Kind.ORDER_PARTIAL_FULFILL
                : SimEvent.Kind.ORDER_FULFILL, orderId, now);
        EventIndex after = adapter.events(connection.id, now);
        return wms.records().order(world.order(n, after.forOrder(n)), now);
    }

    /**
     * Receives the return's units at the warehouse now (restocking those in good condition).
     *
     * @return the return as the simulated WMS now shows it
     * @throws ApiException 404 for a return the sandbox does not have; 409 for one already received or cancelled
     */
    @Transactional
    public ObjectNode receiveReturn(Tenant tenant, String accessToken, String returnId) {
        Connection connection = sandboxConnection(tenant, accessToken);
        int recorded = store.lockAndCount(connection.id);
        long now = adapter.now();
        SandboxWms wms = adapter.wms(connection.id, tenant);
        World world = wms.world();
        EventIndex events = adapter.events(connection.id, now);
        long n = World.indexOf(returnId, "rma_");
        World.ReturnPlan ret = n < 0 || n >= world.ordersUpTo(now)
                ? null
                : world.returnOf(world.order(n, events.forOrder(n)), events.forReturn(n));
        if (ret == null || ret.created > now) {
            throw ApiException.contractNotFound("Return not found", returnId);
        }
        World.ArrivalStatus status = ret.statusAt(now);
        if (status == World.ArrivalStatus.RECEIVED || status == World.ArrivalStatus.CANCELLED) {
            throw ApiException.conflict(status == World.ArrivalStatus.RECEIVED
                    ? "RETURN_ALREADY_RECEIVED"
                    : "RETURN_CANCELLED",
                    "Return " + returnId + " is " + status.wire + "; only a return that is not "
                            + "received or cancelled can be received.");
        }
        record(tenant, connection.id, recorded, SimEvent.Kind.RETURN_RECEIVE, returnId, now);
        EventIndex after = adapter.events(connection.id, now);
        return wms.records().returnRecord(world.returnOf(world.order(n, after.forOrder(n)), after.forReturn(n)), now);
    }

    private void record(Tenant tenant, String connectionId, int recorded, SimEvent.Kind kind, String recordId,
            long now) {
        if (recorded >= SimulationStore.MAX_EVENTS) {
            throw ApiException.conflict("SANDBOX_EVENT_LIMIT", "This sandbox has had " + SimulationStore.MAX_EVENTS
                    + " simulations; generate a new sandbox to simulate more.");
        }
        store.insert(tenant, connectionId, kind, recordId, now);
    }

    /** The access token's connection, which must be a WMS sandbox (401 for a bad token, 400 for another system). */
    private Connection sandboxConnection(Tenant tenant, String accessToken) {
        Connection connection = connections.byAccessToken(tenant, accessToken);
        if (connection.integrationType != IntegrationType.WMS
                || !SandboxAdapter.INTEGRATION_NAME.equals(connection.integrationName)) {
            throw new ApiException(400, "NOT_A_SANDBOX_CONNECTION", "Simulations work only on sandbox WMS "
                    + "connections; connection " + connection.id + " is a " + connection.integrationType.value() + "/"
                    + connection.integrationName + " connection.");
        }
        return connection;
    }
}
