package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {

    @Test
    void tasksRunOnlyWhenTimePassesInDueOrder() {
        ManualTime time = ManualTime.create();
        List<String> ran = new ArrayList<>();
        time.scheduleOnce(Duration.ofSeconds(3), () -> ran.add("3s"));
        time.scheduleOnce(Duration.ofSeconds(1), () -> ran.add("1s-a"));
        time.scheduleOnce(Duration.ofSeconds(1), () -> ran.add("1s-b"));
        assertThat(time.scheduledCount()).isEqualTo(3);

        time.timePasses(Duration.ofMillis(999));
        assertThat(ran).isEmpty();
        time.timePasses(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("1s-a", "1s-b");
        time.timePasses(Duration.ofMillis(1));
        assertThat(ran).containsExactly("1s-a", "1s-b", "3s");
        assertThat(time.scheduledCount()).isZero();
        assertThat(time.now()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void repeatingTaskRunsOncePerElapsedIntervalUntilCancelled() {
        ManualTime time = ManualTime.create();
        List<Duration> ranAt = new ArrayList<>();
        Cancellable task = time.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(2),
                () -> ranAt.add(time.now()));
        time.timePasses(Duration.ofSeconds(6));
        assertThat(ranAt).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThat(task.cancel()).isTrue();
        assertThat(task.cancel()).isFalse();
        assertThat(task.isCancelled()).isTrue();
        time.timePasses(Duration.ofSeconds(10));
        assertThat(ranAt).hasSize(3);
        assertThat(time.scheduledCount()).isZero();
    }

    @Test
    void tasksScheduledByATaskRunInTheSameStepWhenDue() {
        ManualTime time = ManualTime.create();
        List<String> ran = new ArrayList<>();
        time.scheduleOnce(Duration.ofSeconds(1), () -> {
            ran.add("outer");
            time.scheduleOnce(Duration.ofSeconds(1), () -> ran.add("inner"));
        });
        time.timePasses(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("outer", "inner");
    }

    @Test
    void cancellingARunTaskReportsFalse() {
        ManualTime time = ManualTime.create();
        Cancellable task = time.scheduleOnce(Duration.ZERO, () -> {});
        time.timePasses(Duration.ZERO);
        assertThat(task.cancel()).isFalse();
    }

    @Test
    void badDurationsAreRejected() {
        ManualTime time = ManualTime.create();
        assertThatThrownBy(() -> time.scheduleOnce(Duration.ofMillis(-1), () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must be zero or positive");
        assertThatThrownBy(() -> time.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> time.timePasses(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Tick(int n) {}

    /** Tells {@code probe} "started" once its timers are set, then forwards every tick. */
    static Behavior<Tick> ticker(ActorRef<Object> probe) {
        return Behaviors.withTimers(timers -> {
            timers.startSingleTimer("once", new Tick(0), Duration.ofSeconds(5));
            timers.startTimerAtFixedRate("every", new Tick(1), Duration.ofSeconds(10));
            probe.tell("started");
            return Behaviors.receiveMessage(tick -> {
                probe.tell(tick);
                return Behaviors.same();
            });
        });
    }

    @Test
    void drivesTimersOfRealActorsDeterministically() {
        ManualTime time = ManualTime.create();
        ActorTestKit kit = ActorTestKit.create("ManualTimeTest", time.systemSettings());
        try {
            TestProbe<Object> probe = kit.createTestProbe();
            kit.spawn(ticker(probe.ref()));
            probe.expectMessage("started");

            time.expectNoMessageFor(Duration.ofMillis(4999), probe);
            time.timePasses(Duration.ofMillis(1));
            probe.expectMessage(new Tick(0));

            time.expectNoMessageFor(Duration.ofMillis(4999), probe);
            time.timePasses(Duration.ofSeconds(10).plusMillis(1)); // now 20 s: fires at 10 s and 20 s
            probe.expectMessage(new Tick(1));
            probe.expectMessage(new Tick(1));
            probe.expectNoMessage();
        } finally {
            kit.shutdown();
        }
    }

    @Test
    void expectNoMessageForFailsWhenATimerFires() {
        ManualTime time = ManualTime.create();
        ActorTestKit kit = ActorTestKit.create("ManualTimeTestFails", time.systemSettings());
        try {
            TestProbe<Object> probe = kit.createTestProbe();
            kit.spawn(ticker(probe.ref()));
            probe.expectMessage("started");
            assertThatThrownBy(() -> time.expectNoMessageFor(Duration.ofSeconds(5), probe))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but received Tick[n=0]");
        } finally {
            kit.shutdown();
        }
    }
}
