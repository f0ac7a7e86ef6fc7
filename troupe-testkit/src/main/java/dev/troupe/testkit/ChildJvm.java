package dev.troupe.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM that a test starts, talks to and kills: for multi-JVM tests (remote nodes, crash tests). It runs a main
 * class from the test's own class path; the test reads its standard output line by line, each wait with a
 * deadline, writes lines to its standard input, and can kill it (SIGKILL), pause it (SIGSTOP) and let it go on
 * (SIGCONT). Its standard error goes to a file, whose content every failure message includes.
 *
 * <pre>{@code
 * try (ChildJvm node = ChildJvm.start("node-b", NodeMain.class, List.of("-Xmx256m"), List.of("--port", "0"))) {
 *     Matcher ready = node.expectLine(Pattern.compile("listening on (\\S+)"), Duration.ofSeconds(60));
 *     node.kill();
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> One test thread uses an instance; its output is read by a virtual thread of its own into a
 * queue, so the child never blocks on a full pipe. Everything the child printed before a line is returned comes
 * before it in the queue.
 *
 * <p><b>Failure.</b> A wait that ends without the line, because the deadline passed or the output ended, throws
 * {@link AssertionError} naming what was expected, whether the child is still running (or its exit code), and
 * its standard error. {@link #suspend} and {@link #resume} need the POSIX {@code kill} command and throw
 * {@link UnsupportedOperationException} where it fails to run.
 */
public final class ChildJvm implements AutoCloseable {
    /** Stands for the end of the child's output in the queue of its lines (compared by identity). */
    private static final String END = new String("end of output");

    private final String name;
    private final Process process;
    private final Path errorFile;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Writer input;
    private boolean ended;

    private ChildJvm(String name, Process process, Path errorFile) {
        this.name = name;
        this.process = process;
        this.errorFile = errorFile;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().name(name + "-output").start(this::readOutput);
    }

    /**
     * Starts {@code mainClass} in a new JVM: the same {@code java} binary and class path as this one, then
     * {@code jvmOptions}, the class name and {@code args}.
     *
     * @param name names the child in failure messages, its threads and its error file
     * @throws UncheckedIOException if the process cannot be started
     * @throws IllegalStateException if this JVM's {@code java} binary is unknown
     */
    public static ChildJvm start(String name, Class<?> mainClass, List<String> jvmOptions, List<String> args) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("The path of this JVM's java binary is unknown")));
        command.addAll(jvmOptions);
        // Surefire sets java.class.path to the test class path, also when it starts its fork from a manifest jar.
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            Path errorFile = Files.createTempFile("troupe-" + name + "-", ".err");
            Process process = new ProcessBuilder(command).redirectError(errorFile.toFile()).start();
            return new ChildJvm(name, process, errorFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child is running (a suspended child is). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The next line of the child's output.
     *
     * @throws AssertionError if no line comes within {@code within} or the output has ended
     */
    public String nextLine(Duration within) throws InterruptedException {
        String line = poll(within);
        if (line == null) {
            throw failure("printed no line within " + within);
        }
        if (line == END) {
            throw failure("ended its output");
        }
        return line;
    }

    /**
     * Reads lines until one matches {@code pattern} in full, skipping the others; returns its match.
     *
     * @throws AssertionError if no matching line comes within {@code within} or the output ends first
     */
    public Matcher expectLine(Pattern pattern, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (;;) {
            String line = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (line == null || line == END) {
                throw failure((line == null ? "printed no line matching [" : "ended its output before a line matching [")
                        + pattern + "] within " + within);
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
    }

    /**
     * Writes {@code line} and a line break to the child's standard input.
     *
     * @throws UncheckedIOException if the child no longer reads its input
     */
    public void send(String line) {
        try {
            input.write(line);
            input.write('\n');
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + name, e);
        }
    }

    /** Kills the child with SIGKILL and waits (up to a minute) until it is gone. */
    public void kill() throws InterruptedException {
        // Through the handle: Process.destroyForcibly would also close our end of its output pipe, losing the
        // lines that were already in it.
        process.toHandle().destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw failure("was still running a minute after SIGKILL");
        }
    }

    /** Pauses the child (SIGSTOP): it keeps its sockets but answers nothing until {@link #resume}. */
    public void suspend() throws InterruptedException {
        signal("STOP");
    }

    /** Lets a {@linkplain #suspend suspended} child go on (SIGCONT). */
    public void resume() throws InterruptedException {
        signal("CONT");
    }

    /**
     * Waits until the child ends by itself and returns its exit code.
     *
     * @throws AssertionError if it is still running after {@code within}
     */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw failure("did not exit within " + within);
        }
        return process.exitValue();
    }

    /** What the child wrote to its standard error so far. */
    public String errorOutput() {
        try {
            return Files.readString(errorFile);
        } catch (IOException e) {
            return "(its error file " + errorFile + " is unreadable: " + e + ")";
        }
    }

    /** Kills the child if it still runs (SIGKILL ends a suspended child too). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Override
    public String toString() {
        return "ChildJvm[" + name + ", pid " + process.pid() + (process.isAlive() ? "" : ", exited") + "]";
    }

    private String poll(Duration within) throws InterruptedException {
        if (ended) {
            return END;
        }
        String line = lines.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        ended = line == END;
        return line;
    }

    private void signal(String signal) throws InterruptedException {
        int exit;
        try {
            exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            throw new UnsupportedOperationException("Cannot send SIG" + signal + " to " + name
                    + ": the kill command did not run", e);
        }
        if (exit != 0) {
            throw failure("could not be sent SIG" + signal + " (kill exited with " + exit + ")");
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output unreadable: " + e + ")");
        } finally {
            lines.add(END);
        }
    }

    private AssertionError failure(String what) {
        String state = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        return new AssertionError(name + " (pid " + process.pid() + ", " + state + ") " + what
                + "; its standard error:\n" + errorOutput());
    }
}
