package dev.switchboard.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;

/**
 * Connection health for the calls that reach the system outside a sync run: the unified API's writes and
 * {@code POST /wms/passthrough}. They feed the same model as syncs, through the same code, so there is one rule:
 * <ul>
 * <li>refused credentials ({@code CREDENTIALS_REJECTED}) block the connection exactly as a sync run's do
 * ({@link SyncRunner#block}: every schedule blocked, open back-fills failed, idle tasks dropped; the
 * {@code credentials} error created or bumped by {@link ConnectionErrors}, with its webhook) until a reinstall;</li>
 * <li>a write's refused permission ({@code PERMISSION_MISSING}) is an error of its own that blocks only its function,
 * the write action ({@link ConnectionErrors#writeRefused}): no sync stops, since credentials may read what they may not
 * write.</li>
 * </ul>
 * Every other failure (a 4xx about the request, a 5xx, a timeout) says nothing lasting about the connection: the caller
 * has the system's answer and nothing is recorded. A passthrough's 403 is not recorded either (see
 * {@code WmsPassthrough}): its path is the caller's choice, not a function of the unified API.
 */
@ApplicationScoped
public class RefusedCalls {

    /** The route a passthrough's credentials error names. */
    public static final String PASSTHROUGH = "POST /wms/passthrough";

    @Inject
    SyncRunner runner;
    @Inject
    ConnectionErrors errors;
    @Inject
    Clock clock;

    /**
     * A call of the unified API met {@code refusal} from the connection's system. {@code action} is the write action
     * ({@code cancel_order}) or {@code passthrough}, {@code endpoint} the unified route ({@code PUT
     * /wms/orders/{order_id}/cancel}), {@code function} the function the action writes (null for a passthrough). In a
     * transaction of its own, since the call holds none while the system answers; a connection deleted meanwhile is
     * left alone.
     */
    public void refused(String connectionId, String action, String endpoint, WmsFunction function,
            AdapterException refusal) {
        boolean credentials = refusal.kind() == AdapterException.Kind.CREDENTIALS_REJECTED;
        boolean permission = refusal.kind() == AdapterException.Kind.PERMISSION_MISSING && function != null;
        if (!credentials && !permission) {
            return;
        }
        runner.tx(c -> {
            Optional<SyncRunner.ConnectionRow> conn = SyncRunner.connection(c, connectionId);
            if (conn.isEmpty() || !conn.get().active()) {
                return null;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (credentials) {
                runner.block(c, conn.get(), function, refusal, endpoint, now);
            } else {
                errors.writeRefused(c, conn.get().tenant(), connectionId, conn.get().integrationName(), action,
                        endpoint, refusal, now);
            }
            return null;
        });
    }

    /**
     * A write of {@code action} started at {@code started} succeeded: its permission error, if any, is resolved. Runs
     * in the write's own transaction, on its JDBC connection.
     */
    public void succeeded(Connection c, Tenant tenant, String connectionId, String action, Instant started)
            throws SQLException {
        errors.writeSucceeded(c, tenant, connectionId, action, started);
    }
}
