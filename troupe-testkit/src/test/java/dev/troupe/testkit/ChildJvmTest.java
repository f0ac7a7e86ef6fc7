package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A child JVM started from the test class path: its output line by line, its input, kill, pause and resume. */
class ChildJvmTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static ChildJvm echo(String... args) {
        return ChildJvm.start("echo", EchoMain.class, List.of("-Xmx64m", "-XX:+UseSerialGC"), List.of(args));
    }

    @Test
    void readsTheChildsLinesAndWritesToItsInput() throws Exception {
        try (ChildJvm child = echo("a", "b")) {
            assertThat(child.expectLine(Pattern.compile("ready (.*)"), DEADLINE).group(1)).isEqualTo("a b");
            child.send("one");
            child.send("two");
            assertThat(child.nextLine(DEADLINE)).isEqualTo("echo one");
            assertThat(child.nextLine(DEADLINE)).isEqualTo("echo two");
            child.send("exit 3");
            assertThat(child.awaitExit(DEADLINE)).isEqualTo(3);
            assertThat(child.errorOutput()).contains("started with a b", "exiting on request");
        }
    }

    @Test
    void aWaitPastTheEndOfTheOutputFailsWithTheChildsStandardError() throws Exception {
        try (ChildJvm child = echo()) {
            child.expectLine(Pattern.compile("ready.*"), DEADLINE);
            child.send("exit 7");
            assertThatThrownBy(() -> child.expectLine(Pattern.compile("never"), DEADLINE))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("ended its output before a line matching [never]")
                    .hasMessageContaining("exiting on request");
            assertThatThrownBy(() -> child.nextLine(DEADLINE)).hasMessageContaining("ended its output");
            assertThat(child.awaitExit(DEADLINE)).isEqualTo(7);
        }
    }

    @Test
    void aWaitWithoutTheLineFailsAtTheDeadline() throws Exception {
        try (ChildJvm child = echo()) {
            child.expectLine(Pattern.compile("ready.*"), DEADLINE);
            assertThatThrownBy(() -> child.nextLine(Duration.ofMillis(50)))
                    .hasMessageContaining("printed no line within PT0.05S").hasMessageContaining("still running");
        }
    }

    @Test
    void killEndsTheChildAndKeepsTheLinesItPrintedBefore() throws Exception {
        try (ChildJvm child = echo()) {
            child.expectLine(Pattern.compile("ready.*"), DEADLINE);
            child.send("last");
            child.expectLine(Pattern.compile("echo last"), DEADLINE);
            child.kill();
            assertThat(child.isAlive()).isFalse();
            assertThatThrownBy(() -> child.nextLine(DEADLINE)).hasMessageContaining("ended its output");
        }
    }

    @Test
    void aSuspendedChildIsStoppedUntilResumed() throws Exception {
        try (ChildJvm child = echo()) {
            child.expectLine(Pattern.compile("ready.*"), DEADLINE);
            child.suspend();
            // the kernel stops the child when it next handles signals, a moment after kill returns
            await().atMost(DEADLINE).until(() -> processState(child.pid()) == 'T');
            child.send("while stopped");
            child.resume();
            assertThat(child.nextLine(DEADLINE)).isEqualTo("echo while stopped");
            assertThat(processState(child.pid())).isNotEqualTo('T'); // it answered, so it runs
        }
    }

    /** The state letter of a Linux process: R, S, T (stopped)… (field 3 of /proc/PID/stat). */
    private static char processState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
