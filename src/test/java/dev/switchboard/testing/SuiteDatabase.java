package dev.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link PostgresResource} for every {@code @QuarkusTest} of the suite. */
@QuarkusTestResource(PostgresResource.class)
public final class SuiteDatabase {

    private SuiteDatabase() {
    }
}
