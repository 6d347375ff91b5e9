package dev.switchboard.magiclink;

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
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.tenant.Tenant;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.WireValue;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkView;

/**
 * The hot paths of the organization's API in plain JDBC, one statement each (bench/README.md): the reads
 * ({@code GET /magic-links}, {@code GET /magic-links/{id}}), which select only the columns of a {@link MagicLinkView}
 * and map them straight to views, and the insert of a new link with its {@code created} activity row. Through
 * Hibernate these cost the service more CPU than the rest of the request: managed entities, snapshots, a flush and an
 * extra round trip for the activity's identity. Everything else (the transitions of a link, which read, lock and
 * change it) uses the {@link MagicLink} entity; the columns written here are the entity's.
 */
@ApplicationScoped
class MagicLinkSql {

    private static final String COLUMNS = "id, created_at, expires_at, integration_type, integration_allow_list, "
            + "integration_block_list, integrations_with_endpoints, customer_id";

    /** A listed link and where it sits in the keyset order. */
    record Row(MagicLinkView view, PageToken position) {
    }

    @Inject
    DataSource dataSource;

    /** Up to {@code limit} links matching {@code sql}, newest first. */
    List<Row> page(LinkFilter.Sql sql, int limit, String publicUrl) {
        String statement = "select " + COLUMNS + " from magic_link where " + sql.where()
                + " order by created_at desc, id desc limit ?";
        List<Object> parameters = new ArrayList<>(sql.parameters());
        parameters.add(limit);
        return query(statement, parameters, publicUrl, limit);
    }

    /** The tenant's link unless it is revoked. */
    Optional<MagicLinkView> one(Tenant tenant, String id, String publicUrl) {
        List<Row> rows = query("select " + COLUMNS + " from magic_link where id = ? and organization_id = ? "
                + "and environment = ? and status <> 'revoked'",
                List.of(id, tenant.organizationId(), tenant.environment().value()), publicUrl, 1);
        return rows.stream().findFirst().map(Row::view);
    }

    /**
     * Inserts a new link and its {@code created} activity in one statement, in the caller's transaction. {@code link}
     * is not managed afterwards: nothing in the transaction changes it.
     */
    void insertCreated(MagicLink link, String activityDetails) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_CREATED)) {
            s.setString(1, link.id);
            s.setString(2, link.organizationId);
            s.setString(3, link.environment.value());
            s.setString(4, link.integrationType.value());
            s.setArray(5, c.createArrayOf("text", link.integrationAllowList.toArray()));
            s.setArray(6, c.createArrayOf("text", link.integrationBlockList.toArray()));
            s.setArray(7, c.createArrayOf("text", link.integrationsWithEndpoints.toArray()));
            s.setString(8, link.customerId);
            s.setString(9, link.connectionId);
            s.setString(10, link.redirectUrl);
            s.setString(11, link.metadata);
            s.setBoolean(12, link.sandbox);
            s.setArray(13, c.createArrayOf("text", link.disabledFunctions.toArray()));
            s.setString(14, link.status.value());
            s.setObject(15, timestamp(link.createdAt));
            s.setObject(16, timestamp(link.expiresAt));
            s.setString(17, MagicLinkActivity.CREATED);
            s.setString(18, activityDetails);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("inserting a magic link failed", e);
        }
    }

    private static final String INSERT_CREATED = """
            with link as (
                insert into magic_link (id, organization_id, environment, integration_type, integration_allow_list,
                    integration_block_list, integrations_with_endpoints, customer_id, connection_id, redirect_url, metadata,
                    sandbox, disabled_functions, status, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                returning id, created_at)
            insert into magic_link_activity (magic_link_id, event, occurred_at, details)
            select id, ?, created_at, ?::jsonb from link""";

    long count(LinkFilter.Sql sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, "select count(*) from magic_link where " + sql.where(), sql.parameters());
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting magic links failed", e);
        }
    }

    private List<Row> query(String statement, List<Object> parameters, String publicUrl, int expected) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, statement, parameters);
                ResultSet r = s.executeQuery()) {
            List<Row> rows = new ArrayList<>(expected);
            while (r.next()) {
                String id = r.getString(1);
                Instant createdAt = r.getObject(2, OffsetDateTime.class).toInstant();
                MagicLinkView view = MagicLinkView.of(id, publicUrl, r.getObject(3, OffsetDateTime.class).toInstant(),
                        WireValue.parse(IntegrationType.class, r.getString(4)),
                        strings(r.getArray(5)), strings(r.getArray(6)), strings(r.getArray(7)), r.getString(8));
                rows.add(new Row(view, new PageToken(createdAt, id)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading magic links failed", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String statement, List<Object> parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(statement);
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            s.setObject(i + 1, parameter instanceof Instant instant ? timestamp(instant) : parameter);
        }
        return s;
    }

    /** An instant as the driver binds it to a {@code timestamptz}. */
    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
