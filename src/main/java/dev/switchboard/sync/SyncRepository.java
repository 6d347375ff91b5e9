package dev.switchboard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.switchboard.common.WireValue;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.http.PageToken;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;

/**
 * The sync engine's SQL over {@code sync_schedule}, {@code sync_run} and {@code on_demand_sync}, in plain JDBC on the
 * caller's connection (and so its transaction). Every statement names the connection first.
 */
final class SyncRepository {

    static final String SCHEDULE_LANE = "schedule";
    /** How a run's id is shown: {@code run_<n>}. */
    static final String RUN_ID_PREFIX = "run_";

    /** A (connection, function) schedule row. */
    record Schedule(String connectionId, WmsFunction function, Tenant tenant, boolean enabled, int frequencySeconds,
            Instant highWaterMark, Instant initialWindowStart, boolean historicalSyncCompleted, Instant lastCrawlStart,
            Instant lastCrawlEnd, Instant oldestDataDate, Instant newestDataDate, String blockedReason,
            String lastError, int consecutiveFailures, boolean running) {
    }

    /** A sync_run row. */
    record Run(String connectionId, long id, Tenant tenant, WmsFunction function, String lane, String kind,
            String status, Instant windowSince, Instant windowUntil, String pageCursor, String owner, int attempts,
            int pages, int created, int updated, int unchanged, int deleted, Instant oldestDataDate,
            Instant newestDataDate, String error, Instant startedAt, Instant endedAt) {
    }

    /** An on_demand_sync row. */
    record Job(String connectionId, String id, Tenant tenant, WmsFunction function, Instant startTime, Instant endTime,
            String status, String error, Instant createdAt, Instant updatedAt) {
    }

    private SyncRepository() {
    }

    // --- schedules ------------------------------------------------------------------------------------------------

    static void insertSchedules(Connection c, Tenant tenant, String connectionId, Collection<WmsFunction> functions,
            Instant initialWindowStart, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into sync_schedule (connection_id, function, organization_id, environment, frequency_seconds,
                                           initial_window_start, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (connection_id, function) do nothing""")) {
            for (WmsFunction function : functions) {
                s.setString(1, connectionId);
                s.setString(2, function.value());
                s.setString(3, tenant.organizationId());
                s.setString(4, tenant.environment().value());
                s.setInt(5, (int) SyncConfig.frequency(function).toSeconds());
                s.setTimestamp(6, ts(initialWindowStart));
                s.setTimestamp(7, ts(now));
                s.setTimestamp(8, ts(now));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static final String SCHEDULE_COLUMNS = """
            s.connection_id, s.function, s.organization_id, s.environment, s.enabled, s.frequency_seconds,
            s.high_water_mark, s.initial_window_start, s.historical_sync_completed, s.last_crawl_start,
            s.last_crawl_end, s.oldest_data_date, s.newest_data_date, s.blocked_reason, s.last_error,
            s.consecutive_failures,
            exists (select 1 from sync_run r where r.connection_id = s.connection_id and r.function = s.function
                     and r.lane = 'schedule' and r.status = 'running') as running""";

    /** The schedule, locked ({@code FOR UPDATE}) or shared ({@code FOR SHARE}) as asked; empty when there is none. */
    static Optional<Schedule> schedule(Connection c, String connectionId, WmsFunction function, String lock)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + SCHEDULE_COLUMNS
                + " from sync_schedule s where s.connection_id = ? and s.function = ?"
                + (lock == null ? "" : " for " + lock + " of s"))) {
            s.setString(1, connectionId);
            s.setString(2, function.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(schedule(r)) : Optional.empty();
            }
        }
    }

    /** The schedules of some connections, in function order. */
    static List<Schedule> schedules(Connection c, Collection<String> connectionIds) throws SQLException {
        List<Schedule> out = new ArrayList<>();
        if (connectionIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement("select " + SCHEDULE_COLUMNS
                + " from sync_schedule s where s.connection_id = any(?) order by s.connection_id, s.function")) {
            s.setArray(1, c.createArrayOf("text", connectionIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(schedule(r));
                }
            }
        }
        return out;
    }

    private static Schedule schedule(ResultSet r) throws SQLException {
        return new Schedule(r.getString(1), WmsFunction.find(r.getString(2)).orElseThrow(),
                new Tenant(r.getString(3), WireValue.parse(Environment.class, r.getString(4))), r.getBoolean(5),
                r.getInt(6), instant(r, 7), instant(r, 8), r.getBoolean(9), instant(r, 10), instant(r, 11),
                instant(r, 12), instant(r, 13), r.getString(14), r.getString(15), r.getInt(16), r.getBoolean(17));
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        }
    }

    /** The first column of every row a statement returns (a query, or an update with {@code returning}). */
    static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    // --- runs -----------------------------------------------------------------------------------------------------

    private static final String RUN_COLUMNS = """
            connection_id, id, organization_id, environment, function, lane, kind, status, window_since, window_until,
            page_cursor, owner, attempts, pages, records_created, records_updated, records_unchanged, records_deleted,
            oldest_data_date, newest_data_date, error, started_at, ended_at""";

    static Optional<Run> runningRun(Connection c, String connectionId, WmsFunction function, String lane)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + RUN_COLUMNS + " from sync_run where connection_id = ?"
                + " and function = ? and lane = ? and status = 'running' for update")) {
            s.setString(1, connectionId);
            s.setString(2, function.value());
            s.setString(3, lane);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(run(r)) : Optional.empty();
            }
        }
    }

    static Optional<Run> run(Connection c, String connectionId, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + RUN_COLUMNS
                + " from sync_run where connection_id = ? and id = ?")) {
            s.setString(1, connectionId);
            s.setLong(2, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(run(r)) : Optional.empty();
            }
        }
    }

    static long countRunning(Connection c, String connectionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select count(*) from sync_run where connection_id = ? and status = 'running'")) {
            s.setString(1, connectionId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static Run insertRun(Connection c, Tenant tenant, String connectionId, WmsFunction function, String lane,
            String kind, Instant since, Instant until, String owner, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into sync_run (connection_id, organization_id, environment, function, lane, kind, status,
                                      window_since, window_until, owner, started_at)
                values (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?) returning""" + " " + RUN_COLUMNS)) {
            bind(s, connectionId, tenant.organizationId(), tenant.environment().value(), function.value(), lane, kind,
                    since, until, owner, now);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return run(r);
            }
        }
    }

    /**
     * Commits a page to the run, if {@code owner} still holds it and it is still running: the fencing that keeps an
     * instance which lost its lease from writing a page twice. Returns false when it does not.
     */
    static boolean commitPage(Connection c, String connectionId, long runId, String owner, String nextCursor,
            int created, int updated, int unchanged, Instant oldest, Instant newest) throws SQLException {
        return update(c, """
                update sync_run set page_cursor = ?, pages = pages + 1, records_created = records_created + ?,
                       records_updated = records_updated + ?, records_unchanged = records_unchanged + ?,
                       oldest_data_date = least(oldest_data_date, ?), newest_data_date = greatest(newest_data_date, ?)
                 where connection_id = ? and id = ? and owner = ? and status = 'running'""", nextCursor, created,
                updated, unchanged, oldest, newest, connectionId, runId, owner) == 1;
    }

    /** Ends a running run held by {@code owner} (null: whoever holds it); false when it was not running. */
    static boolean endRun(Connection c, String connectionId, long runId, String owner, String status, int deleted,
            String error, Instant now) throws SQLException {
        boolean ended = update(c, """
                update sync_run set status = ?, records_deleted = records_deleted + ?, error = ?, ended_at = ?,
                       page_cursor = null
                 where connection_id = ? and id = ? and status = 'running' and (?::text is null or owner = ?)""",
                status, deleted, error, now, connectionId, runId, owner, owner) == 1;
        if (ended) {
            SyncEngine.promoteWaiting(c, connectionId, now);
        }
        return ended;
    }

    /**
     * A keyset page of a connection's runs, newest first ({@code started_at desc, id desc}, index
     * {@code sync_run_page_idx}): those after {@code after} (the last run of the previous page) when given. A cursor
     * whose id is not {@code run_<n>} names no run and is a 422.
     */
    static List<Run> runs(Connection c, String connectionId, KeysetCursor after, WmsFunction function, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select " + RUN_COLUMNS + " from sync_run where connection_id = ?");
        List<Object> params = new ArrayList<>(List.of(connectionId));
        if (after != null) {
            sql.append(" and (started_at, id) < (?, ?)");
            params.add(after.createdAt());
            params.add(runId(after.id()));
        }
        if (function != null) {
            sql.append(" and function = ?");
            params.add(function.value());
        }
        sql.append(" order by started_at desc, id desc limit ?");
        params.add(limit);
        List<Run> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, params.toArray());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(run(r));
                }
            }
        }
        return out;
    }

    /** The number of a {@code run_<n>} id; a 422 at {@code query.page_token} for anything else. */
    private static long runId(String id) {
        if (id.startsWith(RUN_ID_PREFIX)) {
            try {
                return Long.parseLong(id.substring(RUN_ID_PREFIX.length()));
            } catch (NumberFormatException e) {
                // the 422 below
            }
        }
        throw PageToken.invalid("Invalid page token.");
    }

    private static Run run(ResultSet r) throws SQLException {
        return new Run(r.getString(1), r.getLong(2), new Tenant(r.getString(3), WireValue.parse(Environment.class,
                r.getString(4))), WmsFunction.find(r.getString(5)).orElseThrow(), r.getString(6), r.getString(7),
                r.getString(8), instant(r, 9), instant(r, 10), r.getString(11), r.getString(12), r.getInt(13),
                r.getInt(14), r.getInt(15), r.getInt(16), r.getInt(17), r.getInt(18), instant(r, 19), instant(r, 20),
                r.getString(21), instant(r, 22), instant(r, 23));
    }

    // --- on-demand jobs -------------------------------------------------------------------------------------------

    private static final String JOB_COLUMNS = """
            connection_id, id, organization_id, environment, function, start_time, end_time, status, error,
            created_at, updated_at""";

    static Job insertJob(Connection c, Tenant tenant, String connectionId, String id, WmsFunction function,
            Instant start, Instant end, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into on_demand_sync (connection_id, id, organization_id, environment, function, start_time,
                                            end_time, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning""" + " " + JOB_COLUMNS)) {
            bind(s, connectionId, id, tenant.organizationId(), tenant.environment().value(), function.value(), start,
                    end, now, now);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return job(r);
            }
        }
    }

    static Optional<Job> job(Connection c, String connectionId, String id, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + JOB_COLUMNS
                + " from on_demand_sync where connection_id = ? and id = ?" + (lock ? " for update" : ""))) {
            s.setString(1, connectionId);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(job(r)) : Optional.empty();
            }
        }
    }

    private static Job job(ResultSet r) throws SQLException {
        return new Job(r.getString(1), r.getString(2), new Tenant(r.getString(3), WireValue.parse(Environment.class,
                r.getString(4))), WmsFunction.find(r.getString(5)).orElseThrow(), instant(r, 6), instant(r, 7),
                r.getString(8), r.getString(9), instant(r, 10), instant(r, 11));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                s.setNull(i + 1, Types.NULL);
            } else if (p instanceof Instant instant) {
                s.setTimestamp(i + 1, ts(instant));
            } else if (p instanceof Integer n) {
                s.setInt(i + 1, n);
            } else if (p instanceof Long n) {
                s.setLong(i + 1, n);
            } else if (p instanceof Boolean b) {
                s.setBoolean(i + 1, b);
            } else {
                s.setString(i + 1, p.toString());
            }
        }
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
