package dev.troupe.examples;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.observe.ActorMetrics;
import dev.troupe.observe.ObserverSettings;
import dev.troupe.observe.TroupeObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A workshop of actors to watch in the live observer: teams of workers that a foreman keeps busy with jobs of
 * uneven cost, a few of which fail and are restarted by their supervisor. Prints the observer's URL and runs
 * until the time is up (or forever).
 */
@Command(name = "observer-demo", mixinStandardHelpOptions = true,
        description = "Runs a workshop of actors and serves the Troupe observer page for it.")
public final class ObserverDemo implements Callable<Integer> {

    /** What a worker does. */
    public sealed interface Job {
        record Work(int cost) implements Job {}
    }

    /** What a team's foreman does. */
    public sealed interface Foreman {
        record Tick() implements Foreman {}
    }

    @Option(names = "--teams", description = "Teams (default: ${DEFAULT-VALUE}).")
    int teams = 20;

    @Option(names = "--workers", description = "Workers per team (default: ${DEFAULT-VALUE}).")
    int workers = 100;

    @Option(names = "--port", description = "The observer's port on 127.0.0.1 (default: any free port).")
    int port = 0;

    @Option(names = "--seconds", description = "How long to run; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    long seconds = 0;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ObserverDemo()).execute(args));
    }

    /** A running workshop and its observer. */
    public record Running(ActorSystem<Void> system, TroupeObserver observer) implements AutoCloseable {
        @Override
        public void close() {
            system.terminate();
            system.whenTerminated().toCompletableFuture().join();
        }
    }

    /** Starts a workshop of {@code teams} × {@code workers} actors and its observer on {@code port}. */
    public static Running start(int teams, int workers, int port) {
        // tag::observe[]
        ActorMetrics metrics = ActorMetrics.create();
        ActorSystem<Void> system = ActorSystem.create(workshop(teams, workers), "workshop",
                ActorSystemSettings.builder().instrumentation(metrics).build());
        TroupeObserver observer = TroupeObserver.start(system, metrics, ObserverSettings.builder().port(port).build());
        System.out.println("Observer: " + observer.url());
        // end::observe[]
        return new Running(system, observer);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (teams < 1 || workers < 1 || port < 0 || port > 65_535 || seconds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--teams and --workers must be positive, --port 0..65535, --seconds not negative");
        }
        try (Running running = start(teams, workers, port)) {
            System.out.printf("%,d workers busy; open the URL above%s%n", teams * workers,
                    seconds == 0 ? ", stop with Ctrl+C" : ", for " + seconds + " s");
            if (seconds == 0) {
                running.system().whenTerminated().toCompletableFuture().join();
            } else {
                Thread.sleep(Duration.ofSeconds(seconds));
            }
        }
        return 0;
    }

    static Behavior<Void> workshop(int teams, int workers) {
        return Behaviors.setup(ctx -> {
            for (int t = 0; t < teams; t++) {
                ctx.spawn(foreman(workers), "team-" + t, Props.empty().withActorType("foreman"));
            }
            return Behaviors.empty();
        });
    }

    static Behavior<Foreman> foreman(int workers) {
        return Behaviors.setup(ctx -> {
            List<ActorRef<Job>> team = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                team.add(ctx.spawn(Behaviors.supervise(worker()).onFailure(IllegalStateException.class,
                        SupervisorStrategy.restart()), "worker-" + w, Props.empty().withActorType("worker")));
            }
            return Behaviors.withTimers(timers -> {
                timers.startTimerAtFixedRate("tick", new Foreman.Tick(), Duration.ofMillis(20));
                return Behaviors.receiveMessage(tick -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (ActorRef<Job> worker : team) {
                        worker.tell(new Job.Work(random.nextInt(1, 2_000)));
                    }
                    return Behaviors.same();
                });
            });
        });
    }

    static Behavior<Job> worker() {
        return Behaviors.receiveMessage(job -> switch (job) {
            case Job.Work(int cost) -> {
                if (cost == 1_999 && ThreadLocalRandom.current().nextInt(50) == 0) {
                    throw new IllegalStateException("a tool broke");
                }
                long acc = 0;
                for (int i = 0; i < cost; i++) {
                    acc += Long.numberOfTrailingZeros(i * 0x9E3779B97F4A7C15L);
                }
                yield acc < 0 ? Behaviors.stopped() : Behaviors.same();
            }
        });
    }
}
