package dev.switchboard.magiclink;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.WireValue;
import dev.switchboard.db.Jdbc;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkView;
import dev.switchboard.tenant.Tenant;

/**
 * The organization's reads of its links in plain JDBC, one statement each (bench/README.md): {@code GET /magic-links}
 * and {@code GET /magic-links/{id}} select only the columns of a {@link MagicLinkView} and map them straight to views.
 * Through Hibernate these cost the service more CPU than the rest of the request (managed entities, snapshots). They
 * are read-only projections: every write of a link goes through the {@link MagicLink} entity (docs/ARCHITECTURE.md,
 * "Data access").
 */
@ApplicationScoped
class MagicLinkSql {

    private static final String COLUMNS = "id, created_at, expires_at, integration_type, integration_allow_list, "
            + "integration_block_list, integrations_with_endpoints, customer_id";

    /** A listed link and where it sits in the keyset order. */
    record Row(MagicLinkView view, KeysetCursor position) {
    }

    @Inject
    Jdbc jdbc;

    /** Up to {@code limit} links matching {@code sql}, newest first. */
    List<Row> page(LinkFilter.Sql sql, int limit, String publicUrl) {
        List<Object> parameters = new ArrayList<>(sql.parameters());
        parameters.add(limit);
        return jdbc.list("reading magic links", "select " + COLUMNS + " from magic_link where " + sql.where()
                + " order by created_at desc, id desc limit ?", r -> row(r, publicUrl), parameters.toArray());
    }

    /** The tenant's link unless it is revoked. */
    Optional<MagicLinkView> one(Tenant tenant, String id, String publicUrl) {
        return jdbc.first("reading a magic link", "select " + COLUMNS + " from magic_link where id = ? "
                + "and organization_id = ? and environment = ? and status <> 'revoked'", r -> row(r, publicUrl),
                id, tenant.organizationId(), tenant.environment()).map(Row::view);
    }

    long count(LinkFilter.Sql sql) {
        return jdbc.first("counting magic links", "select count(*) from magic_link where " + sql.where(),
                r -> r.getLong(1), sql.parameters().toArray()).orElseThrow();
    }

    private static Row row(ResultSet r, String publicUrl) throws SQLException {
        String id = r.getString(1);
        MagicLinkView view = MagicLinkView.of(id, publicUrl, Jdbc.instant(r, 3),
                WireValue.parse(IntegrationType.class, r.getString(4)), Jdbc.strings(r, 5), Jdbc.strings(r, 6),
                Jdbc.strings(r, 7), r.getString(8));
        return new Row(view, new KeysetCursor(Jdbc.instant(r, 2), id));
    }
}
