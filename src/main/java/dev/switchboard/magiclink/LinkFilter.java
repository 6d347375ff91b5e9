package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.tenant.Tenant;

/**
 * The filters of {@code GET /magic-links}, as SQL over {@code magic_link}. Every filter is optional; revoked links are
 * left out unless {@code status} is {@code revoked}. "Expired" compares {@code expires_at} with one {@code now} for
 * the whole request. {@code createdFrom} and {@code createdTo} are inclusive.
 */
public record LinkFilter(String customerId, IntegrationType integrationType, LinkStatus status, Visibility visibility,
        Instant createdFrom, Instant createdTo) {

    public static final LinkFilter NONE = new LinkFilter(null, null, null, null, null, null);

    /** The SQL condition (after {@code where}) and its parameters, in the order of its {@code ?} placeholders. */
    record Sql(String where, List<Object> parameters) {
    }

    Sql toSql(Tenant tenant, Instant now, KeysetCursor after) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where.add("organization_id = ? and environment = ?");
        params.add(tenant.organizationId());
        params.add(tenant.environment().value());
        if (customerId != null) {
            where.add("customer_id = ?");
            params.add(customerId);
        }
        if (integrationType != null) {
            where.add("integration_type = ?");
            params.add(integrationType.value());
        }
        if (status == null) {
            where.add("status <> 'revoked'");
        } else {
            switch (status) {
                case CREATED, OPENED -> {
                    where.add("status = ? and expires_at > ?");
                    params.add(status.value());
                    params.add(now);
                }
                case COMPLETED, REVOKED -> {
                    where.add("status = ?");
                    params.add(status.value());
                }
                case EXPIRED -> {
                    where.add("status in ('created', 'opened') and expires_at <= ?");
                    params.add(now);
                }
            }
        }
        if (visibility == Visibility.ACTIVE) {
            where.add("status <> 'revoked' and (status = 'completed' or expires_at > ?)");
            params.add(now);
        } else if (visibility == Visibility.EXPIRED) {
            where.add("status in ('created', 'opened') and expires_at <= ?");
            params.add(now);
        }
        if (createdFrom != null) {
            where.add("created_at >= ?");
            params.add(createdFrom);
        }
        if (createdTo != null) {
            where.add("created_at <= ?");
            params.add(createdTo);
        }
        if (after != null) {
            where.add("(created_at, id) < (?, ?)");
            params.add(after.createdAt());
            params.add(after.id());
        }
        return new Sql(String.join(" and ", where), params);
    }
}
