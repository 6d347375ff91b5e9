package dev.switchboard.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.common.WireValue;

/**
 * The one helper for plain JDBC (the hot paths and the JDBC aggregates of {@code docs/ARCHITECTURE.md}). Statements
 * run on the datasource's connection of the current transaction, as Hibernate's do, so JDBC and entities can share a
 * transaction. Parameters are bound by type: an {@link Instant} as a {@code timestamptz}, a {@link WireValue} enum as
 * its value, a collection as a {@code text[]}; anything else as the driver binds it. A failure is an
 * {@link IllegalStateException} naming what was being done (a connection failure stays recognisable to
 * {@link DatabaseUnavailable}, which walks the causes).
 */
@ApplicationScoped
public class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {

        T map(ResultSet row) throws SQLException;
    }

    @Inject
    DataSource dataSource;

    /** Every row of the query, mapped; {@code what} names the work in the error ("reading magic links"). */
    public <T> List<T> list(String what, String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, parameters);
                ResultSet r = s.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(mapper.map(r));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    /** The first row of the query, mapped, if there is one. */
    public <T> Optional<T> first(String what, String sql, RowMapper<T> mapper, Object... parameters) {
        return list(what, sql, mapper, parameters).stream().findFirst();
    }

    /** Runs an insert, update or delete; returns the number of rows it changed. */
    public int update(String what, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    /**
     * Takes PostgreSQL's transaction-scoped advisory lock on {@code key} (hashed), waiting for it: serialises work on
     * one key across instances until the current transaction ends.
     */
    public void advisoryXactLock(String key) {
        list("taking the lock " + key, "select 1 from (select pg_advisory_xact_lock(hashtextextended(?, 0))) l",
                r -> 1, key);
    }

    /** A statement with its parameters bound, for callers that manage the connection themselves. */
    public static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, bindable(c, parameters[i]));
        }
        return s;
    }

    private static Object bindable(Connection c, Object parameter) throws SQLException {
        if (parameter instanceof Instant instant) {
            return timestamp(instant);
        }
        if (parameter instanceof WireValue value) {
            return value.value();
        }
        if (parameter instanceof Collection<?> values) {
            return c.createArrayOf("text", values.toArray());
        }
        return parameter;
    }

    /** An instant as the driver binds it to a {@code timestamptz}. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column as an instant; null for SQL null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code timestamptz} column as an instant; null for SQL null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code text[]} column as a list; empty for SQL null. */
    public static List<String> strings(ResultSet row, int column) throws SQLException {
        Array array = row.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
