package dev.switchboard.apikey;

import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.ResolvedKey;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The key cache is cleared after a revoke commits, so a look-up racing the revoke cannot keep the key alive. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RevokeCacheTest {

    @Inject
    ApiKeyService keys;
    @Inject
    ApiKeyResolver resolver;

    @Test
    void a_key_loaded_by_another_request_before_the_revoke_commits_is_forgotten_after_it() {
        Fixtures.Org org = newOrganization();
        String raw = newKey(org.testKey(), "read", 0);
        String id = Fixtures.keyId(org.testKey(), raw);
        byte[] hash = ApiKeyFormat.hash(raw);
        QuarkusTransaction.requiringNew().run(() -> {
            keys.revoke(new Tenant(org.id(), Environment.TEST), id);
            // Another request, in its own transaction, still sees the committed (unrevoked) row and caches it.
            Optional<ResolvedKey> seen = CompletableFuture.supplyAsync(() -> resolver.load(hash)).join();
            assertTrue(seen.isPresent() && seen.get().revokedAt() == null,
                    "the racing look-up saw the key before the commit");
        });
        assertNull(resolver.cached(hash), "the revoke's commit cleared what the racing look-up cached");
        assertEquals(true, resolver.load(hash).map(k -> k.revokedAt() != null).orElse(false));
    }
}
