package dev.switchboard.connection;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.switchboard.connection.ConnectionDtos.ConnectionError;
import dev.switchboard.connection.ConnectionDtos.SyncSchedule;

/**
 * What the sync engine knows of connections, for the connection object: implemented by {@code dev.switchboard.sync}
 * (the connection package does not depend on it).
 */
public interface ConnectionSyncState {

    /** A connection's sync side, as the connection object shows it; {@code errors} is its health. */
    record SyncState(Instant latestSync, List<SyncSchedule> syncSchedules, Map<String, Boolean> historicalSyncCompleted,
            List<String> availableEndpoints, List<ConnectionError> errors) {
    }

    /** The state of each connection, by id (one look-up for a page of them). */
    Map<String, SyncState> of(Collection<Connection> connections);

    /** The read routes that answer for this connection (deprecated {@code available_endpoints}). */
    List<String> availableEndpoints(Connection connection);
}
