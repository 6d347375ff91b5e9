package dev.switchboard.sandbox.wms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;

/**
 * What the simulated system refuses, so connection health can be tried on the sandbox as on a real WMS: credentials
 * revoked in the system (every call answered like a vendor's 401, until a reinstall brings other credentials) and
 * functions the credentials may not read (answered like a 403, until granted again). Kept in {@code sandbox_access}
 * (plain JDBC); a revoked credential is kept as a keyed hash of the connection id and the credentials, never as
 * itself.
 */
@ApplicationScoped
public class SandboxAccess {

    static final String REVOKED = "revoked_credentials";
    static final String DENIED = "denied_function";

    /** What one connection's system refuses. */
    record Rules(Set<String> revoked, Set<String> denied) {

        static final Rules NONE = new Rules(Set.of(), Set.of());
    }

    @Inject
    DataSource dataSource;
    @Inject
    ConnectionService connections;
    @Inject
    SecretBox secrets;
    @Inject
    Clock clock;

    /** The system revokes the connection's current credentials; returns the connection's id. */
    @Transactional
    public String revokeCredentials(Tenant tenant, String accessToken) {
        dev.switchboard.connection.Connection connection = sandboxConnection(tenant, accessToken);
        insert(tenant, connection.id, REVOKED,
                fingerprint(connection.id, connections.credentials(tenant, connection.id)));
        return connection.id;
    }

    /** The system refuses ({@code denied}) or allows again a function; returns the connection's id. */
    @Transactional
    public String setPermission(Tenant tenant, String accessToken, String functionName, boolean denied) {
        WmsFunction function = WmsFunction.find(functionName).orElseThrow(() -> ValidationProblem.of(
                ValidationProblem.PATH, "function_name", "Not a WMS function (get_orders, get_inventory, ...)."));
        dev.switchboard.connection.Connection connection = sandboxConnection(tenant, accessToken);
        if (denied) {
            insert(tenant, connection.id, DENIED, function.value());
        } else {
            update("delete from sandbox_access where connection_id = ? and kind = ? and value = ?", connection.id,
                    DENIED, function.value());
        }
        return connection.id;
    }

    /**
     * Throws what the system answers a call of {@code function} with these credentials: CREDENTIALS_REJECTED for
     * revoked credentials, PERMISSION_MISSING for a denied function. One indexed look-up.
     */
    void check(String connectionId, Map<String, String> credentials, WmsFunction function) {
        Rules rules = rules(connectionId);
        if (!rules.revoked().isEmpty() && rules.revoked().contains(fingerprint(connectionId, credentials))) {
            throw AdapterException.credentialsRejected("The sandbox rejected these credentials: they were revoked "
                    + "(PUT /sandbox/simulate/credentials/revoke). Reinstall the connection with other credentials.");
        }
        if (function != null && rules.denied().contains(function.value())) {
            throw AdapterException.permissionMissing("The sandbox refused " + function.value() + ": these credentials "
                    + "lack the permission (PUT /sandbox/simulate/permissions/" + function.value() + "/deny).",
                    function);
        }
    }

    Rules rules(String connectionId) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement("select kind, value from sandbox_access "
                        + "where connection_id = ?")) {
            query.setString(1, connectionId);
            Set<String> revoked = new HashSet<>();
            Set<String> denied = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    (REVOKED.equals(rows.getString(1)) ? revoked : denied).add(rows.getString(2));
                }
            }
            return revoked.isEmpty() && denied.isEmpty() ? Rules.NONE : new Rules(revoked, denied);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sandbox access rules of " + connectionId, e);
        }
    }

    /** A keyed hash of the connection id and its credentials (sorted): equal credentials, equal fingerprint. */
    String fingerprint(String connectionId, Map<String, String> credentials) {
        StringBuilder text = new StringBuilder(connectionId);
        new TreeMap<>(credentials == null ? Map.of() : credentials)
                .forEach((k, v) -> text.append('\0').append(k).append('\0').append(v));
        return HexFormat.of().formatHex(secrets.lookupHash(text.toString()));
    }

    private void insert(Tenant tenant, String connectionId, String kind, String value) {
        update("""
                insert into sandbox_access (connection_id, kind, value, organization_id, environment, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", connectionId, kind, value,
                tenant.organizationId(), tenant.environment().value(),
                OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private void update(String sql, Object... params) {
        try (Connection db = dataSource.getConnection(); PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing the sandbox access rules", e);
        }
    }

    /** The access token's connection, which must be a WMS sandbox (401 for a bad token, 400 for another system). */
    private dev.switchboard.connection.Connection sandboxConnection(Tenant tenant, String accessToken) {
        dev.switchboard.connection.Connection connection = connections.byAccessToken(tenant, accessToken);
        if (connection.integrationType != IntegrationType.WMS
                || !SandboxAdapter.INTEGRATION_NAME.equals(connection.integrationName)) {
            throw new ApiException(400, "NOT_A_SANDBOX_CONNECTION", "Simulations work only on sandbox WMS "
                    + "connections; connection " + connection.id + " is a " + connection.integrationType.value() + "/"
                    + connection.integrationName + " connection.");
        }
        return connection;
    }
}
