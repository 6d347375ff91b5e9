package dev.switchboard.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import dev.switchboard.wms.WmsFunction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A run that ends frees a slot under its connection's cap, and the connection's tasks that found the cap full and wait
 * ({@link SyncRunner#CAP_WAIT}) become due at once ({@link SyncEngine#promoteWaiting}); nothing else moves: tasks due
 * later, executing tasks, and other connections' tasks.
 */
@QuarkusTest
class CapWaitTest {

    @Inject
    SyncTesting testing;
    @Inject
    DataSource dataSource;

    @Test
    void endingARunMakesOnlyTheConnectionsCapWaitersDue() throws SQLException {
        SyncTesting.Made conn = testing.connect(Fixtures.newOrganization().id(), List.of("get_orders"));
        SyncTesting.Made other = testing.connect(Fixtures.newOrganization().id(), List.of("get_orders"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant waiting = now.plus(SyncRunner.CAP_WAIT).minusSeconds(2);
        Instant hourly = now.plus(Duration.ofHours(1));
        try (Connection c = dataSource.getConnection()) {
            task(c, "wms-sync", conn.connectionId() + "|get_inventory", waiting, false);
            task(c, "wms-on-demand-sync", conn.connectionId() + "|sod_1", waiting, false);
            task(c, "wms-sync", conn.connectionId() + "|get_products", hourly, false);
            task(c, "wms-sync", conn.connectionId() + "|get_returns", waiting, true);
            task(c, "wms-sync", other.connectionId() + "|get_inventory", waiting, false);

            SyncRepository.Run run = SyncRepository.insertRun(c, conn.tenant(), conn.connectionId(),
                    WmsFunction.GET_ORDERS, SyncRepository.SCHEDULE_LANE, "initial", null, null, "owner", now);
            assertTrue(SyncRepository.endRun(c, conn.connectionId(), run.id(), "owner", "succeeded", 0, null, now));

            assertEquals(now, due(c, "wms-sync", conn.connectionId() + "|get_inventory"));
            assertEquals(now, due(c, "wms-on-demand-sync", conn.connectionId() + "|sod_1"));
            assertEquals(hourly, due(c, "wms-sync", conn.connectionId() + "|get_products"), "due later: untouched");
            assertEquals(waiting, due(c, "wms-sync", conn.connectionId() + "|get_returns"), "executing: untouched");
            assertEquals(waiting, due(c, "wms-sync", other.connectionId() + "|get_inventory"), "another connection");

            // A run that was already over frees nothing.
            task(c, "wms-sync", conn.connectionId() + "|get_inventory", waiting, false);
            assertFalse(SyncRepository.endRun(c, conn.connectionId(), run.id(), "owner", "failed", 0, null, now));
            assertEquals(waiting, due(c, "wms-sync", conn.connectionId() + "|get_inventory"));
        }
    }

    private static void task(Connection c, String name, String instance, Instant at, boolean picked)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
                values (?, ?, ?, ?, 1)
                on conflict (task_name, task_instance) do update
                   set execution_time = excluded.execution_time, picked = excluded.picked""")) {
            s.setString(1, name);
            s.setString(2, instance);
            s.setTimestamp(3, Timestamp.from(at));
            s.setBoolean(4, picked);
            s.executeUpdate();
        }
    }

    private static Instant due(Connection c, String name, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")) {
            s.setString(1, name);
            s.setString(2, instance);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        }
    }
}
