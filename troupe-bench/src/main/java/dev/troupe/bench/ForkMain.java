package dev.troupe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The program each fork runs: for every workload, {@code warmups} then {@code rounds} runs of every system,
 * interleaved A B B A (the order of the systems is reversed every other round). Each validated run is printed
 * as one tab-separated line starting with {@value #TAG}; the parent {@link BenchMain} reads them. A run that
 * fails validation or times out ends the fork with exit code 1 and no line for that run.
 *
 * <p>Arguments: {@code fork warmups rounds sizeClass timeoutSeconds systems(comma) workloads(comma)}.
 */
public final class ForkMain {
    static final String TAG = "#RUN";

    private ForkMain() {}

    public static void main(String[] args) throws Exception {
        int fork = Integer.parseInt(args[0]);
        int warmups = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Workload.SizeClass sizes = Workload.SizeClass.valueOf(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        List<SystemKind> systems = Arrays.stream(args[5].split(",")).map(SystemKind::byId).toList();
        List<Workload> workloads = Arrays.stream(args[6].split(",")).map(Workloads::byName).toList();
        try {
            for (Workload w : workloads) {
                long size = w.size(sizes);
                int total = warmups + rounds;
                for (int i = 0; i < total; i++) {
                    List<SystemKind> order = new ArrayList<>(systems);
                    if (i % 2 == 1) {
                        java.util.Collections.reverse(order); // A B, B A, A B, ...
                    }
                    String phase = i < warmups ? "warmup" : "measure";
                    int round = i < warmups ? i + 1 : i - warmups + 1;
                    for (SystemKind kind : order) {
                        System.gc(); // not timed: start each run from a collected heap
                        Harness.Run run = Harness.run(kind, w, size, timeout);
                        System.out.println(String.join("\t", TAG, Integer.toString(fork), w.name(), kind.id(),
                                phase, Integer.toString(round), Long.toString(size), Long.toString(run.nanos()),
                                Long.toString(run.result().count()), Long.toString(run.result().checksum()),
                                Integer.toString(run.threads()), Integer.toString(run.workers())));
                        System.out.flush();
                    }
                }
            }
        } catch (Throwable t) {
            System.out.flush();
            System.err.println(String.format(Locale.ROOT, "FORK %d FAILED: %s", fork, t));
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
