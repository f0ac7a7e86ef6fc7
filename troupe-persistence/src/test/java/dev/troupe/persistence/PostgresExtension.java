package dev.troupe.persistence;

import static org.junit.jupiter.api.Assertions.fail;

import dev.troupe.persistence.internal.PostgresCluster;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real PostgreSQL server: one {@link PostgresCluster} for the whole test run (started by
 * the first class that needs it, stopped and deleted when the run ends), and a new database per
 * {@link #settings} call. Register it with {@code @RegisterExtension static final PostgresExtension postgres =
 * new PostgresExtension();}.
 *
 * <p>Without PostgreSQL's binaries the class is skipped, saying why; with the environment variable
 * {@code TROUPE_REQUIRE_POSTGRES=1} (as {@code .ci/run} sets it, after installing Debian's package) it fails.
 */
final class PostgresExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    private PostgresCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresCluster.class, key -> startCluster(), PostgresCluster.class);
    }

    private static PostgresCluster startCluster() {
        Optional<Path> bin = PostgresCluster.findBinaries();
        if (bin.isEmpty()) {
            String missing = PostgresCluster.MISSING_BINARIES + " to run the PostgreSQL tests";
            if ("1".equals(System.getenv("TROUPE_REQUIRE_POSTGRES"))) {
                fail(missing + " (TROUPE_REQUIRE_POSTGRES=1 requires them)");
            }
            Assumptions.abort(missing);
        }
        try {
            return PostgresCluster.start(bin.get(), false); // fsync off: the tests prove semantics
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a PostgreSQL cluster with " + bin.get() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Settings for a new, empty database, with the schema applied on open. */
    PostgresSettings settings(Serializer serializer) {
        return PostgresSettings.of(cluster.createDatabase(), PostgresCluster.USER, "", serializer)
                .withSchemaCreation(true);
    }

    /** The JDBC URL of a new, empty database without the schema. */
    String emptyDatabase() {
        return cluster.createDatabase();
    }
}
