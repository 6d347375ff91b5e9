package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.connection.TokenRetention;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;

/** Spent tokens, old deliveries and expired rate-limit buckets are purged; what may still be used is kept. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetentionTest {

    @Inject
    DataSource dataSource;
    @Inject
    TokenRetention tokens;
    @Inject
    DeliveryRetention deliveries;
    @Inject
    RateLimiter rateLimiter;

    @Test
    void spent_link_tokens_old_deliveries_and_expired_buckets_are_deleted_and_the_rest_kept() throws Exception {
        Org org = newOrganization();
        String webhook = WebhookTesting.createWebhook(org.testKey(), "http://127.0.0.1:9/hook");
        String prefix = "rt" + System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            for (String[] row : List.of(new String[]{ "old", "now() - interval '3 days'", "null" },
                    new String[]{ "used", "now() + interval '1 hour'", "now() - interval '2 days'" },
                    new String[]{ "live", "now() + interval '1 hour'", "null" },
                    new String[]{ "recent", "now() - interval '1 hour'", "null" })) {
                exec(c, "insert into link_token (id, organization_id, environment, token_hash, expires_at, used_at) values ('"
                        + prefix + row[0] + "', '" + org.id() + "', 'test', sha256('" + prefix + row[0] + "'::bytea), "
                        + row[1] + ", " + row[2] + ")");
            }
            for (String[] row : List.of(new String[]{ "done-old", "succeeded", "now() - interval '40 days'" },
                    new String[]{ "done-new", "succeeded", "now() - interval '1 day'" },
                    new String[]{ "failed-old", "failed", "now() - interval '31 days'" })) {
                exec(c, "insert into webhook_delivery (id, endpoint_id, organization_id, environment, event_id, event_type, "
                        + "status, attempts, created_at, completed_at) values ('" + prefix + row[0] + "', '" + webhook
                        + "', '" + org.id() + "', 'test', 'evt_" + prefix + row[0] + "', 'magic_link.created', '"
                        + row[1]
                        + "', 1, " + row[2] + ", " + row[2] + ")");
            }
            exec(c, "insert into rate_limit_bucket (id, state, expires_at) values ('" + prefix
                    + "-expired', '\\x00', 1)");
        }
        tokens.purge("link_token");
        deliveries.purgeDeliveries();
        rateLimiter.purgeExpired(100);
        assertEquals(List.of(prefix + "live", prefix + "recent"), ids("link_token", prefix));
        assertEquals(List.of(prefix + "done-new"), ids("webhook_delivery", prefix));
        assertEquals(List.of(), ids("rate_limit_bucket", prefix));
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    private List<String> ids(String table, String prefix) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select id from " + table + " where id like ? order by id")) {
            s.setString(1, prefix + "%");
            try (ResultSet r = s.executeQuery()) {
                List<String> ids = new java.util.ArrayList<>();
                while (r.next()) {
                    ids.add(r.getString(1));
                }
                return ids;
            }
        }
    }
}
