package dev.switchboard.db;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * The native executable has no embedded PostgreSQL: the packaged app never carries its classes
 * ({@code quarkus.class-loading.removed-artifacts}), and dev mode, its only user, never runs natively. The native
 * builder still sees {@link DatasourceConfigSourceFactory} call {@link EmbeddedDevDatabase#startOrReuse}, and with
 * {@code --link-at-build-time} (which Quarkus passes) a reachable method that names a missing class fails the build.
 * This replaces the method in the native executable only; the JVM ignores the class.
 */
@TargetClass(EmbeddedDevDatabase.class)
final class Target_EmbeddedDevDatabase {

    private Target_EmbeddedDevDatabase() {
    }

    @Substitute
    static String startOrReuse(String dataDir) {
        throw new IllegalStateException(
                "The embedded PostgreSQL exists only in dev mode, never in the native executable.");
    }
}
