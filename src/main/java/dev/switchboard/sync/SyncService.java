package dev.switchboard.sync;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.common.Base62;
import dev.switchboard.connection.ConnectionDtos.ConnectionError;
import dev.switchboard.connection.ConnectionDtos.SyncSchedule;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.connection.ConnectionSyncState;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;

/**
 * The sync management API's logic (force syncs, on-demand back-fills, pause and resume, the run log) and the
 * connection object's sync fields. Every call starts from the caller's tenant and, where the contract says so, the
 * connection its access token names; another tenant's connection is a 404 (or a 401 for a token).
 */
@ApplicationScoped
public class SyncService implements ConnectionSyncState {

    /** What a force sync started. */
    public record Forced(String connectionId, boolean syncing, List<String> functionsToSync) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    ConnectionService connections;
    @Inject
    SyncEngine engine;
    @Inject
    SyncFunctions functions;
    @Inject
    SyncRunner runner;
    @Inject
    Clock clock;

    // --- the connection object ------------------------------------------------------------------------------------

    @Override
    public Map<String, SyncState> of(Collection<dev.switchboard.connection.Connection> page) {
        Map<String, List<SyncRepository.Schedule>> byConnection = new HashMap<>();
        Map<String, List<ConnectionError>> errors = new HashMap<>();
        if (!page.isEmpty()) {
            List<String> ids = page.stream().map(c -> c.id).toList();
            runner.tx(c -> {
                for (SyncRepository.Schedule s : SyncRepository.schedules(c, ids)) {
                    byConnection.computeIfAbsent(s.connectionId(), k -> new ArrayList<>()).add(s);
                }
                for (ConnectionErrors.Row e : ConnectionErrors.of(c, ids)) {
                    errors.computeIfAbsent(e.connectionId(), k -> new ArrayList<>()).add(e.view());
                }
                return null;
            });
        }
        Map<String, SyncState> out = new HashMap<>();
        for (dev.switchboard.connection.Connection c : page) {
            List<SyncSchedule> schedules = new ArrayList<>();
            Map<String, Boolean> historical = new LinkedHashMap<>();
            Instant latest = null;
            for (SyncRepository.Schedule s : byConnection.getOrDefault(c.id, List.of())) {
                if (!s.function().clientVisible()) {
                    continue;
                }
                schedules.add(view(s));
                historical.put(s.function().value(), s.historicalSyncCompleted());
                if (s.lastCrawlEnd() != null && (latest == null || s.lastCrawlEnd().isAfter(latest))) {
                    latest = s.lastCrawlEnd();
                }
            }
            out.put(c.id, new SyncState(latest, schedules, historical, availableEndpoints(c),
                    errors.getOrDefault(c.id, List.of())));
        }
        return out;
    }

    @Override
    public List<String> availableEndpoints(dev.switchboard.connection.Connection c) {
        return functions.readEndpoints(c.integrationType.value(), c.integrationName, c.availableActions);
    }

    static SyncSchedule view(SyncRepository.Schedule s) {
        String status;
        if (!s.enabled()) {
            status = "disabled";
        } else if (s.blockedReason() != null) {
            status = "error";
        } else if (!s.historicalSyncCompleted()) {
            status = "first_sync_in_progress";
        } else if (s.running()) {
            status = "sync_in_progress";
        } else if (s.lastError() != null) {
            status = "error";
        } else {
            status = "enabled";
        }
        boolean inProgress = status.endsWith("in_progress");
        return new SyncSchedule(s.function().value(), s.lastCrawlEnd(), s.lastCrawlStart(), s.lastCrawlEnd(),
                s.frequencySeconds(), inProgress, status);
    }

    // --- force syncs ----------------------------------------------------------------------------------------------

    /**
     * Runs now the named functions (all when {@code named} is null) of the token's connection. Functions already
     * running, paused or blocked by refused credentials are skipped (one blocked by a refused permission runs: the
     * customer may just have granted it). A function the connection does not sync is a 422 at
     * {@code json.functions_to_sync.<i>}.
     */
    public Forced force(Tenant tenant, String accessToken, List<String> named) {
        dev.switchboard.connection.Connection connection = connections.byAccessToken(tenant, accessToken);
        Map<WmsFunction, SyncRepository.Schedule> schedules = schedules(connection.id);
        Set<WmsFunction> requested = new LinkedHashSet<>();
        if (named == null) {
            schedules.keySet().stream().filter(WmsFunction::clientVisible).forEach(requested::add);
        } else {
            ValidationProblem problem = new ValidationProblem();
            for (int i = 0; i < named.size(); i++) {
                Optional<WmsFunction> f = WmsFunction.find(named.get(i)).filter(WmsFunction::clientVisible);
                if (f.isEmpty() || !schedules.containsKey(f.get())) {
                    problem.add(ValidationProblem.JSON, "functions_to_sync." + i, "The connection does not sync "
                            + named.get(i) + ".");
                } else {
                    requested.add(f.get());
                }
            }
            problem.throwIfAny();
        }
        List<String> started = new ArrayList<>();
        for (WmsFunction function : requested) {
            boolean any = false;
            for (WmsFunction f : SyncFunctions.withChildren(function, schedules.keySet())) {
                SyncRepository.Schedule s = schedules.get(f);
                if (s == null || !s.enabled() || SyncRunner.blockedForGood(s.blockedReason()) || s.running()) {
                    continue;
                }
                any |= engine.runNow(connection.id, f, "forced") && f == function;
            }
            if (any) {
                started.add(function.value());
            }
        }
        boolean syncing = !started.isEmpty();
        // The contract: "Returns empty if all are being synced."
        List<String> answer = named == null && started.size() == requested.size() ? List.of() : started;
        return new Forced(connection.id, syncing, answer);
    }

    // --- pause and resume -----------------------------------------------------------------------------------------

    /**
     * Pauses or resumes one function ({@code enabled} null flips it) or all of them ({@code function} null; flipping
     * all pauses them if any is enabled). Returns the connection's schedules after the change.
     */
    public List<SyncSchedule> toggle(Tenant tenant, String accessToken, String functionName, Boolean enabled) {
        dev.switchboard.connection.Connection connection = connections.byAccessToken(tenant, accessToken);
        Map<WmsFunction, SyncRepository.Schedule> schedules = schedules(connection.id);
        List<WmsFunction> targets;
        if (functionName != null) {
            Optional<WmsFunction> f = WmsFunction.find(functionName).filter(WmsFunction::clientVisible);
            if (f.isEmpty() || !schedules.containsKey(f.get())) {
                throw ValidationProblem.of(ValidationProblem.PATH, "function_name", "The connection does not sync "
                        + functionName + ".");
            }
            targets = SyncFunctions.withChildren(f.get(), schedules.keySet());
        } else {
            targets = List.copyOf(schedules.keySet());
        }
        boolean to;
        if (enabled != null) {
            to = enabled;
        } else if (functionName != null) {
            to = !schedules.get(targets.get(0)).enabled();
        } else {
            to = schedules.values().stream().noneMatch(SyncRepository.Schedule::enabled);
        }
        Instant now = now();
        runner.tx(c -> {
            for (WmsFunction f : targets) {
                SyncRepository.update(c, "update sync_schedule set enabled = ?, updated_at = ? where connection_id = ? "
                        + "and function = ?", to, now, connection.id, f.value());
            }
            return null;
        });
        for (WmsFunction f : targets) {
            if (to) {
                engine.ensureScheduled(connection.id, f, now);
                engine.wake();
            } else {
                engine.unschedule(connection.id, f);
            }
        }
        return schedules(connection.id).values().stream().filter(s -> s.function().clientVisible())
                .map(SyncService::view)
                .toList();
    }

    // --- on-demand back-fills -------------------------------------------------------------------------------------

    public SyncRepository.Job createOnDemand(Tenant tenant, String accessToken, WmsFunction function, Instant start,
            Instant end) {
        dev.switchboard.connection.Connection connection = connections.byAccessToken(tenant, accessToken);
        if (!function.onDemand()) {
            throw ValidationProblem.of(ValidationProblem.JSON, "function_name", "On-demand sync is not available for "
                    + function.value() + " (a snapshot is always fetched whole).");
        }
        if (!schedules(connection.id).containsKey(function)) {
            throw ValidationProblem.of(ValidationProblem.JSON, "function_name", "On-demand sync is not enabled for "
                    + connection.integrationName + " " + function.value() + ".");
        }
        String id = "sod_" + Base62.random(24);
        SyncRepository.Job job = runner.tx(c -> SyncRepository.insertJob(c, connection.tenant(), connection.id, id,
                function, start, end, now()));
        engine.scheduleOnDemand(connection.id, id);
        return job;
    }

    public SyncRepository.Job onDemand(Tenant tenant, String accessToken, String id) {
        dev.switchboard.connection.Connection connection = connections.byAccessToken(tenant, accessToken);
        return runner.tx(c -> SyncRepository.job(c, connection.id, id, false))
                .orElseThrow(() -> ApiException.contractNotFound("On-demand sync not found", id));
    }

    /** Cancels an open job: its run stops at its next page (records already written stay). */
    public SyncRepository.Job cancelOnDemand(Tenant tenant, String accessToken, String id) {
        dev.switchboard.connection.Connection connection = connections.byAccessToken(tenant, accessToken);
        Instant now = now();
        SyncRepository.Job job = runner.tx(c -> {
            SyncRepository.Job found = SyncRepository.job(c, connection.id, id, true)
                    .orElseThrow(() -> ApiException.contractNotFound("On-demand sync not found", id));
            if (!"open".equals(found.status())) {
                throw ApiException.conflict("SYNC_JOB_NOT_OPEN", "The on-demand sync is " + found.status()
                        + "; only an open one can be cancelled.");
            }
            SyncRepository.update(c, "update on_demand_sync set status = 'cancelled', updated_at = ? where "
                    + "connection_id = ? and id = ?", now, connection.id, id);
            SyncRepository.update(c, """
                    update sync_run set status = 'cancelled', error = 'Cancelled.', ended_at = ?, page_cursor = null
                     where connection_id = ? and function = ? and lane = ? and status = 'running'""", now,
                    connection.id, found.function().value(), id);
            return SyncRepository.job(c, connection.id, id, false).orElseThrow();
        });
        engine.unscheduleOnDemand(connection.id, id);
        return job;
    }

    /** The id of the connection the access token names (401 otherwise). */
    public String connectionId(Tenant tenant, String accessToken) {
        return connections.byAccessToken(tenant, accessToken).id;
    }

    // --- the run log ----------------------------------------------------------------------------------------------

    /** A page of the connection's runs, newest first (404 for a connection that is not this tenant's). */
    public List<SyncRepository.Run> runs(Tenant tenant, String connectionId, Long beforeId, WmsFunction function,
            int limit) {
        dev.switchboard.connection.Connection connection = connections.get(tenant, connectionId);
        return runner.tx(c -> SyncRepository.runs(c, connection.id, beforeId, function, limit));
    }

    private Map<WmsFunction, SyncRepository.Schedule> schedules(String connectionId) {
        Map<WmsFunction, SyncRepository.Schedule> out = new LinkedHashMap<>();
        for (SyncRepository.Schedule s : runner
                .tx((Connection c) -> SyncRepository.schedules(c, List.of(connectionId)))) {
            out.put(s.function(), s);
        }
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
