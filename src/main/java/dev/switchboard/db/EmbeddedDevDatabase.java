package dev.switchboard.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of dev mode. Its data lives in a git-ignored folder and survives restarts.
 * Dev mode reloads the application in fresh class loaders, so the running server is remembered in a
 * JVM-wide system property rather than a static field.
 */
final class EmbeddedDevDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDevDatabase.class);
    private static final String RUNNING_URL = "embedded-postgres.switchboard-dev.url";

    static final String USER = "postgres";

    private EmbeddedDevDatabase() {
    }

    static synchronized String startOrReuse(String dataDir) {
        String running = System.getProperty(RUNNING_URL);
        if (running != null) {
            return running;
        }
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .start();
            String url = pg.getJdbcUrl(USER, "postgres");
            System.setProperty(RUNNING_URL, url);
            LOG.infof(
                    "Embedded PostgreSQL on port %d, data in %s (kept across restarts; delete the folder to start afresh). "
                            + "To use your own server instead set QUARKUS_DATASOURCE_JDBC_URL, _USERNAME and _PASSWORD.",
                    pg.getPort(), dir);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }
}
