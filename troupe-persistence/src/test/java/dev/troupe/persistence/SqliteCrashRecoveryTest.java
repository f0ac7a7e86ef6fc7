package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.testkit.TestKitExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The crash test ({@link CrashRounds}) on a SQLite file: the writer JVM is killed with the file open. */
class SqliteCrashRecoveryTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedEventSurvivesSigkillWithoutGapsOrDuplicates() throws Exception {
        Path file = directory.resolve("crash.db");
        new CrashRounds(List.of("sqlite", file.toString()),
                () -> SqliteStore.open(SqliteSettings.of(file, new TextSerializer())), testKit.kit(), directory)
                .run(3, CrashRounds.seed());
    }

    @Test
    void aWriterThatCannotOpenTheStoreFailsTheTestWithItsError() {
        // A directory is no database file: the writer exits at once, and the test must say so, not hang.
        CrashRounds rounds = new CrashRounds(List.of("sqlite", directory.toString()),
                () -> SqliteStore.open(SqliteSettings.of(directory.resolve("unused.db"), new TextSerializer())),
                testKit.kit(), directory);
        assertThatThrownBy(() -> rounds.run(1, 1)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("The writer stopped by itself (exit code 2)")
                .hasMessageContaining("Exception");
    }
}
