package dev.switchboard.magiclink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.auth.Tenant;
import dev.switchboard.catalog.IntegrationType;

/**
 * The filters of {@code GET /magic-links}, as SQL over {@code magic_link}. Every filter is optional; revoked links are
 * left out unless {@code status} is {@code revoked}. "Expired" compares {@code expires_at} with one {@code now} for
 * the whole request. {@code createdFrom} and {@code createdTo} are inclusive.
 */
public record LinkFilter(String customerId, IntegrationType integrationType, LinkStatus status, Visibility visibility,
        Instant createdFrom, Instant createdTo) {

    public static final LinkFilter NONE = new LinkFilter(null, null, null, null, null, null);

    /** The SQL condition (after {@code where}) and its named parameters. */
    record Sql(String where, Map<String, Object> parameters) {
    }

    Sql toSql(Tenant tenant, Instant now, PageToken after) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where.add("organization_id = :org and environment = :env");
        params.put("org", tenant.organizationId());
        params.put("env", tenant.environment().value());
        if (customerId != null) {
            where.add("customer_id = :customer");
            params.put("customer", customerId);
        }
        if (integrationType != null) {
            where.add("integration_type = :type");
            params.put("type", integrationType.value());
        }
        boolean usesNow = false;
        if (status == null) {
            where.add("status <> 'revoked'");
        } else {
            switch (status) {
                case CREATED, OPENED -> {
                    where.add("status = :status and expires_at > :now");
                    params.put("status", status.value());
                    usesNow = true;
                }
                case COMPLETED, REVOKED -> {
                    where.add("status = :status");
                    params.put("status", status.value());
                }
                case EXPIRED -> {
                    where.add("status in ('created', 'opened') and expires_at <= :now");
                    usesNow = true;
                }
            }
        }
        if (visibility == Visibility.ACTIVE) {
            where.add("status <> 'revoked' and (status = 'completed' or expires_at > :now)");
            usesNow = true;
        } else if (visibility == Visibility.EXPIRED) {
            where.add("status in ('created', 'opened') and expires_at <= :now");
            usesNow = true;
        }
        if (usesNow) {
            params.put("now", now);
        }
        if (createdFrom != null) {
            where.add("created_at >= :from");
            params.put("from", createdFrom);
        }
        if (createdTo != null) {
            where.add("created_at <= :to");
            params.put("to", createdTo);
        }
        if (after != null) {
            where.add("(created_at, id) < (:after_created_at, :after_id)");
            params.put("after_created_at", after.createdAt());
            params.put("after_id", after.id());
        }
        return new Sql(String.join(" and ", where), params);
    }
}
