package dev.troupe.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** A runner's command line executed in the test's JVM, with what it printed to standard output. */
record CommandRun(int exitCode, String output) {

    /** Runs {@code command} with {@code args}, capturing System.out meanwhile (the runners print their report). */
    static CommandRun of(Object command, String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            exitCode = new CommandLine(command).execute(args);
        } finally {
            System.setOut(original);
        }
        return new CommandRun(exitCode, output.toString(StandardCharsets.UTF_8));
    }
}
