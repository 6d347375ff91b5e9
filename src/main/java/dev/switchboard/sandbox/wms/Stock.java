package dev.switchboard.sandbox.wms;

import java.util.List;

/**
 * Every inventory item's quantities per warehouse at one instant, summed from the world's history: the opening
 * balance, plus inbound receipts and restocked returns, minus shipped units (exactly the inventory ledger), with the
 * unshipped units of open orders committed. One pass over the orders; nothing is kept between calls.
 */
final class Stock {

    final int[][] onhand;
    final int[][] committed;
    final int[][] awaiting;
    final long[] updated;

    private Stock(int items, int warehouses) {
        onhand = new int[items][warehouses];
        committed = new int[items][warehouses];
        awaiting = new int[items][warehouses];
        updated = new long[items];
    }

    static Stock at(World world, long now, SimEvents events) {
        int items = world.simpleProducts();
        int warehouses = world.warehouses.length;
        Stock stock = new Stock(items, warehouses);
        long opening = world.openingBalanceAt();
        for (int i = 0; i < items; i++) {
            for (int w = 0; w < warehouses; w++) {
                stock.onhand[i][w] = world.openingBalance(i, w);
            }
            stock.updated[i] = opening;
        }
        long orders = world.ordersUpTo(now);
        for (long n = 0; n < orders; n++) {
            World.OrderPlan order = world.order(n, events.forOrder(n));
            int w = order.warehouse;
            long touched = order.updatedAt(now);
            int shipped = order.shipmentsAt(now);
            for (int s = 0; s < shipped; s++) {
                int[] quantities = order.shipQuantities[s];
                for (int line = 0; line < quantities.length; line++) {
                    if (quantities[line] > 0) {
                        world.expand(order.lineProducts[line], quantities[line],
                                (item, units, kit) -> stock.onhand[item][w] -= units);
                    }
                }
            }
            World.OrderStatus status = order.statusAt(now);
            if (status.commits()) {
                int[] remaining = order.remaining(now);
                for (int line = 0; line < remaining.length; line++) {
                    if (remaining[line] > 0) {
                        world.expand(order.lineProducts[line], remaining[line],
                                (item, units, kit) -> stock.committed[item][w] += units);
                    }
                }
            }
            for (int line = 0; line < order.lineProducts.length; line++) {
                world.expand(order.lineProducts[line], 1,
                        (item, units, kit) -> stock.updated[item] = Math.max(stock.updated[item], touched));
            }
            World.ReturnPlan ret = world.returnOf(order, events.forReturn(n));
            if (ret != null && ret.restocked(now) > 0) {
                stock.onhand[ret.item][w] += ret.restocked(now);
                stock.updated[ret.item] = Math.max(stock.updated[ret.item], ret.receivedAt(now));
            }
        }
        long inbound = world.inboundUpperBound(now);
        for (long k = 0; k < inbound; k++) {
            World.InboundPlan plan = world.inbound(k);
            if (plan.created > now) {
                continue;
            }
            int w = plan.warehouse;
            int receipts = plan.receiptsAt(now);
            World.ArrivalStatus status = plan.statusAt(now);
            for (int i = 0; i < plan.items.length; i++) {
                int item = plan.items[i];
                int received = 0;
                for (int r = 0; r < receipts; r++) {
                    received += plan.receiptQuantities[r][i];
                    stock.updated[item] = Math.max(stock.updated[item], plan.receiptTimes[r]);
                }
                stock.onhand[item][w] += received;
                if (status != World.ArrivalStatus.CANCELLED && status != World.ArrivalStatus.RECEIVED) {
                    stock.awaiting[item][w] += plan.expected[i] - received;
                }
            }
        }
        return stock;
    }

    /** The simulation events of one connection, by the index of the order or return they touch. */
    interface SimEvents {

        List<SimEvent> forOrder(long n);

        List<SimEvent> forReturn(long n);
    }
}
