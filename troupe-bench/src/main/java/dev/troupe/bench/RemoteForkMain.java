package dev.troupe.bench;

import dev.troupe.bench.remote.RemotePair;
import dev.troupe.bench.remote.RemoteTls;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One fork of {@link RemoteBenchMain}: for each TLS mode, a pair of each system, warm-up rounds, then measured
 * rounds in ABBA order of the systems; each round a throughput run and a latency run, printed as one line
 * starting with {@value #TAG} (fork, tls, system, messages/s, P50, P99, P99.9 in ns). Exits 1 if a run did not
 * validate.
 *
 * <p>Arguments: {@code <fork> <tls modes, e.g. off,on> <systems, e.g. troupe,pekko> <warmups> <rounds>
 * <messages> <window> <round trips>}.
 */
public final class RemoteForkMain {
    static final String TAG = "#REMOTE";

    private RemoteForkMain() {}

    public static void main(String[] args) throws Exception {
        int fork = Integer.parseInt(args[0]);
        List<String> tlsModes = List.of(args[1].split(","));
        List<String> systems = List.of(args[2].split(","));
        int warmups = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        long messages = Long.parseLong(args[5]);
        int window = Integer.parseInt(args[6]);
        int roundTrips = Integer.parseInt(args[7]);
        PrintStream out = System.out;
        Path keys = Files.createTempDirectory("troupe-remote-bench");
        try {
            RemoteTls tls = RemoteTls.generate(keys);
            for (String mode : tlsModes) {
                List<RemotePair> pairs = new ArrayList<>();
                try {
                    for (String system : systems) {
                        pairs.add(RemotePair.start(system, mode.equals("on") ? tls : null));
                    }
                    for (int round = -warmups; round < rounds; round++) {
                        // ABBA: even rounds in the given order, odd rounds reversed
                        for (int i = 0; i < systems.size(); i++) {
                            int index = Math.floorMod(round, 2) == 0 ? i : systems.size() - 1 - i;
                            long nanos = pairs.get(index).throughput(messages, window);
                            Histogram latency = pairs.get(index).latency(roundTrips);
                            if (round >= 0) {
                                out.println(String.join("\t", TAG, Integer.toString(fork), mode, systems.get(index),
                                        String.format(Locale.ROOT, "%.1f", messages / (nanos / 1e9)),
                                        Long.toString(latency.getValueAtPercentile(50)),
                                        Long.toString(latency.getValueAtPercentile(99)),
                                        Long.toString(latency.getValueAtPercentile(99.9))));
                            }
                            System.err.printf(Locale.ROOT, "  fork %d tls %s %s %s: %,.0f msg/s, P50 %.1f µs%n", fork,
                                    mode, systems.get(index), round < 0 ? "warm-up" : "round " + (round + 1),
                                    messages / (nanos / 1e9), latency.getValueAtPercentile(50) / 1e3);
                        }
                    }
                } finally {
                    for (RemotePair pair : pairs) {
                        pair.close();
                    }
                }
            }
        } catch (IllegalStateException broken) {
            System.err.println("A remote run did not validate: " + broken.getMessage());
            System.exit(1);
        } finally {
            try (var files = Files.list(keys)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(keys);
        }
        System.exit(0); // Pekko's and Netty's threads must not keep the fork alive
    }
}
