package dev.switchboard.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import dev.switchboard.wms.WmsFunction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The job engine: db-scheduler on the service's PostgreSQL datasource ({@code scheduled_tasks}, V7). Three tasks:
 * <ul>
 * <li>{@code wms-sync}, one instance per (connection, function) ({@code <connection_id>|<function>}): db-scheduler
 * lets one instance execute it at a time across all instances (the row is "picked"), which is what makes a
 * (connection, function) run at most once at a time. Each execution runs a slice of the run ({@link SyncRunner}) and
 * reschedules the same instance: at the next frequency, at once after the time cap, after a rate limit's wait, or
 * with a backoff after a failure; a paused, blocked or deleted schedule removes it.</li>
 * <li>{@code wms-on-demand-sync}, one per back-fill job ({@code <connection_id>|<job id>}), beside the schedule.</li>
 * <li>{@code wms-connection-purge}, one per deleted connection: deletes its records in batches.</li>
 * </ul>
 * An instance that dies leaves its picked rows without heartbeats; after {@code missedHeartbeats} another instance
 * revives them, and the runner resumes each run from its last committed page. Polling is lock-and-fetch
 * ({@code SELECT ... FOR UPDATE SKIP LOCKED}), suited to several instances; the worker count is the per-instance cap.
 */
@ApplicationScoped
public class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);

    static final String SYNC_TASK = "wms-sync";
    static final String ON_DEMAND_TASK = "wms-on-demand-sync";
    static final String PURGE_TASK = "wms-connection-purge";

    @Inject
    DataSource dataSource;
    @Inject
    SyncRunner runner;
    @Inject
    SyncPurge purge;
    @Inject
    SyncConfig config;
    @Inject
    Clock clock;

    private volatile List<Task<?>> tasks;
    private volatile SchedulerClient client;
    private volatile Scheduler scheduler;

    void start(@Observes StartupEvent start) {
        if (!config.enabled()) {
            LOG.info("The sync engine is disabled on this instance (switchboard.sync.enabled=false)");
            return;
        }
        scheduler = newScheduler("switchboard-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                config.threads(), config.pollInterval(), config.heartbeat(), config.missedHeartbeats());
        scheduler.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        shutdown();
    }

    @PreDestroy
    void shutdown() {
        Scheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.stop();
        }
    }

    /**
     * A scheduler over the same tasks and table. The service starts one per instance; tests start a second one to
     * play another instance.
     */
    public Scheduler newScheduler(String name, int threads, Duration pollInterval, Duration heartbeat,
            int missedHeartbeats) {
        return Scheduler.create(dataSource, tasks())
                .schedulerName(new SchedulerName.Fixed(name))
                .serializer(TaskDataSerializer.INSTANCE)
                .threads(threads)
                .pollingInterval(pollInterval)
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(missedHeartbeats)
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .deleteUnresolvedAfter(Duration.ofDays(1))
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    /** The task definitions (built once; every scheduler and the client share them). */
    public List<Task<?>> tasks() {
        List<Task<?>> t = tasks;
        if (t == null) {
            synchronized (this) {
                if (tasks == null) {
                    tasks = List.of(syncTask(), onDemandTask(), purgeTask());
                }
                t = tasks;
            }
        }
        return t;
    }

    private CustomTask<String> syncTask() {
        return Tasks.custom(SYNC_TASK, String.class)
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofMinutes(1)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    String[] key = instance.getId().split("\\|", 2);
                    Optional<WmsFunction> function = WmsFunction.find(key.length == 2 ? key[1] : "");
                    if (function.isEmpty()) {
                        return (complete, ops) -> ops.remove();
                    }
                    String kind = instance.getData() == null ? "scheduled" : instance.getData();
                    SyncRunner.Next next = runner.runSchedule(key[0], function.get(), kind);
                    wake(); // a run that ended may have made the connection's waiting tasks due (promoteWaiting)
                    return completion(next);
                });
    }

    private CustomTask<String> onDemandTask() {
        return Tasks.custom(ON_DEMAND_TASK, String.class)
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofMinutes(1)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    String[] key = instance.getId().split("\\|", 2);
                    SyncRunner.Next next = key.length == 2
                            ? runner.runOnDemand(key[0], key[1])
                            : SyncRunner.Next.remove();
                    wake();
                    return completion(next);
                });
    }

    private CustomTask<String> purgeTask() {
        return Tasks.custom(PURGE_TASK, String.class)
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofMinutes(1)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    boolean done = purge.purgeSome(instance.getId(), clock.instant().plus(config.runTimeCap()));
                    return done
                            ? (complete, ops) -> ops.remove()
                            : (complete, ops) -> ops.reschedule(complete, clock.instant());
                });
    }

    private static CompletionHandler<String> completion(SyncRunner.Next next) {
        if (next.leaves()) {
            return (complete, ops) -> {
                // The row belongs to the instance that took the execution over (its version moved on).
            };
        }
        if (next.removes()) {
            return (complete, ops) -> ops.remove();
        }
        return (complete, ops) -> ops.reschedule(complete, next.at(), next.kind());
    }

    // --- what the API and the lifecycle ask for -------------------------------------------------------------------

    /**
     * The client every scheduling call goes through. Inside a JTA transaction its statements join it (the datasource
     * enlists the connection and db-scheduler does not commit a connection whose autocommit is off), so a schedule is
     * created or dropped with the change that caused it.
     */
    SchedulerClient client() {
        SchedulerClient c = client;
        if (c == null) {
            c = SchedulerClient.Builder.create(dataSource, tasks()).serializer(TaskDataSerializer.INSTANCE).build();
            client = c;
        }
        return c;
    }

    static String syncInstance(String connectionId, WmsFunction function) {
        return connectionId + "|" + function.value();
    }

    /** Creates the (connection, function) task if it does not exist, due at {@code at}. */
    void ensureScheduled(String connectionId, WmsFunction function, Instant at) {
        client().scheduleIfNotExists(new TaskInstance<>(SYNC_TASK, syncInstance(connectionId, function), "scheduled"),
                at);
    }

    /**
     * Makes the (connection, function) task due now as {@code kind}; false when it is executing right now (a run is
     * under way, which a forced sync skips).
     */
    boolean runNow(String connectionId, WmsFunction function, String kind) {
        TaskInstance<String> instance = new TaskInstance<>(SYNC_TASK, syncInstance(connectionId, function), kind);
        Optional<ScheduledExecution<Object>> existing = client().getScheduledExecution(instance);
        if (existing.isPresent() && existing.get().isPicked()) {
            return false;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (existing.isPresent()) {
            try {
                if (!client().reschedule(instance, now, kind)) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false; // picked between the look-up and the reschedule
            }
        } else {
            client().scheduleIfNotExists(instance, now);
        }
        wake();
        return true;
    }

    /** Drops the (connection, function) task unless it is executing (which then removes itself). */
    void unschedule(String connectionId, WmsFunction function) {
        cancelIfIdle(new TaskInstance<>(SYNC_TASK, syncInstance(connectionId, function)));
    }

    void scheduleOnDemand(String connectionId, String jobId) {
        client().scheduleIfNotExists(new TaskInstance<>(ON_DEMAND_TASK, connectionId + "|" + jobId, "on_demand"),
                clock.instant());
        wake();
    }

    void unscheduleOnDemand(String connectionId, String jobId) {
        cancelIfIdle(new TaskInstance<>(ON_DEMAND_TASK, connectionId + "|" + jobId));
    }

    void schedulePurge(String connectionId) {
        client().scheduleIfNotExists(new TaskInstance<>(PURGE_TASK, connectionId, "purge"), clock.instant());
    }

    private void cancelIfIdle(TaskInstanceId id) {
        Optional<ScheduledExecution<Object>> existing = client().getScheduledExecution(id);
        if (existing.isPresent() && !existing.get().isPicked()) {
            try {
                client().cancel(id);
            } catch (RuntimeException e) {
                LOG.debugf("Not cancelled (it started meanwhile and will stop itself): %s", id.getId());
            }
        }
    }

    /** Whether the (connection, function) task is executing on some instance right now. */
    boolean executing(String connectionId, WmsFunction function) {
        return client().getScheduledExecution(new TaskInstance<>(SYNC_TASK, syncInstance(connectionId, function)))
                .map(ScheduledExecution::isPicked).orElse(false);
    }

    /** Asks this instance's scheduler to look for due work now rather than at its next poll. */
    void wake() {
        Scheduler s = scheduler;
        if (s != null) {
            s.triggerCheckForDueExecutions();
        }
    }

    /**
     * A run of the connection ended, so a slot under its cap ({@code maxRunsPerConnection}) is free: the connection's
     * tasks that found the cap full and wait to try again ({@link SyncRunner#CAP_WAIT}) become due now, in the
     * transaction that ended the run. Without it, a connection's initial sync of thirteen functions spent most of its
     * time between runs, each waiting function trying again every 15 s plus the poll interval (bench/sync.sh). A
     * task due this soon for another reason runs a few seconds early, which changes nothing.
     */
    static void promoteWaiting(Connection c, String connectionId, Instant now) throws SQLException {
        SyncRepository.update(c, """
                update scheduled_tasks set execution_time = ?
                 where task_name in ('wms-sync', 'wms-on-demand-sync') and task_instance like ? and not picked
                   and execution_time > ? and execution_time <= ?""",
                now, connectionId.replace("_", "\\_") + "|%", now, now.plus(SyncRunner.CAP_WAIT));
    }

    /** Deletes the tasks of a connection that are not executing (executing ones stop at their next page). */
    static void dropIdleTasks(Connection c, String connectionId) throws SQLException {
        SyncRepository.update(c, """
                delete from scheduled_tasks
                 where task_name in ('wms-sync', 'wms-on-demand-sync') and task_instance like ? and not picked""",
                connectionId.replace("_", "\\_") + "|%");
    }
}
