package dev.troupe.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Fresh benchmark JVMs, configured alike: the same {@code java} as this one, a fixed heap ({@code -Xms} =
 * {@code -Xmx}), pre-touched, the parallel collector. A fork reports each result as a tab-separated line that
 * starts with a tag; every other line it prints is echoed with the fork's label. Used by {@link BenchMain} and
 * {@link PersistenceBenchMain}, from one thread at a time; a fork's lines are handled on the calling thread.
 */
final class Forks {
    private Forks() {}

    /** The {@code java} binary of this JVM. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The options every fork starts with: {@code heap} fixed and pre-touched, the parallel collector, and
     * conditional card marking. Without it, the parallel collector's write barrier stores to the card table on
     * every reference write, and two threads writing objects within 32 KB of each other (actors spawned one after
     * the other) write the same cache line of it: two independent ping-pong pairs then ran no faster than one
     * (ParallelPairsMain: speed-up 0.89 without, 1.89 with). G1, the JVM's default collector, filters such writes
     * itself.
     */
    static List<String> jvmOptions(String heap) {
        List<String> options = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
                "-XX:+UseParallelGC", "-XX:+UseCondCardMark"));
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow"); // Pekko uses sun.misc.Unsafe; silences the warning
        }
        return options;
    }

    /**
     * Runs {@code java args} to its end; hands each line starting with {@code tag} and a tab to {@code onResult},
     * echoes the others, and lets the fork's standard error through.
     *
     * @return whether the fork exited with code 0; if not, a line on standard error says so
     */
    static boolean run(String java, List<String> args, String label, String tag, Consumer<String> onResult)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(tag + "\t")) {
                    onResult.accept(line);
                } else {
                    System.out.println("  [" + label + "] " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            System.err.printf(Locale.ROOT, "%s failed (exit %d): a benchmark did not validate or did not finish;"
                    + " no results are written.%n", label, exit);
            return false;
        }
        return true;
    }
}
