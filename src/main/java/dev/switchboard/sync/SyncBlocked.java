package dev.switchboard.sync;

import java.time.Instant;

import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;

/**
 * The system refused a sync for good: its credentials ({@code CREDENTIALS_REJECTED}, which stops every function of the
 * connection) or one permission ({@code PERMISSION_MISSING}, which stops {@code function}). Fired inside the
 * transaction that records the failed run and blocks the schedules; a reinstall unblocks them. This is the hook for
 * the connection's {@code errors[]} and the {@code connection-error.*} webhooks, which {@link ConnectionErrors}
 * observes.
 * {@code failedUrl} is the system's URL that refused (null when the adapter did not say). A write or a passthrough
 * that meets refused credentials blocks the connection the same way ({@link RefusedCalls}): then {@code endpoint} is
 * the unified route that met it ({@code PUT /wms/orders/{order_id}/cancel}), the error's fallback endpoint and URL,
 * and {@code function} is the function it writes (null for a passthrough); a sync run leaves {@code endpoint} null.
 */
public record SyncBlocked(Tenant tenant, String connectionId, String integrationName, String integrationType,
        WmsFunction function, AdapterException.Kind kind, String message, int status, String failedUrl, String endpoint,
        Instant at) {
}
