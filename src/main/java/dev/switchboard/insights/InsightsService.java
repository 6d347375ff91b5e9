package dev.switchboard.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.error.ApiException;
import dev.switchboard.insights.InsightsDtos.Day;
import dev.switchboard.insights.InsightsDtos.Funnel;
import dev.switchboard.insights.InsightsDtos.Insights;
import dev.switchboard.insights.InsightsDtos.IntegrationStep;
import dev.switchboard.insights.InsightsDtos.Range;
import dev.switchboard.insights.InsightsDtos.Totals;
import dev.switchboard.tenant.Tenant;

/**
 * Insights of magic links. The organization's insight reads the {@code magic_link_daily} rollup (a few thousand rows
 * at most, whatever the number of links) and finds its exact median through the {@code magic_link_daily_duration}
 * histogram (see {@link #organizationMedian}); one link's, or one customer's, reads that link's or customer's own
 * events
 * and views. Both are assembled by the same code from the same kind of rows, so they cannot disagree.
 */
@ApplicationScoped
public class InsightsService {

    private static final Logger LOG = Logger.getLogger(InsightsService.class);

    @Inject
    DataSource db;
    @Inject
    Clock clock;

    /** One row of counts for a day and an integration ('' when the event names none). */
    record Counts(LocalDate day, String integration, long created, long views, long unique, long opened, long selected,
            long completed, long failed) {
    }

    /** One link of the tenant, revoked ones included; 404 for anything else. */
    public Insights forLink(Tenant tenant, String id, InsightRange range) {
        if (id == null || !id.matches("[0-9a-f]{32}") || !exists(tenant, id)) {
            throw ApiException.notFound("Magic link not found", id);
        }
        LinkSet links = new LinkSet("id = ?", id, null);
        return assemble(id, range, raw(tenant, links, range), median(tenant, links, range));
    }

    /** The tenant's links, optionally of one integration type or one customer. */
    public Insights forOrganization(Tenant tenant, InsightRange range, IntegrationType type, String customerId) {
        if (customerId != null) {
            LinkSet links = new LinkSet("customer_id = ?", customerId, type);
            return assemble(null, range, raw(tenant, links, range), median(tenant, links, range));
        }
        return assemble(null, range, rollup(tenant, range, type), organizationMedian(tenant, range, type));
    }

    /**
     * The organization's exact median open-to-completion time, defined as a link's or a customer's is ({@link #median}:
     * {@code percentile_cont(0.5)} over the completions of the range, the mean of the two middle ones when their number
     * is even), without sorting every completion. Two phases: {@code magic_link_daily_duration} (buckets 10% wide, at
     * most a few hundred after grouping) says which bucket holds each middle rank and how many completions lie below
     * it; then
     * {@code magic_link_completion_duration_idx} (V23) lists that bucket's completions in order and the rank is read
     * at its offset. The cost is that of one bucket's completions up to the rank, not of the range's.
     */
    private Long organizationMedian(Tenant tenant, InsightRange range, IntegrationType type) {
        String sql = """
                select bucket, sum(completions) from magic_link_daily_duration
                where organization_id = ? and environment = ? and day >= ?"""
                + (type == null ? "" : " and integration_type = ?")
                + " group by bucket order by bucket";
        try (Connection c = db.getConnection()) {
            List<long[]> buckets = new ArrayList<>();
            long total = 0;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, tenant.organizationId());
                s.setString(2, tenant.environment().value());
                s.setObject(3, range.firstDay(clock));
                if (type != null) {
                    s.setString(4, type.value());
                }
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        buckets.add(new long[]{ rows.getLong(1), rows.getLong(2) });
                        total += rows.getLong(2);
                    }
                }
            }
            if (total == 0) {
                return null;
            }
            // percentile_cont(0.5)'s two rows (1-based): the same one when the count is odd.
            long[] lower = locate(buckets, (total + 1) / 2);
            long[] upper = locate(buckets, total / 2 + 1);
            OffsetDateTime from = OffsetDateTime.ofInstant(InsightRange.startOf(range.firstDay(clock)), ZoneOffset.UTC);
            List<Double> values = new ArrayList<>();
            if (lower[0] == upper[0]) {
                values.addAll(inBucket(c, tenant, type, from, lower[0], lower[1], upper[1] - lower[1] + 1));
            } else {
                values.addAll(inBucket(c, tenant, type, from, lower[0], lower[1], 1));
                values.addAll(inBucket(c, tenant, type, from, upper[0], upper[1], 1));
            }
            if (values.size() != (lower[0] == upper[0] && lower[1] == upper[1] ? 1 : 2)) {
                // A rank without its row: the rollup and the links disagree (the trigger writes both in the link's
                // completing transaction, so this is not expected). The exact answer the slow way, not a wrong one.
                // A disagreement that leaves every rank a row is not detected here; the tests compare the two.
                LOG.warnf("Median: the duration rollup of %s (%s) does not match its links; sorting them instead",
                        tenant.organizationId(), tenant.environment().value());
                return median(tenant, new LinkSet(null, null, type), range);
            }
            double first = values.get(0);
            double second = values.get(values.size() - 1);
            // As percentile_cont interpolates (lo + (hi - lo) * 0.5), so the two medians round alike.
            return Math.round(values.size() == 1 ? first : first + (second - first) * 0.5);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Where the {@code rank}-th smallest (1-based) of the histogram's completions is: {bucket, offset within the
     * bucket (0-based)}. {@code buckets} are {bucket, completions} in bucket order; the rank is at most their sum.
     */
    static long[] locate(List<long[]> buckets, long rank) {
        long below = 0;
        for (long[] bucket : buckets) {
            if (below + bucket[1] >= rank) {
                return new long[]{ bucket[0], rank - below - 1 };
            }
            below += bucket[1];
        }
        throw new IllegalArgumentException("rank " + rank + " beyond " + below + " completions");
    }

    /** Up to {@code count} open-to-completion times in seconds of one bucket, from its {@code offset}-th, in order. */
    private static List<Double> inBucket(Connection c, Tenant tenant, IntegrationType type, OffsetDateTime from,
            long bucket, long offset, long count) throws SQLException {
        String sql = """
                select extract(epoch from completed_at - opened_at) from magic_link
                where organization_id = ? and environment = ? and completed_at is not null and opened_at is not null
                  and magic_link_duration_bucket(extract(epoch from completed_at - opened_at)) = ?
                  and completed_at >= ?"""
                + (type == null ? "" : " and integration_type = ?")
                + " order by extract(epoch from completed_at - opened_at) offset ? limit ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int index = 1;
            s.setString(index++, tenant.organizationId());
            s.setString(index++, tenant.environment().value());
            s.setInt(index++, (int) bucket);
            s.setObject(index++, from);
            if (type != null) {
                s.setString(index++, type.value());
            }
            s.setLong(index++, offset);
            s.setLong(index, count);
            List<Double> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getDouble(1));
                }
            }
            return values;
        }
    }

    /** Which of the tenant's links: one column condition (or none) and an optional integration type. */
    private record LinkSet(String condition, String value, IntegrationType type) {

        String where() {
            return "organization_id = ? and environment = ?" + (condition == null ? "" : " and " + condition)
                    + (type == null ? "" : " and integration_type = ?");
        }

        int bind(PreparedStatement s, int index, Tenant tenant) throws SQLException {
            s.setString(index++, tenant.organizationId());
            s.setString(index++, tenant.environment().value());
            if (condition != null) {
                s.setString(index++, value);
            }
            if (type != null) {
                s.setString(index++, type.value());
            }
            return index;
        }
    }

    private boolean exists(Tenant tenant, String id) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select 1 from magic_link where id = ? and organization_id = ? and environment = ?")) {
            s.setString(1, id);
            s.setString(2, tenant.organizationId());
            s.setString(3, tenant.environment().value());
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Counts> rollup(Tenant tenant, InsightRange range, IntegrationType type) {
        String sql = """
                select day, integration_name, sum(created), sum(views), sum(unique_viewer_days), sum(opened),
                       sum(selected), sum(completed), sum(failed)
                from magic_link_daily
                where organization_id = ? and environment = ? and day >= ?"""
                + (type == null ? "" : " and integration_type = ?")
                + " group by day, integration_name";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tenant.organizationId());
            s.setString(2, tenant.environment().value());
            s.setObject(3, range.firstDay(clock));
            if (type != null) {
                s.setString(4, type.value());
            }
            return counts(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Counts> raw(Tenant tenant, LinkSet links, InsightRange range) {
        String sql = "with links as (select id from magic_link where " + links.where() + """
                )
                select (a.occurred_at at time zone 'UTC')::date,
                       case when a.event in ('integration_selected', 'completed', 'failed')
                            then coalesce(a.details ->> 'integration_name', '') else '' end,
                       count(*) filter (where a.event = 'created'), 0, 0,
                       count(*) filter (where a.event = 'opened'),
                       count(*) filter (where a.event = 'integration_selected'),
                       count(*) filter (where a.event = 'completed'),
                       count(*) filter (where a.event = 'failed')
                from magic_link_activity a
                where a.magic_link_id in (select id from links) and a.occurred_at >= ?
                  and a.event in ('created', 'opened', 'integration_selected', 'completed', 'failed')
                group by 1, 2
                union all
                select v.day, '', 0, sum(v.views), count(*), 0, 0, 0, 0
                from magic_link_view v
                where v.magic_link_id in (select id from links) and v.day >= ?
                group by v.day""";
        LocalDate first = range.firstDay(clock);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int index = links.bind(s, 1, tenant);
            s.setObject(index++, OffsetDateTime.ofInstant(InsightRange.startOf(first), ZoneOffset.UTC));
            s.setObject(index, first);
            return counts(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Long median(Tenant tenant, LinkSet links, InsightRange range) {
        String sql = """
                select percentile_cont(0.5) within group (order by extract(epoch from completed_at - opened_at))
                from magic_link where completed_at >= ? and opened_at is not null and completed_at is not null"""
                + " and " + links.where();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, OffsetDateTime.ofInstant(InsightRange.startOf(range.firstDay(clock)), ZoneOffset.UTC));
            links.bind(s, 2, tenant);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                double seconds = rows.getDouble(1);
                return rows.wasNull() ? null : Math.round(seconds);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Counts> counts(PreparedStatement s) throws SQLException {
        List<Counts> counts = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                counts.add(new Counts(rows.getObject(1, LocalDate.class), rows.getString(2), rows.getLong(3),
                        rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8),
                        rows.getLong(9)));
            }
        }
        return counts;
    }

    private Insights assemble(String linkId, InsightRange range, List<Counts> counts, Long median) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate first = range.firstDay(clock);
        TreeMap<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate day = first; !day.isAfter(InsightRange.today(clock)); day = day.plusDays(1)) {
            days.put(day, new long[6]);
        }
        Map<String, long[]> integrations = new TreeMap<>();
        long created = 0;
        long views = 0;
        long unique = 0;
        long opened = 0;
        long selected = 0;
        long completed = 0;
        long failed = 0;
        for (Counts row : counts) {
            created += row.created();
            views += row.views();
            unique += row.unique();
            opened += row.opened();
            selected += row.selected();
            completed += row.completed();
            failed += row.failed();
            long[] day = days.get(row.day());
            if (day != null) {
                day[0] += row.views();
                day[1] += row.unique();
                day[2] += row.opened();
                day[3] += row.selected();
                day[4] += row.completed();
                day[5] += row.failed();
            }
            if (!row.integration().isEmpty()) {
                long[] integration = integrations.computeIfAbsent(row.integration(), n -> new long[3]);
                integration[0] += row.selected();
                integration[1] += row.completed();
                integration[2] += row.failed();
            }
        }
        List<IntegrationStep> byIntegration = new ArrayList<>();
        integrations.forEach((name, c) -> byIntegration.add(new IntegrationStep(name, c[0], c[1], c[2])));
        byIntegration.sort(Comparator.comparingLong(IntegrationStep::selected).reversed()
                .thenComparing(IntegrationStep::integrationName));
        List<Day> series = new ArrayList<>();
        days.forEach((day, c) -> series.add(new Day(day, c[0], c[1], c[2], c[3], c[4], c[5])));
        Double conversion = opened == 0 ? null : Math.round(completed * 10000.0 / opened) / 10000.0;
        return new Insights(linkId, new Range(range.value(), InsightRange.startOf(first), now),
                new Totals(created, views, unique, opened, selected, completed, failed, conversion, median),
                new Funnel(created, opened, selected, completed, byIntegration), series);
    }
}
