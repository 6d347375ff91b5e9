package dev.switchboard.magiclink;

import static dev.switchboard.testing.Fixtures.as;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import dev.switchboard.testing.Contract;
import io.restassured.http.ContentType;

/** Helpers shared by the magic link tests. */
final class MagicLinkTesting {

    private MagicLinkTesting() {
    }

    /** Creates a link through the API (contract-checked) and returns its id. */
    static String create(String key, Map<String, ?> body) {
        return as(key).filter(Contract.FILTER).contentType(ContentType.JSON).body(body).post("/magic-links").then()
                .statusCode(200).extract().path("magic_link.id");
    }

    static String create(String key) {
        return create(key, Map.of());
    }

    /** Runs one SQL statement (test setup only: moving a link's clock, for instance). */
    static void sql(DataSource db, String statement, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a link's expiry into the past, as if its days had gone by. */
    static void expire(DataSource db, String id) {
        sql(db, "update magic_link set expires_at = now() - interval '1 minute' where id = ?", id);
    }
}
