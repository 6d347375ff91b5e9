package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The suite's database: a fresh embedded PostgreSQL 18 (zonky binaries from Maven Central), or, when
 * {@code QUARKUS_DATASOURCE_JDBC_URL} is set, that server (the configuration then comes from the environment).
 * One server per test JVM, shared by every Quarkus application the suite starts.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres embedded;

    public static boolean externalDatabase() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        return url != null && !url.isBlank();
    }

    @Override
    public synchronized Map<String, String> start() {
        if (externalDatabase()) {
            return Map.of();
        }
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** The JDBC URL of the suite's database, starting the embedded server on first use. */
    public static synchronized String jdbcUrl() {
        if (externalDatabase()) {
            return System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void stop() {
        // Kept for the other applications of this JVM; stopped by the shutdown hook.
    }
}
