package dev.switchboard.insights;

import static dev.switchboard.testing.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The organization-wide median open -> completion time is exact: it equals the median computed here from the raw
 * durations (percentile_cont's definition: the middle one, or the mean of the two middle ones, rounded) and the
 * percentile_cont of the links' rows, for spread, clustered, tied and filtered distributions. Completed links are
 * written as {@code LinkLifecycle} writes them (opened link, then the {@code completed} activity row, whose trigger
 * keeps the duration rollup, then {@code completed_at}), with durations chosen to the millisecond.
 */
@QuarkusTest
class OrganizationMedianTest {

    private static final HexFormat HEX = HexFormat.of();

    @Inject
    DataSource db;

    private final SecureRandom ids = new SecureRandom();

    @Test
    void spreadOverManyBucketsOddAndEvenCounts() throws SQLException {
        Random random = new Random(16);
        for (int count : new int[]{ 101, 100, 1, 2 }) {
            Fixtures.Org org = Fixtures.newOrganization();
            double[] seconds = new double[count];
            for (int i = 0; i < count; i++) {
                // Log-uniform from 0.2 s to 5 days: dozens of 10%-wide buckets.
                seconds[i] = millis(0.2 * Math.pow(5 * 86400 / 0.2, random.nextDouble()));
                complete(org, "wms", null, seconds[i], 1);
            }
            assertMedian(org, "", seconds);
        }
    }

    @Test
    void allInOneBucketWithTiesAndAnEvenCount() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        double[] seconds = new double[40];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = millis(3650 + (i % 7) * 37.5 + (i % 3) * 0.001);
            complete(org, "wms", null, seconds[i], 1);
        }
        assertEquals(1L, count("""
                select count(distinct magic_link_duration_bucket(extract(epoch from completed_at - opened_at)))
                from magic_link where organization_id = ?""", org.id()), "the case needs one bucket");
        assertMedian(org, "", seconds);
    }

    @Test
    void theTwoMiddleCompletionsInDifferentBucketsAndHalvesRoundUp() throws SQLException {
        // 2 and 10 s are buckets 11 and 25: the mean of the two middle ones, 6.
        assertEquals(6L, medianOf(org("wms", 1, 2, 10, 11), ""));
        // 1.5 rounds to 2, as Math.round and percentile_cont's rounding by the service agree.
        assertEquals(2L, medianOf(org("wms", 1, 2), ""));
        // Nothing, a sub-second and zero durations (bucket 0).
        assertEquals(0L, medianOf(org("wms", 0, 0, 0.001, 0.3, 0.9), ""));
        double[] ties = new double[31];
        Arrays.fill(ties, 42.123);
        ties[0] = 1;
        ties[30] = 100_000;
        assertEquals(42L, medianOf(org("wms", ties), ""));
    }

    @Test
    void filtersByIntegrationTypeAndCustomerAndIgnoresWhatHasNoDuration() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        Random random = new Random(3);
        List<Double> wms = new ArrayList<>();
        List<Double> cart = new ArrayList<>();
        List<Double> customer = new ArrayList<>();
        List<Double> customerCart = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean isCart = i % 3 == 0;
            double s = millis(isCart ? 30 + random.nextDouble() * 60 : 600 + random.nextDouble() * 6000);
            String customerId = i % 4 == 0 ? "cus-a" : "cus-b";
            complete(org, isCart ? "cart" : "wms", customerId, s, 1);
            (isCart ? cart : wms).add(s);
            if (customerId.equals("cus-a")) {
                customer.add(s);
                if (isCart) {
                    customerCart.add(s);
                }
            }
        }
        // Opened, never completed; and completed without having been opened: neither has a duration.
        String opened = link(org, "wms", "cus-a", Instant.now().minusSeconds(60));
        execute("update magic_link set status = 'opened' where id = ?", opened);
        String unopened = link(org, "wms", "cus-a", null);
        execute("insert into magic_link_activity (magic_link_id, event, occurred_at, details) values (?, 'completed', now(), '{}')",
                unopened);
        execute("update magic_link set status = 'completed', completed_at = now() where id = ?", unopened);

        double[] all = DoubleStream.concat(wms.stream().mapToDouble(d -> d), cart.stream().mapToDouble(d -> d))
                .toArray();
        assertMedian(org, "", all);
        assertMedian(org, "integration_type=wms", wms.stream().mapToDouble(d -> d).toArray());
        assertMedian(org, "integration_type=cart", cart.stream().mapToDouble(d -> d).toArray());
        assertMedian(org, "customer_id=cus-a", customer.stream().mapToDouble(d -> d).toArray());
        assertMedian(org, "customer_id=cus-a&integration_type=cart",
                customerCart.stream().mapToDouble(d -> d).toArray());
        assertNull(medianOf(org, "integration_type=erp"));
    }

    @Test
    void onlyTheRangesCompletionsCount() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        double[] recent = { 10, 20, 30 };
        double[] old = { 50_000, 60_000, 70_000, 80_000 };
        for (double s : recent) {
            complete(org, "wms", null, s, 1);
        }
        for (double s : old) {
            complete(org, "wms", null, s, 40 * 24);
        }
        assertMedian(org, "range=30d", recent);
        assertMedian(org, "range=90d", DoubleStream.concat(Arrays.stream(recent), Arrays.stream(old)).toArray());
    }

    @Test
    void aRollupThatDisagreesWithTheLinksStillGivesTheExactMedian() throws SQLException {
        Fixtures.Org org = org("wms", 500);
        // Two completions the links do not have, in a bucket below: the median's rank points at no row.
        execute("""
                insert into magic_link_daily_duration (organization_id, environment, day, integration_type, bucket,
                                                       shard, completions)
                values (?, 'test', (now() at time zone 'UTC')::date, 'wms', 3, 0, 2)""", org.id());
        assertEquals(500L, medianOf(org, ""));
    }

    @Test
    void locateFindsTheBucketAndTheOffsetOfARank() {
        List<long[]> buckets = List.of(new long[]{ 4, 2 }, new long[]{ 9, 3 }, new long[]{ 30, 1 });
        assertArrayEquals(new long[]{ 4, 0 }, InsightsService.locate(buckets, 1));
        assertArrayEquals(new long[]{ 4, 1 }, InsightsService.locate(buckets, 2));
        assertArrayEquals(new long[]{ 9, 0 }, InsightsService.locate(buckets, 3));
        assertArrayEquals(new long[]{ 9, 2 }, InsightsService.locate(buckets, 5));
        assertArrayEquals(new long[]{ 30, 0 }, InsightsService.locate(buckets, 6));
        assertThrows(IllegalArgumentException.class, () -> InsightsService.locate(buckets, 7));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The median of {@code seconds} by percentile_cont's definition, rounded as the service rounds it. */
    static long expected(double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double lo = sorted[(n - 1) / 2];
        double hi = sorted[n / 2];
        return Math.round(lo + (hi - lo) * 0.5);
    }

    private void assertMedian(Fixtures.Org org, String query, double[] seconds) throws SQLException {
        Long answered = medianOf(org, query);
        assertNotNull(answered, query);
        assertEquals(expected(seconds), answered, query + " " + Arrays.toString(seconds));
        if (query.isEmpty()) {
            // And what the slow way, one percentile_cont over the links' rows, says.
            assertEquals(exactFromRows(org), answered);
        }
    }

    private static Long medianOf(Fixtures.Org org, String query) {
        Number median = as(org.testKey()).get("/insights/magic-links" + (query.isEmpty() ? "" : "?" + query)).then()
                .statusCode(200).extract()
                .path("totals.median_open_to_completion_seconds");
        return median == null ? null : median.longValue();
    }

    private Fixtures.Org org(String type, double... seconds) throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        for (double s : seconds) {
            complete(org, type, null, s, 1);
        }
        assertEquals(expected(seconds), exactFromRows(org));
        return org;
    }

    private long exactFromRows(Fixtures.Org org) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select percentile_cont(0.5) within group (order by extract(epoch from completed_at - opened_at))
                from magic_link where organization_id = ? and environment = 'test' and opened_at is not null
                  and completed_at is not null""")) {
            s.setString(1, org.id());
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                // Rounded as InsightsService.median rounds it (PostgreSQL's round would round half to even).
                return Math.round(rows.getDouble(1));
            }
        }
    }

    /**
     * A link opened {@code seconds} before its completion, which was {@code hoursAgo} hours ago; recorded in the order
     * LinkLifecycle records it.
     */
    private void complete(Fixtures.Org org, String type, String customerId, double seconds, int hoursAgo)
            throws SQLException {
        Instant completed = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(hoursAgo));
        Instant opened = completed.minusMillis(Math.round(seconds * 1000));
        String id = link(org, type, customerId, opened);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into magic_link_activity (magic_link_id, event, occurred_at, details)
                    values (?, 'completed', ?, '{"integration_name": "sandbox"}')""")) {
                s.setString(1, id);
                s.setObject(2, OffsetDateTime.ofInstant(completed, ZoneOffset.UTC));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "update magic_link set status = 'completed', completed_at = ? where id = ?")) {
                s.setObject(1, OffsetDateTime.ofInstant(completed, ZoneOffset.UTC));
                s.setString(2, id);
                s.executeUpdate();
            }
        }
    }

    private String link(Fixtures.Org org, String type, String customerId, Instant opened) throws SQLException {
        byte[] bytes = new byte[16];
        ids.nextBytes(bytes);
        String id = HEX.formatHex(bytes);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into magic_link (id, organization_id, environment, integration_type, customer_id, status,
                                        created_at, expires_at, opened_at)
                values (?, ?, 'test', ?, ?, 'created', now() - interval '60 days', now() + interval '1 day', ?)""")) {
            s.setString(1, id);
            s.setString(2, org.id());
            s.setString(3, type);
            s.setString(4, customerId);
            s.setObject(5, opened == null ? null : OffsetDateTime.ofInstant(opened, ZoneOffset.UTC));
            s.executeUpdate();
        }
        return id;
    }

    private long count(String sql, String arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql, String arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            s.executeUpdate();
        }
    }

    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
