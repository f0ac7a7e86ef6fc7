package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command line that must be refused, and returns what it printed to stderr. */
final class UsageErrors {

    private UsageErrors() {}

    static String usageError(Object command, String... args) {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setErr(new PrintWriter(err)).execute(args);
        assertThat(exit).as("exit code of %s", String.join(" ", args)).isEqualTo(CommandLine.ExitCode.USAGE);
        return err.toString();
    }
}
