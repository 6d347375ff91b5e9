package dev.switchboard.sandbox.wms;

import dev.switchboard.config.SwitchboardConfig;

/** The size of every sandbox world ({@code switchboard.sandbox.*}); a plain record so unit tests build worlds. */
public record SandboxSettings(int ordersPerDay, int historyDays, int products, int kits, int warehouses,
        int locationsPerWarehouse, int warehouseCustomers, int returnPercent, int pageSize) {

    public SandboxSettings {
        if (ordersPerDay < 1 || historyDays < 0 || products < 2 || kits < 0 || warehouses < 1
                || locationsPerWarehouse < 1 || warehouseCustomers < 1 || products < 2 * warehouseCustomers
                || returnPercent < 0 || returnPercent > 100 || pageSize < 1) {
            throw new IllegalArgumentException("switchboard.sandbox settings out of range: " + this);
        }
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(40, 90, 40, 6, 3, 12, 2, 5, 500);
    }

    static SandboxSettings of(SwitchboardConfig.Sandbox config) {
        return new SandboxSettings(config.ordersPerDay(), config.historyDays(), config.products(), config.kits(),
                config.warehouses(), config.locationsPerWarehouse(), config.warehouseCustomers(),
                config.returnPercent(), config.pageSize());
    }

    public SandboxSettings withOrdersPerDay(int perDay) {
        return new SandboxSettings(perDay, historyDays, products, kits, warehouses, locationsPerWarehouse,
                warehouseCustomers, returnPercent, pageSize);
    }

    public SandboxSettings withPageSize(int size) {
        return new SandboxSettings(ordersPerDay, historyDays, products, kits, warehouses, locationsPerWarehouse,
                warehouseCustomers, returnPercent, size);
    }
}
