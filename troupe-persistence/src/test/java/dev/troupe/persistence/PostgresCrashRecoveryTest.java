package dev.troupe.persistence;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.testkit.TestKitExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test ({@link CrashRounds}) on PostgreSQL: the writer JVM (the client) is killed with writes in
 * flight; the server keeps running.
 */
class PostgresCrashRecoveryTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedEventSurvivesSigkillWithoutGapsOrDuplicates() throws Exception {
        PostgresSettings settings = postgres.settings(new TextSerializer());
        new CrashRounds(List.of("postgres", settings.jdbcUrl(), settings.user()),
                () -> PostgresStore.open(settings), testKit.kit(), directory)
                .run(3, CrashRounds.seed());
    }
}
