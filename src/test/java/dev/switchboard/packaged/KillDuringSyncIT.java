package dev.switchboard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.packaged.Api.Org;
import dev.switchboard.wms.WmsFunction;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * {@code kill -9} of the packaged service in the middle of a sandbox's initial sync (issue 14): the process is killed
 * while the orders run is between pages, a new process is started on the same database, and the run it left
 * {@code running} is taken over at its committed cursor and finishes. Nothing is lost (the sandbox numbers its orders
 * {@code ord_1, ord_2, ...} in arrival order, so every order of the window is stored, without a gap), nothing is
 * written twice (the runs' {@code records_created} add up to the stored records: no page was applied twice as new),
 * nothing stays {@code running}, and each client-visible function's {@code connection.historical-sync-completed} is one
 * event.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KillDuringSyncIT {

    /** A sandbox large enough that its orders take many pages: 30 days of 1,000 orders, 100 records a page. */
    private static final Map<String, String> ENV = Map.of(
            "SWITCHBOARD_ALLOW_INSECURE_LOCALHOST", "true",
            "SWITCHBOARD_WEBHOOKS_POLL_INTERVAL", "0.2S",
            "SWITCHBOARD_SANDBOX_ORDERS_PER_DAY", "1000",
            "SWITCHBOARD_SANDBOX_HISTORY_DAYS", "30",
            "SWITCHBOARD_SANDBOX_PAGE_SIZE", "100",
            "SWITCHBOARD_SYNC_POLL_INTERVAL", "0.5S",
            // A run whose heartbeats stop for 4 s (db-scheduler allows no fewer than 4 missed) is dead, so the new
            // process
            // takes it over soon after it starts.
            "SWITCHBOARD_SYNC_HEARTBEAT", "1S",
            "SWITCHBOARD_SYNC_MISSED_HEARTBEATS", "4");

    private static EmbeddedPostgres postgres;
    private static Receiver receiver;
    private static PackagedService first;
    private static PackagedService second;

    @BeforeAll
    static void start() throws Exception {
        PackagedService.assumePackaged();
        postgres = EmbeddedPostgres.builder().start();
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{ first, second, receiver, postgres }) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void a_sync_killed_mid_run_resumes_after_a_restart_and_loses_and_repeats_nothing() throws Exception {
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        first = PackagedService.start("sync-first", jdbcUrl, ENV);
        Org org = Api.newOrganization(first);
        assertEquals(201, Api.send("POST", first.url("/webhooks"), org.testKey(),
                Map.of("url", receiver.url(), "events", List.of("connection.historical-sync-completed"))).status());
        Api.Reply sandbox = Api.send("POST", first.url("/sandbox/generate-sandbox/wms"), org.testKey(), null);
        assertEquals(200, sandbox.status(), String.valueOf(sandbox.body()));
        String connection = sandbox.body().path("connection_id").asText();

        // Mid-run: the orders run has committed a few pages and has many left.
        await(() -> longValue("select coalesce(max(pages), 0) from sync_run where connection_id = ? "
                + "and function = 'get_orders' and status = 'running'", connection) >= 3, 600);
        first.kill();
        String killedRun = text("select id from sync_run where connection_id = ? and function = 'get_orders' "
                + "and status = 'running'", connection);
        long pagesAtKill = longValue("select pages from sync_run where id = cast(? as bigint) and connection_id = ?",
                killedRun,
                connection);
        assertTrue(killedRun != null, "the orders run was running when the process died");

        second = PackagedService.start("sync-second", jdbcUrl, ENV);
        await(() -> longValue("select count(*) from sync_run where connection_id = ? and status = 'running'",
                connection) == 0
                && longValue("select count(*) from sync_schedule where connection_id = ? "
                        + "and not historical_sync_completed", connection) == 0,
                900);

        // The killed run itself went on from its cursor and finished; no second initial run of orders was started.
        assertEquals("succeeded",
                text("select status from sync_run where id = cast(? as bigint) and connection_id = ?", killedRun,
                        connection));
        assertTrue(longValue("select pages from sync_run where id = cast(? as bigint) and connection_id = ?", killedRun,
                connection) > pagesAtKill);
        assertEquals(1, longValue("select count(*) from sync_run where connection_id = ? and function = 'get_orders' "
                + "and kind = 'initial'", connection));
        assertEquals(0, longValue("select count(*) from sync_run where connection_id = ? and status <> 'succeeded'",
                connection), "every run succeeded");

        // Nothing lost: the orders are ord_<n> in arrival order, all of them, without a gap.
        TreeSet<Long> numbers = new TreeSet<>();
        try (Connection db = database();
                PreparedStatement q = db.prepareStatement("select record_id from wms_record where connection_id = ? "
                        + "and function = 'get_orders' and deleted_at is null")) {
            q.setString(1, connection);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    numbers.add(Long.parseLong(rows.getString(1).substring("ord_".length())));
                }
            }
        }
        assertTrue(numbers.size() > 20 * 1000, "a month of orders: " + numbers.size());
        assertEquals(numbers.last() - numbers.first() + 1, numbers.size(), "no order missing between the first ("
                + numbers.first() + ") and the last (" + numbers.last() + ")");
        // Nothing twice: what the runs created adds up to what is stored, function by function.
        try (Connection db = database();
                PreparedStatement q = db.prepareStatement("select r.function, r.created, w.stored from "
                        + "(select function, sum(records_created) created from sync_run where connection_id = ? "
                        + "group by function) r join (select function, count(*) stored from wms_record "
                        + "where connection_id = ? group by function) w using (function)")) {
            q.setString(1, connection);
            q.setString(2, connection);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    assertEquals(rows.getLong("stored"), rows.getLong("created"), rows.getString("function"));
                }
            }
        }
        // One historical-sync-completed event per function Trackstar's clients see (a retry would repeat its id,
        // never make a new one).
        long visible = 0;
        try (Connection db = database();
                PreparedStatement q = db
                        .prepareStatement("select function from sync_schedule where connection_id = ?")) {
            q.setString(1, connection);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    visible += WmsFunction.find(rows.getString(1)).orElseThrow().clientVisible() ? 1 : 0;
                }
            }
        }
        long functions = visible;
        await(() -> ids(receiver.ofType("connection.historical-sync-completed")).size() >= functions, 120);
        assertEquals(functions, ids(receiver.ofType("connection.historical-sync-completed")).size());
    }

    private static Set<String> ids(List<Receiver.Received> received) {
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.webhookId()));
        return ids;
    }

    private static long longValue(String sql, String... params) {
        String value = text(sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String text(String sql, String... params) {
        try (Connection db = database(); PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setString(i + 1, params[i]);
            }
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
    }

    private static void await(BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + seconds + " s");
            }
            PackagedService.pause(200);
        }
    }
}
