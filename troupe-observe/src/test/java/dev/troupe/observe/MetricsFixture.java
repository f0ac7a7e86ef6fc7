package dev.troupe.observe;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DispatcherSelector;
import dev.troupe.actor.Props;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.ManualTime;
import dev.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test kit whose system reports to an {@link ActorMetrics} (bound) and whose scheduler is {@link ManualTime}:
 * the alert monitor runs only when a test moves the clock, on the test's thread.
 */
final class MetricsFixture implements AutoCloseable {
    final ManualTime time = ManualTime.create();
    final ActorMetrics metrics;
    final ActorTestKit kit;

    MetricsFixture(String systemName, ActorMetricsSettings settings) {
        this.metrics = ActorMetrics.create(settings);
        this.kit = ActorTestKit.create(systemName,
                ActorSystemSettings.builder().scheduler(() -> time).instrumentation(metrics).build());
    }

    /** Settings that time every message, never throttled, so that the histograms see each one. */
    static ActorMetricsSettings.Builder everyMessage() {
        return ActorMetricsSettings.builder().sampleEvery(1).minSampleSpacing(Duration.ZERO);
    }

    /** The snapshot of {@code actorType}. */
    ActorTypeSnapshot type(String actorType) {
        return metrics.snapshot().actorTypes().stream().filter(t -> t.actorType().equals(actorType)).findFirst()
                .orElseThrow(() -> new AssertionError("no actor type " + actorType + " in " + metrics.snapshot()));
    }

    /** A message for {@link #gate}: tells {@code entered}, then holds the actor until {@code release} opens. */
    record Hold(ActorRef<String> entered, String name, CountDownLatch release) {}

    /**
     * An actor of type {@code actorType}, on the blocking dispatcher, that holds its thread on each {@link Hold}
     * and ignores every other message: how a test keeps messages waiting in a mailbox.
     */
    ActorRef<Object> gate(String name, String actorType, Props props) {
        Behavior<Object> gate = Behaviors.receiveMessage(message -> {
            if (message instanceof Hold(var entered, var holdName, var release)) {
                entered.tell(holdName);
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released " + holdName);
                }
            }
            return Behaviors.same();
        });
        return kit.spawn(gate, name, props.withDispatcher(DispatcherSelector.blocking()).withActorType(actorType));
    }

    /** A gate that holds its thread, and the latch that lets it go. */
    record HeldGate(ActorRef<Object> ref, CountDownLatch release) {}

    /**
     * A {@link #gate} that holds its thread when this returns, with {@code queued} strings waiting in its mailbox
     * (fewer if its mailbox is bounded and drops).
     */
    HeldGate heldGate(String name, String actorType, Props props, int queued) {
        TestProbe<String> entered = kit.createTestProbe();
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Object> gate = gate(name, actorType, props);
        gate.tell(new Hold(entered.ref(), name, release));
        entered.expectMessage(name); // it holds its thread now: what follows waits in its mailbox
        for (int i = 0; i < queued; i++) {
            gate.tell("queued");
        }
        return new HeldGate(gate, release);
    }

    @Override
    public void close() {
        kit.shutdown();
    }
}
