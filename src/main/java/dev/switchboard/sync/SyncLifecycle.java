package dev.switchboard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.switchboard.connection.ConnectionService;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.ConnectionReinstalled;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;

/**
 * Connections come and go; their schedules follow, in the same transaction. A new connection gets one schedule per
 * function it syncs, due at once (its initial sync, {@code initial_sync_days} back); a reinstall unblocks what a
 * refused credential or permission blocked and adds new functions (paused schedules stay paused); a deletion drops
 * the schedules, cancels the runs and queues the purge of its records.
 */
@ApplicationScoped
public class SyncLifecycle {

    @Inject
    DataSource dataSource;
    @Inject
    SyncEngine engine;
    @Inject
    SyncFunctions functions;
    @Inject
    ConnectionService connections;
    @Inject
    ConnectionErrors errors;
    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    void onConnection(@Observes ConnectionEvent event) throws SQLException {
        if (ConnectionEvent.CREATED.equals(event.eventType())) {
            // Through Hibernate: flushes the new connection first.
            connections.findActive(event.tenant(), event.connectionId())
                    .ifPresent(c -> created(event.tenant(), c.id, c.integrationName, c.availableActions));
        } else if (ConnectionEvent.DELETED.equals(event.eventType())) {
            deleted(event.connectionId());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onReinstall(@Observes ConnectionReinstalled event) throws SQLException {
        Set<WmsFunction> synced = functions.synced(event.integrationName(), event.availableActions());
        Instant now = now();
        try (Connection c = dataSource.getConnection()) {
            // Functions the reinstall took away.
            List<SyncRepository.Schedule> existing = SyncRepository.schedules(c, List.of(event.connectionId()));
            for (SyncRepository.Schedule schedule : existing) {
                if (!synced.contains(schedule.function())) {
                    SyncRepository.update(c, "delete from sync_schedule where connection_id = ? and function = ?",
                            event.connectionId(), schedule.function().value());
                    engine.unschedule(event.connectionId(), schedule.function());
                }
            }
            SyncRepository.insertSchedules(c, event.tenant(), event.connectionId(), synced,
                    initialWindowStart(c, event.tenant(), now), now);
            errors.reinstalled(c, event.tenant(), event.connectionId(), synced);
            SyncRepository.update(c, """
                    update sync_schedule set blocked_reason = null, last_error = null, consecutive_failures = 0,
                           updated_at = ?
                     where connection_id = ? and blocked_reason is not null""", now, event.connectionId());
            for (SyncRepository.Schedule schedule : SyncRepository.schedules(c, List.of(event.connectionId()))) {
                if (!schedule.enabled()) {
                    continue;
                }
                if (existing.stream().anyMatch(e -> e.function() == schedule.function() && e.blockedReason() != null)) {
                    // A function blocked by a refused permission keeps a task due hours ahead: run it now.
                    engine.runNow(event.connectionId(), schedule.function(), "scheduled");
                } else {
                    engine.ensureScheduled(event.connectionId(), schedule.function(), now);
                }
            }
        }
    }

    private void created(Tenant tenant, String connectionId, String integrationName, List<String> actions) {
        Set<WmsFunction> synced = functions.synced(integrationName, actions);
        if (synced.isEmpty()) {
            return; // no adapter: the connection has no schedules
        }
        Instant now = now();
        try (Connection c = dataSource.getConnection()) {
            SyncRepository.insertSchedules(c, tenant, connectionId, synced, initialWindowStart(c, tenant, now), now);
        } catch (SQLException e) {
            throw new IllegalStateException("creating the sync schedules of " + connectionId + " failed", e);
        }
        for (WmsFunction function : synced) {
            engine.ensureScheduled(connectionId, function, now);
        }
    }

    private void deleted(String connectionId) throws SQLException {
        Instant now = now();
        try (Connection c = dataSource.getConnection()) {
            SyncRepository.update(c, "delete from sync_schedule where connection_id = ?", connectionId);
            ConnectionErrors.connectionDeleted(c, connectionId);
            SyncRepository.update(c, """
                    update sync_run set status = 'cancelled', error = 'The connection was deleted.', ended_at = ?,
                           page_cursor = null
                     where connection_id = ? and status = 'running'""", now, connectionId);
            SyncRepository.update(c,
                    """
                            update on_demand_sync set status = 'cancelled', error = 'The connection was deleted.', updated_at = ?
                             where connection_id = ? and status = 'open'""",
                    now, connectionId);
            SyncEngine.dropIdleTasks(c, connectionId);
        }
        engine.schedulePurge(connectionId);
    }

    /** now - the organization's initial_sync_days (30 unless it says otherwise). */
    static Instant initialWindowStart(Connection c, Tenant tenant, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select initial_sync_days from organization where id = ?")) {
            s.setString(1, tenant.organizationId());
            try (ResultSet r = s.executeQuery()) {
                int days = r.next() ? r.getInt(1) : 30;
                return now.minus(Duration.ofDays(days));
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
