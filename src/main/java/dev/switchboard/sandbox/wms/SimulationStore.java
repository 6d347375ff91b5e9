package dev.switchboard.sandbox.wms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.tenant.Tenant;

/**
 * The sandbox's state in PostgreSQL: the connection's creation time (the end of its generated history) and its
 * simulation events ({@code sandbox_event}). Plain JDBC on the shared datasource, inside the caller's transaction
 * when there is one.
 */
@ApplicationScoped
public class SimulationStore {

    /** Events one sandbox connection may hold; each call reads them all, so they stay few. */
    static final int MAX_EVENTS = 10_000;

    @Inject
    DataSource dataSource;

    Optional<Instant> connectionCreated(Tenant tenant, String connectionId) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement("select created_at from connection where id = ? "
                        + "and organization_id = ? and environment = ? and status = 'active'")) {
            query.setString(1, connectionId);
            query.setString(2, tenant.organizationId());
            query.setString(3, tenant.environment().value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? Optional.of(rows.getObject(1, OffsetDateTime.class).toInstant())
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sandbox connection " + connectionId, e);
        }
    }

    List<SimEvent> events(String connectionId) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement("select kind, record_id, occurred_at, seq from "
                        + "sandbox_event where connection_id = ? order by occurred_at, seq")) {
            query.setString(1, connectionId);
            List<SimEvent> events = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(new SimEvent(SimEvent.Kind.of(rows.getString(1)), rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toEpochSecond(), rows.getLong(4)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sandbox events of " + connectionId, e);
        }
    }

    /**
     * Serialises simulations of one connection until the transaction ends, so two requests never both fulfil the
     * same order; returns how many events the connection has.
     */
    int lockAndCount(String connectionId) {
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "sandbox-simulate:" + connectionId);
                lock.execute();
            }
            try (PreparedStatement count = db
                    .prepareStatement("select count(*) from sandbox_event where connection_id = ?")) {
                count.setString(1, connectionId);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("locking the sandbox of " + connectionId, e);
        }
    }

    void insert(Tenant tenant, String connectionId, SimEvent.Kind kind, String recordId, long at) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement insert = db.prepareStatement("insert into sandbox_event (connection_id, "
                        + "organization_id, environment, kind, record_id, occurred_at) values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, connectionId);
            insert.setString(2, tenant.organizationId());
            insert.setString(3, tenant.environment().value());
            insert.setString(4, kind.value());
            insert.setString(5, recordId);
            insert.setObject(6, OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a sandbox event of " + connectionId, e);
        }
    }
}
