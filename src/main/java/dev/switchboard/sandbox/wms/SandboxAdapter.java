package dev.switchboard.sandbox.wms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.switchboard.catalog.Action;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.PageEnd;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.Write;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The sandbox integration's WMS: a simulated system per connection ({@link World}), derived from the connection id
 * (the seed) and its creation time (the end of its history), moved along by the injected {@link Clock} and by the
 * simulation events of {@code PUT /sandbox/simulate/...}. The sync engine reads it like any vendor.
 *
 * <p>
 * Per connection it keeps only the world's catalog (a few kilobytes, cached); every record is recomputed on demand,
 * and each call reads the connection's simulation events afresh, so a change made on any instance shows at once.
 */
// Caffeine builds this cache (maximum size, expiry after access) from a generated class it finds by name, which
// Quarkus's Caffeine extension does not register for the native executable (docs/native.md).
@RegisterForReflection(classNames = "com.github.benmanes.caffeine.cache.PSAMS")
@ApplicationScoped
public class SandboxAdapter implements WmsAdapter {

    public static final String INTEGRATION_NAME = "sandbox";

    private final SandboxSettings settings;
    private final String baseUrl;
    private final Clock clock;
    private final SimulationStore store;
    private final Cache<String, SandboxWms> worlds = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    private final SandboxAccess access;

    @Inject
    SandboxAdapter(SwitchboardConfig config, Clock clock, SimulationStore store, SandboxAccess access) {
        this.settings = SandboxSettings.of(config.sandbox());
        this.baseUrl = config.publicUrl().replaceAll("/+$", "");
        this.clock = clock;
        this.store = store;
        this.access = access;
    }

    @Override
    public String integrationName() {
        return INTEGRATION_NAME;
    }

    @Override
    public Set<WmsFunction> functions() {
        return EnumSet.allOf(WmsFunction.class);
    }

    /** The sandbox's one rule, as on the install form: the password {@code fail} is refused. */
    @Override
    public void verifyCredentials(AdapterContext context) {
        verifyCredentials(context, null);
    }

    /**
     * The {@code fail} password, then what {@code PUT /sandbox/simulate/credentials/revoke} and
     * {@code .../permissions/{function}/deny} made the system refuse (a reinstall with revoked credentials too).
     */
    private void verifyCredentials(AdapterContext context, WmsFunction function) {
        if (context.credentials() != null && "fail".equals(context.credentials().get("password"))) {
            throw AdapterException.credentialsRejected("The sandbox rejected these credentials: the password 'fail' "
                    + "always fails. Use any other password.");
        }
        if (context.connectionId() != null) {
            access.check(context.connectionId(), context.credentials(), function);
        }
    }

    /**
     * A page of the world's records with the written ones laid over them ({@code sandbox_record}): a written record
     * replaces the world's wherever it appears, and the records writes created follow on the last page (within the
     * window, for an incremental function).
     */
    @Override
    public Page fetchPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor) {
        return Page.collect(sink -> streamPage(context, function, window, cursor, sink));
    }

    /** {@link #fetchPage}'s page, each record handed over as the world makes it. */
    @Override
    public PageEnd streamPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor,
            Consumer<ObjectNode> records) {
        verifyCredentials(context, function);
        long now = now();
        SandboxWms wms = wms(context);
        Map<String, SimulationStore.Written> written = store.written(context.connectionId(), function.value());
        PageEnd end = wms.page(function, window, cursor, now, events(context.connectionId(), now),
                written.isEmpty() ? records : record -> {
                    SimulationStore.Written w = written.get(record.path("id").asText());
                    records.accept(w == null ? record : SandboxWrites.parse(w.document()));
                });
        if (end.isLast()) {
            for (SimulationStore.Written w : written.values()) {
                ObjectNode record = SandboxWrites.parse(w.document());
                Instant updated = Instant.parse(record.path("updated_date").asText());
                boolean inWindow = function.snapshot() || window == null
                        || (window.since() == null || !updated.isBefore(window.since()))
                                && (window.until() == null || updated.isBefore(window.until()));
                if (w.created() && inWindow) {
                    records.accept(record);
                }
            }
        }
        return end;
    }

    @Override
    public Optional<ObjectNode> fetchOne(AdapterContext context, WmsFunction function, String id) {
        verifyCredentials(context, function);
        long now = now();
        SimulationStore.Written w = store.written(context.connectionId(), function.value()).get(id);
        if (w != null) {
            return Optional.of(SandboxWrites.parse(w.document()));
        }
        return wms(context).one(function, id, now, events(context.connectionId(), now));
    }

    /** Every write of the unified API: the simulated system does what a WMS would ({@link SandboxWrites}). */
    @Override
    public Set<Action> writes() {
        return EnumSet.of(Action.CREATE_ORDER, Action.UPDATE_ORDER, Action.CANCEL_ORDER, Action.CREATE_ORDER_SHIPMENT,
                Action.CREATE_PRODUCT, Action.UPDATE_PRODUCT, Action.CREATE_KIT, Action.UPDATE_KIT,
                Action.CREATE_INBOUND_SHIPMENT, Action.UPDATE_INBOUND_SHIPMENT, Action.RECEIVE_INBOUND_SHIPMENT,
                Action.CREATE_RETURN, Action.UPDATE_RETURN, Action.ADJUST_INVENTORY);
    }

    /**
     * Applies a write to the simulated system, serialised per connection with the simulations (the same advisory
     * lock), and keeps the result; the record comes back as the system now serves it.
     */
    @Override
    public Write.Result write(AdapterContext context, Write.Request request) {
        WmsFunction function = Write.functionOf(request.action());
        verifyCredentials(context, function);
        return QuarkusTransaction.requiringNew().call(() -> {
            store.lockAndCount(context.connectionId());
            long now = now();
            SandboxWms wms = wms(context);
            SandboxWrites.Outcome outcome = SandboxWrites.apply(wms, request, now,
                    events(context.connectionId(), now), store.written(context.connectionId(), function.value()));
            store.saveWritten(context.tenant(), context.connectionId(), function.value(),
                    outcome.record().path("id").asText(), SandboxWrites.text(outcome.record()), outcome.created(), now);
            return new Write.Result(function, outcome.record());
        });
    }

    long now() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    SandboxWms wms(AdapterContext context) {
        return wms(context.connectionId(), context.tenant());
    }

    SandboxWms wms(String connectionId, dev.switchboard.tenant.Tenant tenant) {
        // Keyed by tenant too: a context naming another tenant's connection finds no world.
        String key = tenant.organizationId() + "/" + tenant.environment().value() + "/" + connectionId;
        SandboxWms cached = worlds.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Instant created = store.connectionCreated(tenant, connectionId)
                .orElseThrow(() -> new AdapterException(AdapterException.Kind.PERMANENT,
                        "The sandbox has no active connection " + connectionId + ".", null, null, 404, null));
        SandboxWms wms = new SandboxWms(new World(connectionId, created, settings, baseUrl));
        worlds.put(key, wms);
        return wms;
    }

    EventIndex events(String connectionId, long now) {
        return new EventIndex(store.events(connectionId), now);
    }
}
