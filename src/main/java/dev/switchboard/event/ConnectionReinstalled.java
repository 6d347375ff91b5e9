package dev.switchboard.event;

import java.time.Instant;
import java.util.List;

import dev.switchboard.tenant.Tenant;

/**
 * A customer reinstalled an existing connection (same id and access token, new credentials, possibly other available
 * actions). Not a webhook of its own: the sync engine observes it to unblock and restart the connection's syncs.
 * Fired inside the install's transaction.
 */
public record ConnectionReinstalled(Tenant tenant, String connectionId, String integrationName,
        List<String> availableActions, Instant occurredAt) {
}
