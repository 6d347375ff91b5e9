package dev.switchboard.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** Which failures become a 503 with Retry-After instead of a 500. */
class DatabaseUnavailableTest {

    @Test
    void a_busy_pool_or_an_unreachable_server_is_unavailability_anywhere_in_the_chain() {
        // Agroal's two acquisition timeouts: opening a new connection, and waiting for a busy pool.
        assertTrue(DatabaseUnavailable.isCause(new SQLException("Acquisition timeout while waiting for new connection",
                new TimeoutException())));
        assertTrue(DatabaseUnavailable.isCause(new IllegalStateException("inserting a magic link failed",
                new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseUnavailable.isCause(new SQLException("Connection refused", "08001")));
        assertTrue(DatabaseUnavailable
                .isCause(new SQLException("terminating connection due to administrator command", "57P01")));
    }

    @Test
    void a_failing_statement_is_not() {
        assertFalse(DatabaseUnavailable
                .isCause(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertFalse(DatabaseUnavailable.isCause(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseUnavailable.isCause(new IllegalStateException("no SQL here")));
    }
}
