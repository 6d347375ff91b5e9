package dev.switchboard.db;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Decides where the database comes from, before the datasource, Flyway and Hibernate read their configuration.
 * <ul>
 * <li>A configured {@code quarkus.datasource.jdbc.url} (usually {@code QUARKUS_DATASOURCE_JDBC_URL}) always wins.</li>
 * <li>Dev mode without one starts an embedded PostgreSQL ({@link EmbeddedDevDatabase}).</li>
 * <li>Tests start their own server (a test resource) and configure the URL themselves.</li>
 * <li>The packaged app (JVM or native) without one exits at once with a one-line message: it never carries
 * the embedded binaries.</li>
 * </ul>
 */
public class DatasourceConfigSourceFactory implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String MISSING_DATABASE = "Switchboard needs PostgreSQL: set QUARKUS_DATASOURCE_JDBC_URL "
            + "(e.g. jdbc:postgresql://db:5432/switchboard), QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD.";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(JDBC_URL))) {
            return List.of();
        }
        List<String> profiles = context.getProfiles();
        if (profiles.contains("dev")) {
            ConfigValue dataDir = context.getValue("switchboard.dev-db.data-dir");
            String dir = isSet(dataDir) ? dataDir.getValue() : ".switchboard/dev-db";
            String url = EmbeddedDevDatabase.startOrReuse(dir);
            return List.of(new PropertiesConfigSource(Map.of(
                    JDBC_URL, url,
                    "quarkus.datasource.username", EmbeddedDevDatabase.USER,
                    "quarkus.datasource.password", EmbeddedDevDatabase.USER),
                    "switchboard-embedded-dev-db", 150));
        }
        // The build also reads configuration (ExecutionMode UNSET); only a starting application must have a database.
        if (!profiles.contains("test") && ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            System.err.println(MISSING_DATABASE);
            System.err.flush();
            // exit() would wait on Quarkus's shutdown hook, which waits for a start that never comes; nothing is open
            // yet.
            Runtime.getRuntime().halt(1);
        }
        return List.of();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(150);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
