package dev.switchboard.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/** Recognises, anywhere in a cause chain, the failures that mean "the database cannot be reached right now". */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** How Agroal 2 words a connection request that waited the whole acquisition timeout for a busy pool. */
    static final String POOL_EXHAUSTED = "Sorry, acquisition timeout";

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01..57P03: admin shutdown, crash shutdown, cannot connect now.
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                // Agroal: "Acquisition timeout while waiting for new connection".
                if (sql.getCause() instanceof TimeoutException) {
                    return true;
                }
                // Agroal, every connection busy past the acquisition timeout: no state, no cause, only this message.
                if (sql.getMessage() != null && sql.getMessage().startsWith(POOL_EXHAUSTED)) {
                    return true;
                }
            }
        }
        return false;
    }
}
