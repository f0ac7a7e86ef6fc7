package dev.troupe.observe;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.testkit.ActorTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A system for the observer's tests: {@code groups} groups of {@code workersPerGroup} workers under
 * {@code /user/app}, the first {@code busyGroups} of them sending each of their first 100 workers a message
 * every 20 ms,
 * a lone worker {@code /user/victim} to stop, and a worker {@code /user/flaky} that restarts when told to
 * fail. Instrumented by {@link ActorMetrics}, observed by a {@link TroupeObserver}.
 */
final class ObservedSystem implements AutoCloseable {
    sealed interface Work {
        record Job(int size) implements Work {}

        record Fail(String why) implements Work {}
    }

    private static final int BUSY_WORKERS_PER_GROUP = 100;

    private sealed interface GroupCommand {
        record Tick() implements GroupCommand {}
    }

    final ActorTestKit kit;
    final ActorMetrics metrics;
    final ActorRef<Work> victim;
    final ActorRef<Work> flaky;
    final TroupeObserver observer;

    ObservedSystem(String name, int groups, int workersPerGroup, int busyGroups, ActorMetricsSettings metricsSettings,
                   ObserverSettings settings) {
        metrics = ActorMetrics.create(metricsSettings);
        kit = ActorTestKit.create(name, ActorSystemSettings.builder().instrumentation(metrics).build());
        kit.spawn(app(groups, workersPerGroup, busyGroups), "app");
        victim = kit.spawn(worker(), "victim", Props.empty().withActorType("victim"));
        flaky = kit.spawn(Behaviors.supervise(worker()).onFailure(IllegalStateException.class,
                SupervisorStrategy.restart()), "flaky", Props.empty().withActorType("flaky"));
        observer = TroupeObserver.start(kit.system(), metrics, settings);
    }

    private static Behavior<Void> app(int groups, int workersPerGroup, int busyGroups) {
        return Behaviors.setup(ctx -> {
            for (int g = 0; g < groups; g++) {
                ctx.spawn(group(workersPerGroup, g < busyGroups), String.format("group-%02d", g),
                        Props.empty().withActorType("group"));
            }
            return Behaviors.empty();
        });
    }

    private static Behavior<GroupCommand> group(int workers, boolean busy) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
            List<ActorRef<Work>> refs = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                refs.add(ctx.spawn(worker(), String.format("worker-%03d", w), Props.empty().withActorType("worker")));
            }
            if (busy) {
                timers.startTimerAtFixedRate("tick", new GroupCommand.Tick(), Duration.ofMillis(20));
            }
            List<ActorRef<Work>> busyOnes = refs.subList(0, Math.min(BUSY_WORKERS_PER_GROUP, refs.size()));
            return Behaviors.receiveMessage(tick -> {
                busyOnes.forEach(ref -> ref.tell(new Work.Job(200)));
                return Behaviors.same();
            });
        }));
    }

    static Behavior<Work> worker() {
        return Behaviors.receiveMessage(message -> switch (message) {
            case Work.Job(int size) -> {
                double sum = 0;
                for (int i = 1; i <= size; i++) {
                    sum += Math.sqrt(i); // a little real work, so that processing times are not all zero
                }
                yield sum >= 0 ? Behaviors.same() : Behaviors.stopped();
            }
            case Work.Fail(String why) -> throw new IllegalStateException(why);
        });
    }

    @Override
    public void close() {
        observer.close();
        kit.shutdown();
    }
}
