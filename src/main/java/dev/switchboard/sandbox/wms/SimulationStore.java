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

    /** A record a write left in the simulated system: its document, and whether the write created it. */
    record Written(String id, String document, boolean created) {
    }

    /** The written records of one function of a connection, by id, in the order they were first written. */
    java.util.Map<String, Written> written(String connectionId, String function) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement("select record_id, document::text, created from "
                        + "sandbox_record where connection_id = ? and function = ? order by record_id")) {
            query.setString(1, connectionId);
            query.setString(2, function);
            java.util.Map<String, Written> out = new java.util.LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1), new Written(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sandbox records of " + connectionId, e);
        }
    }

    /** Stores what a write left in the simulated system (inside the caller's transaction). */
    void saveWritten(Tenant tenant, String connectionId, String function, String recordId, String document,
            boolean created, long at) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement upsert = db.prepareStatement("insert into sandbox_record (connection_id, function, "
                        + "record_id, organization_id, environment, document, created, written_at) "
                        + "values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (connection_id, function, record_id) "
                        + "do update set document = excluded.document, written_at = excluded.written_at")) {
            upsert.setString(1, connectionId);
            upsert.setString(2, function);
            upsert.setString(3, recordId);
            upsert.setString(4, tenant.organizationId());
            upsert.setString(5, tenant.environment().value());
            upsert.setString(6, document);
            upsert.setBoolean(7, created);
            upsert.setObject(8, OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), ZoneOffset.UTC));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a sandbox write of " + connectionId, e);
        }
    }
}
