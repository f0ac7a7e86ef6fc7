package dev.troupe.examples;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Spawns a million actors, sends each a message, collects every reply, and reports time, rate and heap used
 * per actor; then shuts the system down.
 */
@Command(name = "million-actors", mixinStandardHelpOptions = true,
        description = "Spawn N actors, message each once, collect the replies, report time, rate and memory.")
public final class MillionActorsDemo implements Callable<Integer> {

    @Option(names = "--actors", defaultValue = "1000000", description = "How many actors (default ${DEFAULT-VALUE}).")
    int actors;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "Give up after this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MillionActorsDemo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (actors < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--actors must be at least 1");
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = usedHeapAfterGc(memory);

        ActorSystem<Fleet.Command> system = ActorSystem.create(Fleet.create(), "million");
        Fleet.Spawned spawned;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Spawning").setInitialMax(actors)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).continuousUpdate().build()) {
            spawned = ask(system, replyTo -> new Fleet.SpawnAll(actors, bar::stepTo, replyTo));
            bar.stepTo(actors);
        }
        long heapPerActor = (usedHeapAfterGc(memory) - baseline) / actors;

        Fleet.AllReplied replied = ask(system, Fleet.PingAll::new);

        long shutdownStart = System.nanoTime();
        system.terminate();
        system.whenTerminated().toCompletableFuture().join();
        long shutdownMillis = (System.nanoTime() - shutdownStart) / 1_000_000;

        System.out.printf(Locale.ROOT, "%n%-22s %,d%n", "actors", actors);
        System.out.printf(Locale.ROOT, "%-22s %,d ms (%,.0f actors/s)%n", "spawn time", spawned.nanos() / 1_000_000,
                perSecond(actors, spawned.nanos()));
        System.out.printf(Locale.ROOT, "%-22s %,d ms (%,.0f round trips/s)%n", "message + reply",
                replied.nanos() / 1_000_000, perSecond(replied.replies(), replied.nanos()));
        System.out.printf(Locale.ROOT, "%-22s %,d of %,d%n", "replies collected", replied.replies(), actors);
        System.out.printf(Locale.ROOT, "%-22s %,d bytes%n", "heap used per actor", heapPerActor);
        System.out.printf(Locale.ROOT, "%-22s %,d ms, all actors stopped%n", "clean shutdown", shutdownMillis);
        return replied.replies() == actors ? 0 : 1;
    }

    private <R> R ask(ActorSystem<Fleet.Command> system,
                      java.util.function.Function<ActorRef<R>, Fleet.Command> request) {
        return AskPattern.ask(system, request, timeout, system.scheduler()).toCompletableFuture().join();
    }

    private static double perSecond(long count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The guardian: spawns the actors in batches, then pings them all and counts the replies. */
    static final class Fleet {
        private static final int BATCH = 10_000;

        sealed interface Command {}

        record SpawnAll(int count, java.util.function.LongConsumer progress, ActorRef<Spawned> replyTo)
                implements Command {}

        record PingAll(ActorRef<AllReplied> replyTo) implements Command {}

        private record SpawnBatch(int remaining, long startNanos, java.util.function.LongConsumer progress,
                                  ActorRef<Spawned> replyTo) implements Command {}

        private record Pong() implements Command {}

        record Spawned(long nanos) {}

        record AllReplied(long replies, long nanos) {}

        record Ping(ActorRef<Pong> replyTo) {}

        static Behavior<Command> create() {
            return Behaviors.setup(ctx -> {
                java.util.List<ActorRef<Ping>> workers = new java.util.ArrayList<>();
                Behavior<Ping> worker = Behaviors.receiveMessage(ping -> {
                    ping.replyTo().tell(new Pong());
                    return Behaviors.same();
                });
                return Behaviors.receiveMessage(new Behaviors.MessageHandler<>() {
                    private ActorRef<AllReplied> pingRequester;
                    private long pongs;
                    private long pingStart;

                    @Override
                    public Behavior<Command> apply(Command command) {
                        switch (command) {
                            case SpawnAll(int count, var progress, var replyTo) ->
                                    ctx.self().tell(new SpawnBatch(count, System.nanoTime(), progress, replyTo));
                            case SpawnBatch(int remaining, long start, var progress, var replyTo) -> {
                                int batch = Math.min(BATCH, remaining);
                                for (int i = 0; i < batch; i++) {
                                    workers.add(ctx.spawnAnonymous(worker));
                                }
                                progress.accept(workers.size());
                                if (remaining > batch) {
                                    ctx.self().tell(new SpawnBatch(remaining - batch, start, progress, replyTo));
                                } else {
                                    replyTo.tell(new Spawned(System.nanoTime() - start));
                                }
                            }
                            case PingAll(var replyTo) -> {
                                pingRequester = replyTo;
                                pongs = 0;
                                pingStart = System.nanoTime();
                                ActorRef<Pong> self = ctx.self().narrow();
                                for (ActorRef<Ping> w : workers) {
                                    w.tell(new Ping(self));
                                }
                            }
                            case Pong() -> {
                                if (++pongs == workers.size()) {
                                    pingRequester.tell(new AllReplied(pongs, System.nanoTime() - pingStart));
                                }
                            }
                        }
                        return Behaviors.same();
                    }
                });
            });
        }
    }
}
