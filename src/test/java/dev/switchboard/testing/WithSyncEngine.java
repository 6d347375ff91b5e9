package dev.switchboard.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The suite runs without the sync engine ({@code %test.switchboard.sync.enabled=false}): tests of the read API seed
 * {@code wms_record} themselves, and tests that install vendor connections must not have background syncs calling the
 * shared WireMock stand-ins under them. The engine's own tests run it with this profile.
 */
public class WithSyncEngine implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.sync.enabled", "true");
    }
}
