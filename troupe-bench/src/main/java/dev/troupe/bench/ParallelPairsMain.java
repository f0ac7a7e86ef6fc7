package dev.troupe.bench;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How much faster two independent ping-pong pairs run at once than one pair, with no scheduler in between: one
 * pair on a Troupe system of one thread, against two such systems (two pairs, two threads, nothing shared but the
 * JVM) started together, and against {@code ping-pong-2} (two pairs on one system of two threads). On a machine
 * with two free cores the two systems take as long as one pair (speed-up 2); what they lose is lost outside the
 * actor runtime, and bounds what {@code ping-pong-2} can gain over {@code ping-pong}. This is how the bench found
 * that the parallel collector's unconditional card marking made the two pairs share cache lines (speed-up 0.89
 * without {@code -XX:+UseCondCardMark}, 1.89 with it; see {@link Forks#jvmOptions}).
 *
 * <p>The three modes run in ABC CBA order; every run is validated like the bench's. Prints each round and the
 * medians. Arguments: {@code [round trips per pair (1,000,000)] [measured rounds (7)]}; 3 warm-up rounds.
 */
public final class ParallelPairsMain {
    private ParallelPairsMain() {}

    enum Mode { ONE_PAIR, TWO_SYSTEMS, ONE_SYSTEM_TWO_THREADS }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int warmups = 3;
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Mode[] modes = Mode.values();
        for (int round = 0; round < warmups + rounds; round++) {
            for (int i = 0; i < modes.length; i++) {
                Mode mode = modes[round % 2 == 0 ? i : modes.length - 1 - i];
                System.gc();
                long nanos = run(mode, n);
                System.out.printf(Locale.ROOT, "%s %d %-22s %8.2f ms%n", round < warmups ? "warm-up" : "round  ",
                        round + 1, mode, nanos / 1e6);
                if (round >= warmups) {
                    times.get(mode.ordinal()).add(nanos);
                }
            }
        }
        double one = Report.median(times.get(0));
        double two = Report.median(times.get(1));
        double shared = Report.median(times.get(2));
        System.out.printf(Locale.ROOT, "median: one pair %.2f ms, two systems of 1 thread %.2f ms, one system of 2 "
                + "threads %.2f ms%n", one / 1e6, two / 1e6, shared / 1e6);
        System.out.printf(Locale.ROOT, "speed-up of two pairs over one (2.0 = two free cores): two systems %.2f, "
                + "one system %.2f%n", 2 * one / two, 2 * one / shared);
    }

    /** One validated run of {@code mode} with {@code n} round trips per pair; its time in nanoseconds. */
    static long run(Mode mode, long n) throws Exception {
        return switch (mode) {
            case ONE_PAIR -> pairs(1, 1, "ping-pong", n);
            case TWO_SYSTEMS -> pairs(2, 1, "ping-pong", n);
            case ONE_SYSTEM_TWO_THREADS -> pairs(1, 2, "ping-pong-2", n);
        };
    }

    /** Starts {@code systems} systems of {@code threads} threads, each running {@code workload}; validated. */
    private static long pairs(int systems, int threads, String workload, long n) throws Exception {
        Workload w = Workloads.byName(workload);
        ActorSystemSettings settings = Harness.troupeSettings().toBuilder().parallelism(threads).build();
        List<ActorSystem<Harness.TroupeCommand>> started = new ArrayList<>();
        List<CompletableFuture<Result>> done = new ArrayList<>();
        try {
            for (int i = 0; i < systems; i++) {
                started.add(Harness.startTroupe("pairs-" + i, settings));
                done.add(new CompletableFuture<>());
            }
            long start = System.nanoTime();
            for (int i = 0; i < systems; i++) {
                CompletableFuture<Result> result = done.get(i);
                started.get(i).tell(ctx -> ctx.spawnAnonymous(w.troupe().driver(n, result)));
            }
            for (CompletableFuture<Result> result : done) {
                w.validate(n, result.get(120, TimeUnit.SECONDS));
            }
            return System.nanoTime() - start;
        } finally {
            for (ActorSystem<?> system : started) {
                system.terminate();
                system.whenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
    }
}
