package dev.troupe.bench;

import dev.troupe.bench.PersistenceRounds.Fresh;
import dev.troupe.bench.PersistenceRounds.Target;
import dev.troupe.persistence.JdbcStore;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The program each persistence fork runs: {@code warmups} then {@code rounds} rounds of one figure on one store,
 * each validated round printed as one tab-separated line starting with {@value #TAG} (fork, figure, store,
 * phase, round, value); the parent {@link PersistenceBenchMain} reads them. A round that fails its check ends
 * the fork with exit code 1 and no line for that round.
 */
public final class PersistenceForkMain {
    static final String TAG = "#PERSIST";

    private PersistenceForkMain() {}

    /**
     * What one fork measures, passed on its command line.
     *
     * @param actors and {@code perActor}: the throughput figures' counters and events per counter
     * @param events and {@code snapshotAt}: the recovered entity's events and its snapshot's sequence number
     */
    record Spec(int fork, PersistenceFigure figure, int warmups, int rounds, Target target, int actors,
                int perActor, long events, long snapshotAt) {
        List<String> toArgs() {
            return List.of(Integer.toString(fork), figure.name(), Integer.toString(warmups), Integer.toString(rounds),
                    target.kind(), target.location(), target.user(), target.password(), Integer.toString(actors),
                    Integer.toString(perActor), Long.toString(events), Long.toString(snapshotAt));
        }

        static Spec parse(String[] args) {
            if (args.length != 12) {
                throw new IllegalArgumentException("A persistence fork takes 12 arguments (fork figure warmups rounds "
                        + "kind location user password actors perActor events snapshotAt), got " + args.length);
            }
            return new Spec(Integer.parseInt(args[0]), PersistenceFigure.valueOf(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), new Target(args[4], args[5], args[6], args[7]),
                    Integer.parseInt(args[8]), Integer.parseInt(args[9]), Long.parseLong(args[10]),
                    Long.parseLong(args[11]));
        }
    }

    public static void main(String[] args) {
        System.exit(run(Spec.parse(args), System.out));
    }

    /** Runs the fork's rounds, printing a line per round to {@code out}; the exit code (0, or 1 on a failure). */
    static int run(Spec spec, PrintStream out) {
        try {
            if (spec.figure().isThroughput()) {
                for (int round = 0; round < spec.warmups() + spec.rounds(); round++) {
                    System.gc(); // not timed: start each round from a collected heap
                    try (Fresh fresh = spec.target().openEmpty()) {
                        report(spec, round, out, PersistenceRounds.throughput(fresh.store(),
                                spec.figure() == PersistenceFigure.PERSIST_ONE ? 1 : spec.actors(), spec.perActor()));
                    }
                }
            } else {
                try (JdbcStore store = spec.target().openFixture()) {
                    for (int round = 0; round < spec.warmups() + spec.rounds(); round++) {
                        System.gc();
                        report(spec, round, out, PersistenceRounds.recovery(store, spec.events(), spec.snapshotAt(),
                                spec.figure() == PersistenceFigure.RECOVER_SNAPSHOT));
                    }
                }
            }
            return 0;
        } catch (Exception e) {
            out.flush();
            System.err.printf(Locale.ROOT, "FORK %d (%s on %s) FAILED: %s%n", spec.fork(), spec.figure(),
                    spec.target().kind(), e);
            if (!(e instanceof BenchCheck.Failed)) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    private static void report(Spec spec, int index, PrintStream out, double value) {
        boolean warmup = index < spec.warmups();
        out.println(String.join("\t", TAG, Integer.toString(spec.fork()), spec.figure().name(), spec.target().kind(),
                warmup ? "warmup" : "measure", Integer.toString(warmup ? index + 1 : index - spec.warmups() + 1),
                Double.toString(value)));
        out.flush();
    }
}
