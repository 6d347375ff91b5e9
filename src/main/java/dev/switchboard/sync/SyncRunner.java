package dev.switchboard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.common.Base62;
import dev.switchboard.common.WireValue;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.event.DataEvents;
import dev.switchboard.event.DataEvents.DataEvent;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.PageEnd;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.store.RecordStore;
import dev.switchboard.wms.store.RecordStore.PageResult;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Executes one run of one (connection, function), or a slice of it: page by page, each page's records, its webhooks
 * and the run's cursor committed in one transaction, until the last page or the time cap. What happens next is the
 * returned {@link Next}, which the job engine turns into the task's next execution time. Nothing here sleeps: a rate
 * limit becomes a later execution, so a worker is never held waiting.
 *
 * <p>
 * A run is held by a fencing token ({@code sync_run.owner}), taken afresh by every execution that starts or resumes it.
 * An instance that lost its lease (db-scheduler revived its execution elsewhere after its heartbeats stopped) finds
 * its token gone at its next page and rolls that page back, so no page is written twice and none is lost: the new
 * holder starts from the last committed cursor.
 */
@ApplicationScoped
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    /** What the job engine does with the task after an execution. */
    public record Next(Instant at, String kind) {

        /** The task is done: remove it. */
        static Next remove() {
            return new Next(null, null);
        }

        /** Another instance took the execution over: leave the task row to it. */
        static Next leave() {
            return new Next(null, "leave");
        }

        boolean removes() {
            return at == null && kind == null;
        }

        boolean leaves() {
            return at == null && "leave".equals(kind);
        }
    }

    /** The connection as the runner needs it. */
    record ConnectionRow(String id, Tenant tenant, String integrationName, String integrationType, boolean active,
            boolean webhooksDisabled) {
    }

    /** The page commit found that this execution no longer holds the run (taken over, cancelled, paused, deleted). */
    static final class LostRun extends RuntimeException {

        final boolean takenOver;

        LostRun(String why) {
            this(why, false);
        }

        LostRun(String why, boolean takenOver) {
            super(why, null, false, false);
            this.takenOver = takenOver;
        }
    }

    /**
     * How long a task that found its connection's cap full waits before trying again, unless a run of the connection
     * ends first ({@link SyncEngine#promoteWaiting}).
     */
    static final Duration CAP_WAIT = Duration.ofSeconds(15);

    /** The run kind of {@code POST /connections/sync}. */
    static final String FORCED = "forced";

    @Inject
    DataSource dataSource;
    @Inject
    RecordStore store;
    @Inject
    SyncFunctions functions;
    @Inject
    ConnectionService connections;
    @Inject
    SyncConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Event<DataEvents> dataEvents;
    @Inject
    Event<SyncBlocked> blocked;
    @Inject
    ConnectionErrors errors;
    @Inject
    SyncMetrics metrics;
    @Inject
    Clock clock;

    private ExecutorService prefetchPool;

    /**
     * Runs (or resumes) the scheduled lane of {@code (connectionId, function)}; {@code kind} is {@code scheduled} or
     * {@code forced} (a first run is {@code initial} whatever it says).
     */
    public Next runSchedule(String connectionId, WmsFunction function, String kind) {
        return run(connectionId, function, SyncRepository.SCHEDULE_LANE, kind, null);
    }

    /** Runs (or resumes) an on-demand back-fill. */
    public Next runOnDemand(String connectionId, String jobId) {
        Optional<SyncRepository.Job> job = tx(c -> SyncRepository.job(c, connectionId, jobId, false));
        if (job.isEmpty() || !"open".equals(job.get().status())) {
            return Next.remove();
        }
        return run(connectionId, job.get().function(), jobId, "on_demand", job.get());
    }

    private Next run(String connectionId, WmsFunction function, String lane, String kind, SyncRepository.Job job) {
        Instant started = now();
        String owner = Base62.random(16);
        Optional<ConnectionRow> connection = tx(c -> connection(c, connectionId));
        if (connection.isEmpty() || !connection.get().active()) {
            return Next.remove();
        }
        ConnectionRow conn = connection.get();
        Optional<WmsAdapter> adapter = functions.adapter(conn.integrationName());
        if (adapter.isEmpty() || !adapter.get().functions().contains(function)) {
            return Next.remove();
        }
        // 1. Take the run: resume the lane's running run, or start one (within the connection's cap).
        Start start = tx(c -> start(c, conn, function, lane, kind, job, owner, started));
        if (start.next() != null) {
            return start.next();
        }
        SyncRepository.Run run = start.run();
        boolean schedule = SyncRepository.SCHEDULE_LANE.equals(lane);
        Duration frequency = SyncConfig.frequency(function);
        AdapterContext context = new AdapterContext(conn.id(), conn.tenant(), conn.integrationName(),
                QuarkusTransaction.requiringNew().call(() -> connections.credentials(conn.tenant(), conn.id())),
                credentials -> QuarkusTransaction.requiringNew()
                        .run(() -> connections.updateCredentials(conn.tenant(), conn.id(), credentials)));
        SyncWindow window = new SyncWindow(run.windowSince(), run.windowUntil());
        RecordStore.Scope scope = new RecordStore.Scope(conn.tenant(), conn.id(), function);
        SyncWebhooks.Source source = source(conn);
        boolean initial = "initial".equals(run.kind());
        Instant deadline = started.plus(config.runTimeCap());
        String cursor = run.pageCursor();
        WmsAdapter system = adapter.get();
        Future<Fetched> ahead = prefetch(system, context, function, window, cursor);
        try {
            while (true) {
                Fetched page = await(ahead);
                // The next page is fetched while this one commits (see prefetch).
                ahead = page.end().isLast()
                        ? null
                        : prefetch(system, context, function, window, page.end().nextCursor());
                String pageCursor = cursor;
                Boolean done = tx(c -> commitPage(c, conn, scope, source, run, owner, pageCursor, page, initial,
                        schedule, job));
                if (done) {
                    metrics.run(function, "succeeded", Duration.between(run.startedAt(), now()));
                    return schedule ? new Next(now().plus(frequency), "scheduled") : Next.remove();
                }
                cursor = page.end().nextCursor();
                if (!now().isBefore(deadline)) {
                    metrics.run(function, "requeued", Duration.between(started, now()));
                    return new Next(now(), kind); // the time cap: the run stays resumable and goes on at once
                }
            }
        } catch (LostRun e) {
            LOG.infof("Sync run %d of %s %s stopped: %s", run.id(), conn.id(), function, e.getMessage());
            metrics.run(function, "lost", Duration.between(started, now()));
            return e.takenOver ? Next.leave() : lostNext(conn.id(), function, lane);
        } catch (AdapterException e) {
            return adapterFailure(conn, function, run, owner, job, e, frequency);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Sync run %d of %s %s failed", run.id(), conn.id(), function);
            return failed(conn, function, run, owner, job,
                    "Internal error while syncing: " + e.getClass().getSimpleName(),
                    frequency);
        } finally {
            if (ahead != null) {
                // A page fetched ahead that this execution will not commit (time cap, lost run, failure): dropped.
                // The next execution fetches it again from the committed cursor.
                ahead.cancel(false);
            }
        }
    }

    /** A fetched page, made ready for the store: its records' bytes, no longer their JSON trees, and where it ends. */
    record Fetched(RecordStore.PreparedPage records, PageEnd end) {
    }

    /**
     * Starts fetching a page on the prefetch pool, and prepares it for the store there, record by record as the adapter
     * hands them over ({@link WmsAdapter#streamPage}, {@link RecordStore.PageBuilder}).
     * A run fetches its next page while the current one commits, so the system's (or the sandbox's) work on page n + 1
     * overlaps the store's on page n: with the two in turn, one CPU or one side waited for the other, and a run alone
     * went at about half the speed its two sides allow (bench/sync.sh). At most one page is fetched ahead per run, so
     * a run holds at most two pages, as canonical bytes; a page fetched ahead of a commit that then fails, or of the
     * time cap, is one call to the system spent in vain.
     */
    private Future<Fetched> prefetch(WmsAdapter system, AdapterContext context, WmsFunction function,
            SyncWindow window, String cursor) {
        return prefetchPool.submit(() -> {
            RecordStore.PageBuilder records = new RecordStore.PageBuilder();
            PageEnd end = system.streamPage(context, function, window, cursor, records);
            return new Fetched(records.build(), end);
        });
    }

    private static Fetched await(Future<Fetched> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a page", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @PostConstruct
    void startPrefetchPool() {
        AtomicInteger n = new AtomicInteger();
        // One fetch ahead per running execution: as many threads as the job engine's.
        prefetchPool = Executors.newFixedThreadPool(Math.max(1, config.threads()), r -> {
            Thread t = new Thread(r, "sync-prefetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stopPrefetchPool() {
        prefetchPool.shutdownNow();
    }

    /** How often a function blocked by a refused permission is tried again (one call to the system each time). */
    static final Duration PERMISSION_RECHECK = Duration.ofHours(6);

    /** A block only a reinstall lifts (a refused permission is looked at again: {@link #PERMISSION_RECHECK}). */
    static boolean blockedForGood(String blockedReason) {
        return blockedReason != null && !AdapterException.Kind.PERMISSION_MISSING.name().equals(blockedReason);
    }

    /** After losing the run: keep the task only if the schedule still wants it (the new holder reschedules it). */
    private Next lostNext(String connectionId, WmsFunction function, String lane) {
        if (!SyncRepository.SCHEDULE_LANE.equals(lane)) {
            return Next.remove();
        }
        Optional<SyncRepository.Schedule> schedule = tx(c -> SyncRepository.schedule(c, connectionId, function, null));
        if (schedule.isEmpty() || !schedule.get().enabled() || schedule.get().blockedReason() != null) {
            return Next.remove();
        }
        return new Next(now().plus(SyncConfig.frequency(function)), "scheduled");
    }

    private record Start(SyncRepository.Run run, Next next) {
    }

    private Start start(Connection c, ConnectionRow conn, WmsFunction function, String lane, String kind,
            SyncRepository.Job job, String owner, Instant now) throws SQLException {
        Optional<SyncRepository.Schedule> found = SyncRepository.schedule(c, conn.id(), function, "update");
        if (found.isEmpty()) {
            return new Start(null, Next.remove());
        }
        SyncRepository.Schedule schedule = found.get();
        boolean scheduleLane = SyncRepository.SCHEDULE_LANE.equals(lane);
        if (scheduleLane && (!schedule.enabled() || blockedForGood(schedule.blockedReason()))) {
            return new Start(null, Next.remove());
        }
        if (!scheduleLane && schedule.blockedReason() != null) {
            failJob(c, conn, job.id(), schedule.blockedReason(), now);
            return new Start(null, Next.remove());
        }
        Optional<SyncRepository.Run> running = SyncRepository.runningRun(c, conn.id(), function, lane);
        if (running.isPresent()) {
            SyncRepository.update(c, "update sync_run set owner = ?, attempts = attempts + 1 where connection_id = ? "
                    + "and id = ?", owner, conn.id(), running.get().id());
            return new Start(SyncRepository.run(c, conn.id(), running.get().id()).orElseThrow(), null);
        }
        // The connection's cap, counted under a per-connection advisory lock so two instances cannot both pass it.
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            s.setString(1, "sync-connection:" + conn.id());
            s.execute();
        }
        if (SyncRepository.countRunning(c, conn.id()) >= config.maxRunsPerConnection()) {
            return new Start(null, new Next(now.plus(CAP_WAIT), kind));
        }
        String runKind;
        Instant since;
        Instant until;
        if (!scheduleLane) {
            runKind = "on_demand";
            since = job.startTime();
            until = job.endTime();
        } else {
            runKind = schedule.historicalSyncCompleted() ? kind : "initial";
            if (function.snapshot()) {
                since = null;
                until = null;
            } else if (schedule.historicalSyncCompleted() && schedule.highWaterMark() != null) {
                since = schedule.highWaterMark().minus(config.overlap());
                until = null;
            } else {
                since = schedule.initialWindowStart();
                until = null;
            }
            SyncRepository.update(c, "update sync_schedule set last_crawl_start = ?, updated_at = ? where "
                    + "connection_id = ? and function = ?", now, now, conn.id(), function.value());
        }
        return new Start(SyncRepository.insertRun(c, conn.tenant(), conn.id(), function, lane, runKind, since, until,
                owner, now), null);
    }

    /** One page in one transaction; true when it was the last and the run is complete. */
    private boolean commitPage(Connection c, ConnectionRow conn, RecordStore.Scope scope, SyncWebhooks.Source source,
            SyncRepository.Run run, String owner, String cursor, Fetched page, boolean initial, boolean scheduleLane,
            SyncRepository.Job job) throws SQLException {
        WmsFunction function = scope.function();
        // Holds the schedule row against a concurrent deletion or pause until this page commits.
        Optional<SyncRepository.Schedule> schedule = SyncRepository.schedule(c, conn.id(), function, "share");
        if (schedule.isEmpty()) {
            throw new LostRun("the connection was deleted");
        }
        if (scheduleLane && !schedule.get().enabled()) {
            SyncRepository.endRun(c, conn.id(), run.id(), owner, "cancelled", 0, "The schedule was paused.", now());
            throw new LostRun("the schedule was paused");
        }
        Instant now = now();
        Optional<ConnectionRow> current = connection(c, conn.id());
        boolean webhooksDisabled = current.map(ConnectionRow::webhooksDisabled).orElse(true);
        boolean recordEvents = !initial && !webhooksDisabled;
        PageResult result = store.applyPage(c, scope, run.id(), page.records(), now, recordEvents);
        if (!SyncRepository.commitPage(c, conn.id(), run.id(), owner, page.end().nextCursor(), result.created(),
                result.updated(), result.unchanged(), result.oldestUpdated(), result.newestUpdated())) {
            boolean takenOver = SyncRepository.run(c, conn.id(), run.id())
                    .map(r -> "running".equals(r.status()) && !owner.equals(r.owner())).orElse(false);
            throw new LostRun(takenOver ? "another instance took the run over" : "the run was cancelled", takenOver);
        }
        List<DataEvent> events = new ArrayList<>();
        if (recordEvents) {
            events.addAll(SyncWebhooks.recordEvents(json, source, function, result.changes()));
        }
        metrics.records(function, result.created(), result.updated(), result.unchanged());
        if (!page.end().isLast()) {
            fire(conn.tenant(), events);
            return false;
        }
        // The last page: the run is complete.
        int deleted = 0;
        if (function.snapshot() && scheduleLane) {
            deleted = store.deleteUnseen(c, conn.id(), function, run.id(), now);
            metrics.deleted(function, deleted);
        }
        SyncRepository.endRun(c, conn.id(), run.id(), owner, "succeeded", deleted, null, now);
        // The system answered the whole run: this function's refused permission or failures, and refused credentials,
        // are gone.
        errors.resolved(c, conn.tenant(), conn.id(), function, run.startedAt());
        if (scheduleLane) {
            SyncRepository.Run done = SyncRepository.run(c, conn.id(), run.id()).orElseThrow();
            Instant highWater = max(schedule.get().highWaterMark(),
                    max(done.newestDataDate(), page.end().highWaterMark()));
            SyncRepository.update(c,
                    """
                            update sync_schedule set high_water_mark = ?, last_crawl_end = ?, last_error = null,
                                   blocked_reason = nullif(blocked_reason, 'PERMISSION_MISSING'),
                                   consecutive_failures = 0, historical_sync_completed = true,
                                   oldest_data_date = coalesce(oldest_data_date, ?), newest_data_date = coalesce(newest_data_date, ?),
                                   updated_at = ?
                             where connection_id = ? and function = ?""",
                    highWater, now, done.oldestDataDate(),
                    done.newestDataDate(), now, conn.id(), function.value());
            // Connection-level events: sent even when webhooks_disabled (which stops record events only).
            if (initial && function.clientVisible()) {
                Instant fallback = done.windowSince() == null ? now : done.windowSince();
                events.add(SyncWebhooks.historicalSyncCompleted(json, source, function, done.oldestDataDate(),
                        done.newestDataDate(), fallback));
            }
            if (FORCED.equals(done.kind()) && function.clientVisible()) {
                events.add(SyncWebhooks.forceSyncCompleted(json, source, done));
            }
        } else if (job != null) {
            if (SyncRepository.update(c, "update on_demand_sync set status = 'completed', updated_at = ? where "
                    + "connection_id = ? and id = ? and status = 'open'", now, conn.id(), job.id()) == 1) {
                events.add(SyncWebhooks.syncJobCompleted(json, source,
                        SyncRepository.job(c, conn.id(), job.id(), false).orElseThrow()));
            }
        }
        fire(conn.tenant(), events);
        return true;
    }

    private Next adapterFailure(ConnectionRow conn, WmsFunction function, SyncRepository.Run run, String owner,
            SyncRepository.Job job, AdapterException e, Duration frequency) {
        switch (e.kind()) {
            case RATE_LIMITED -> {
                // The run stays running with its cursor; the next execution resumes it after the wait.
                Duration wait = e.retryAfter() == null ? Duration.ofMinutes(1) : e.retryAfter();
                metrics.run(function, "rate_limited", Duration.ZERO);
                tx(c -> SyncRepository.update(c, "update sync_run set error = ? where connection_id = ? and id = ?",
                        "Rate limited by the system; resuming after " + wait.toSeconds() + " s.", conn.id(), run.id()));
                return new Next(now().plus(wait), job == null ? "scheduled" : "on_demand");
            }
            case CREDENTIALS_REJECTED, PERMISSION_MISSING -> {
                boolean everyFunction = e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED;
                String message = e.getMessage();
                tx(c -> {
                    Instant now = now();
                    boolean ended = SyncRepository.endRun(c, conn.id(), run.id(), owner, "failed", 0, message, now);
                    if (job != null) {
                        failJob(c, conn, job.id(), message, now);
                    } else if (ended) {
                        forcedRunEnded(c, conn, run.id());
                    }
                    block(c, conn, function, e, null, now);
                    return null;
                });
                metrics.run(function, "blocked", Duration.between(run.startedAt(), now()));
                // Refused credentials wait for a reinstall. A refused permission may be granted in the system without
                // one: the schedule looks again now and then, and a complete run clears the block and the error.
                return everyFunction || job != null
                        ? Next.remove()
                        : new Next(now().plus(PERMISSION_RECHECK),
                                "scheduled");
            }
            default -> {
                return failed(conn, function, run, owner, job, e.getMessage(), frequency);
            }
        }
    }

    /**
     * The system refused the connection's credentials ({@code CREDENTIALS_REJECTED}: every function stops, with its
     * open back-fills and idle tasks, until a reinstall) or one function's permission ({@code PERMISSION_MISSING}:
     * that function's schedule stops): the one rule of a refusal, for a sync run and for a write or passthrough that
     * met
     * one ({@link RefusedCalls}). Fires {@link SyncBlocked} (the connection error) in the caller's transaction.
     * {@code endpoint} is the unified route of a call outside a sync, null for a run.
     */
    void block(Connection c, ConnectionRow conn, WmsFunction function, AdapterException e, String endpoint,
            Instant now) throws SQLException {
        boolean everyFunction = e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED;
        String message = e.getMessage();
        SyncRepository.update(c, "update sync_schedule set blocked_reason = ?, last_error = ?, "
                + "last_crawl_end = ?, updated_at = ? where connection_id = ?"
                + (everyFunction ? "" : " and function = ?"),
                everyFunction
                        ? new Object[]{ e.kind().name(), message, now, now, conn.id() }
                        : new Object[]{ e.kind().name(), message, now, now, conn.id(), function.value() });
        if (everyFunction) {
            // Every other function and back-fill of the connection stops now, not at its next run.
            for (String other : SyncRepository.strings(c,
                    "update on_demand_sync set status = 'failed', error = ?, updated_at = ?"
                            + " where connection_id = ? and status = 'open' returning id",
                    message, now, conn.id())) {
                jobEnded(c, conn, other);
            }
            SyncEngine.dropIdleTasks(c, conn.id());
        }
        // The hook for connection errors (errors[], connection-error.* webhooks): observers run in this transaction.
        blocked.fire(new SyncBlocked(conn.tenant(), conn.id(), conn.integrationName(), conn.integrationType(),
                function, e.kind(), message, e.status(), e.failedUrl(), endpoint, now));
    }

    /** A failed run: recorded, and retried on the schedule with a backoff (an on-demand job fails for good). */
    private Next failed(ConnectionRow conn, WmsFunction function, SyncRepository.Run run, String owner,
            SyncRepository.Job job, String message, Duration frequency) {
        int failures = tx(c -> {
            Instant now = now();
            boolean ended = SyncRepository.endRun(c, conn.id(), run.id(), owner, "failed", 0, message, now);
            if (job != null) {
                failJob(c, conn, job.id(), message, now);
                return 0;
            }
            if (ended) {
                forcedRunEnded(c, conn, run.id());
            }
            SyncRepository.update(c, """
                    update sync_schedule set last_error = ?, last_crawl_end = ?,
                           consecutive_failures = consecutive_failures + 1, updated_at = ?
                     where connection_id = ? and function = ?""", message, now, now, conn.id(), function.value());
            int count = SyncRepository.schedule(c, conn.id(), function, null)
                    .map(SyncRepository.Schedule::consecutiveFailures)
                    .orElse(1);
            if (count >= ConnectionErrors.FAILURES_BEFORE_ERROR) {
                // Not blocked (the schedule keeps trying), but the customer should know the data is not coming in.
                errors.failing(c, conn.tenant(), conn.id(), conn.integrationName(), conn.integrationType(), function,
                        count, message, now);
            }
            return count;
        });
        metrics.run(function, "failed", Duration.between(run.startedAt(), now()));
        if (job != null) {
            return Next.remove();
        }
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 16);
        Duration backoff = config.retryBackoff().multipliedBy(factor);
        return new Next(now().plus(backoff.compareTo(frequency) > 0 ? frequency : backoff), "scheduled");
    }

    /** Fails an open back-fill, and tells the organization ({@code connection.sync-job-completed}). */
    private void failJob(Connection c, ConnectionRow conn, String jobId, String error, Instant now)
            throws SQLException {
        if (SyncRepository.update(c, "update on_demand_sync set status = 'failed', error = ?, updated_at = ? where "
                + "connection_id = ? and id = ? and status = 'open'", error, now, conn.id(), jobId) == 1) {
            jobEnded(c, conn, jobId);
        }
    }

    private void jobEnded(Connection c, ConnectionRow conn, String jobId) throws SQLException {
        SyncRepository.Job ended = SyncRepository.job(c, conn.id(), jobId, false).orElseThrow();
        fire(conn.tenant(), List.of(SyncWebhooks.syncJobCompleted(json, source(conn), ended)));
    }

    /** After a run ended in failure: a forced one still tells the organization it is over. */
    private void forcedRunEnded(Connection c, ConnectionRow conn, long runId) throws SQLException {
        SyncRepository.Run ended = SyncRepository.run(c, conn.id(), runId).orElseThrow();
        if (FORCED.equals(ended.kind()) && ended.function().clientVisible()) {
            fire(conn.tenant(), List.of(SyncWebhooks.forceSyncCompleted(json, source(conn), ended)));
        }
    }

    private static SyncWebhooks.Source source(ConnectionRow conn) {
        return new SyncWebhooks.Source(conn.id(), conn.integrationName(), conn.integrationType());
    }

    private void fire(Tenant tenant, List<DataEvent> events) {
        if (!events.isEmpty()) {
            dataEvents.fire(new DataEvents(tenant, events));
        }
    }

    static Optional<ConnectionRow> connection(Connection c, String connectionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select id, organization_id, environment, integration_name, integration_type, status = 'active',
                       webhooks_disabled
                  from connection where id = ?""")) {
            s.setString(1, connectionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ConnectionRow(r.getString(1), new Tenant(r.getString(2),
                        WireValue.parse(Environment.class, r.getString(3))), r.getString(4), r.getString(5),
                        r.getBoolean(6), r.getBoolean(7)));
            }
        }
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Work on one JDBC connection in a transaction of its own. */
    @FunctionalInterface
    interface Work<T> {

        T run(Connection c) throws SQLException;
    }

    <T> T tx(Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }
}
