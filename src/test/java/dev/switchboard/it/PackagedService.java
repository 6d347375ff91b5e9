package dev.switchboard.it;

import java.util.HashMap;
import java.util.Map;

import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged service needs from its environment when the {@code *IT} suite launches it (the jar, or with
 * {@code -Dnative} the native executable). It runs as shipped, in the {@code prod} profile, so nothing of
 * application.properties' {@code %test} settings applies: the suite's database (the embedded PostgreSQL of
 * {@link PostgresResource}, or {@code QUARKUS_DATASOURCE_JDBC_URL}), an encryption key, the operator token, and webhook
 * receivers on loopback with quick retries are passed to the process as system properties.
 */
public class PackagedService implements QuarkusTestResourceLifecycleManager {

    /** The suite's fixed test key (application.properties). Never use it anywhere else. */
    static final String ENCRYPTION_KEY = "c3dpdGNoYm9hcmQtdGVzdC1rZXktMDEyMzQ1Njc4OWE=";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new PostgresResource().start());
        config.put("switchboard.encryption.key", ENCRYPTION_KEY);
        config.put("switchboard.admin-token", Fixtures.OPERATOR_TOKEN);
        config.put("switchboard.auth.failed-attempts-per-minute", "1000");
        config.put("switchboard.allow-insecure-localhost", "true");
        config.put("switchboard.webhooks.retry-schedule", "0.2S,0.2S,0.2S");
        config.put("switchboard.webhooks.poll-interval", "0.2S");
        config.put("switchboard.webhooks.timeout", "3S");
        return config;
    }

    @Override
    public void stop() {
        // The database belongs to PostgresResource, which stops it with the test JVM.
    }
}
