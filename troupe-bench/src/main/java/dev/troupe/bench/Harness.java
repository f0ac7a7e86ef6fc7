package dev.troupe.bench;

import com.typesafe.config.Config;
import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behaviors;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one workload once on a fresh actor system: starts the system (not timed), spawns the workload's driver
 * under the guardian and waits for its result (timed), validates the result, counts the threads the system
 * started, and terminates the system (not timed). Only one system is alive at a time, so neither system's idle
 * threads (Pekko's scheduler tick, for instance) run during the other's measurement.
 */
public final class Harness {
    private Harness() {}

    /** One validated run. {@code threads}: threads the system started; {@code workers}: its dispatcher threads. */
    public record Run(long nanos, Result result, int threads, int workers) {}

    /** A command run by the guardian in its own context: how the timed part spawns the driver. */
    @FunctionalInterface
    public interface TroupeCommand {
        void run(ActorContext<TroupeCommand> ctx);
    }

    @FunctionalInterface
    interface PekkoCommand {
        void run(org.apache.pekko.actor.typed.javadsl.ActorContext<PekkoCommand> ctx);
    }

    public static ActorSystemSettings troupeSettings() {
        return ActorSystemSettings.builder()
                .parallelism(SystemKind.THREADS)
                .throughput(SystemKind.THROUGHPUT)
                .deadLetterLogLimit(0)
                .build();
    }

    /** A Troupe system whose guardian runs each {@link TroupeCommand} it is told, in its own context. */
    public static ActorSystem<TroupeCommand> startTroupe(String name, ActorSystemSettings settings) {
        return ActorSystem.create(Behaviors.<TroupeCommand>receive((ctx, cmd) -> {
            cmd.run(ctx);
            return Behaviors.same();
        }), name, settings);
    }

    public static Run run(SystemKind kind, Workload workload, long size, Duration timeout) throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        CompletableFuture<Result> done = new CompletableFuture<>();
        long start;
        long end;
        int[] threads;
        if (kind.isTroupe()) {
            ActorSystem<TroupeCommand> system = startTroupe("bench", kind.troupeSettings());
            try {
                start = System.nanoTime();
                system.tell(ctx -> ctx.spawnAnonymous(workload.troupe().driver(size, done)));
                await(done, workload, kind, timeout);
                end = System.nanoTime();
                threads = countThreads(before);
            } finally {
                system.terminate();
                system.whenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        } else {
            Config config = kind.pekkoConfig();
            org.apache.pekko.actor.typed.ActorSystem<PekkoCommand> system =
                    org.apache.pekko.actor.typed.ActorSystem.create(
                            org.apache.pekko.actor.typed.javadsl.Behaviors.<PekkoCommand>receive((ctx, cmd) -> {
                                cmd.run(ctx);
                                return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                            }), "bench", config);
            try {
                start = System.nanoTime();
                system.tell(ctx -> ctx.spawnAnonymous(workload.pekko().driver(size, done)));
                await(done, workload, kind, timeout);
                end = System.nanoTime();
                threads = countThreads(before);
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
        Result result = done.join();
        workload.validate(size, result);
        return new Run(end - start, result, threads[0], threads[1]);
    }

    private static void await(CompletableFuture<Result> done, Workload w, SystemKind kind, Duration timeout)
            throws Exception {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(w.name() + " on " + kind.id() + " did not finish within " + timeout
                    + " (an actor probably failed; see the log above)", e);
        }
    }

    /** {new threads alive, of which dispatcher workers}: threads whose name contains "dispatcher". */
    static int[] countThreads(Set<Thread> before) {
        int all = 0;
        int workers = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive()) {
                all++;
                if (t.getName().contains("dispatcher")) {
                    workers++;
                }
            }
        }
        return new int[] {all, workers};
    }
}
