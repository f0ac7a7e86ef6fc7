package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.testkit.LogCapture;
import dev.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each alert fires once per breach, is logged once at WARN, and clears when its condition ends. The monitor
 * runs when the test moves the {@link dev.troupe.testkit.ManualTime} clock, on the test's thread.
 */
class AlertsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final String ALERTS_LOGGER = "dev.troupe.observe.Alerts";
    /** A gate's hold lasts as long as the test makes it: not what the tests of other alerts look at. */
    private static final Duration HOLDS_ARE_NOT_SLOW = Duration.ofHours(1);

    private MetricsFixture fx;
    private final List<Alert> published = new CopyOnWriteArrayList<>();

    private void start(ActorMetricsSettings settings) {
        fx = new MetricsFixture("alerts", settings);
        fx.kit.system().eventStream().listen(Alert.class, published::add);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aDeepMailboxAlertsOnceAndClearsWhenDrained() {
        start(MetricsFixture.everyMessage().mailboxDepthThreshold(5).processingTimeP95Threshold(HOLDS_ARE_NOT_SLOW)
                .build());
        MetricsFixture.HeldGate held = fx.heldGate("blocked", "gate", Props.empty(), 10);
        ActorRef<Object> gate = held.ref();

        LogCapture.warn().withLoggerName(ALERTS_LOGGER).withMessageContaining("Mailbox of " + gate.path())
                .expect(() -> {
                    fx.time.timePasses(CHECK);
                    fx.time.timePasses(CHECK);
                });

        long raisedAt = published.get(0).atEpochMillis();
        Alert.MailboxDepth raised = new Alert.MailboxDepth(gate.path(), "gate", 10, 5, raisedAt);
        assertThat(published).containsExactly(raised);
        assertThat(fx.metrics.activeAlerts()).containsExactly(raised);

        held.release().countDown();
        await().atMost(DEADLINE).until(() -> fx.metrics.actor(gate.path()).orElseThrow().mailboxDepth() == 0);
        LogCapture.info().withLoggerName(ALERTS_LOGGER).withMessageContaining("Cleared: Mailbox of")
                .expect(() -> fx.time.timePasses(CHECK));

        assertThat(published).hasSize(2);
        assertThat(published.get(1)).isInstanceOfSatisfying(Alert.Cleared.class,
                cleared -> assertThat(cleared.breach()).isEqualTo(raised));
        assertThat(fx.metrics.activeAlerts()).isEmpty();
        assertThat(fx.metrics.recentAlerts()).isEqualTo(published);
        assertThat(fx.type("gate").maxMailboxDepth()).isEqualTo(10);
    }

    @Test
    void anActorOverTheDefaultMemoryThresholdAlertsOnceAndClearsWhenItStops() {
        start(ActorMetricsSettings.builder().processingTimeP95Threshold(HOLDS_ARE_NOT_SLOW).build());
        // A queue node per waiting message: well over 10 KB, and under the depth threshold of 10,000.
        MetricsFixture.HeldGate held = fx.heldGate("hoarder", "gate", Props.empty(), 1_000);
        ActorRef<Object> gate = held.ref();

        fx.time.timePasses(CHECK);
        fx.time.timePasses(CHECK);

        assertThat(published).singleElement().isInstanceOfSatisfying(Alert.ActorMemory.class, alert -> {
            assertThat(alert.actor()).isEqualTo(gate.path());
            assertThat(alert.estimatedBytes()).isGreaterThan(10 * 1024);
            assertThat(alert.thresholdBytes()).isEqualTo(10 * 1024);
        });

        held.release().countDown();
        fx.kit.stop(gate);
        await().atMost(DEADLINE).until(() -> fx.metrics.actor(gate.path()).isEmpty());
        fx.time.timePasses(CHECK);

        assertThat(published).hasSize(2).last().isEqualTo(new Alert.Cleared(published.get(0),
                published.get(1).atEpochMillis()));
    }

    record Spin(Duration busy, ActorRef<String> done) {}

    /** Keeps its thread busy for the time asked: the slow work under measurement, not a wait for anything. */
    private static Behavior<Spin> spinner() {
        return Behaviors.receiveMessage(spin -> {
            long end = System.nanoTime() + spin.busy().toNanos();
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            spin.done().tell("done");
            return Behaviors.same();
        });
    }

    @Test
    void slowProcessingAlertsPerTypeOnTheLastIntervalAndClearsOnAFastOne() {
        start(MetricsFixture.everyMessage().processingTimeP95Threshold(Duration.ofMillis(5)).build());
        TestProbe<String> done = fx.kit.createTestProbe();
        ActorRef<Spin> slow = fx.kit.spawn(spinner(), "slow", Props.empty().withActorType("spinner"));
        for (int i = 0; i < 3; i++) {
            slow.tell(new Spin(Duration.ofMillis(20), done.ref()));
        }
        done.receiveMessages(3);
        awaitProcessingSamples("spinner", 3);

        fx.time.timePasses(CHECK);
        fx.time.timePasses(CHECK); // an interval without samples: still in breach, not raised again

        assertThat(published).singleElement().isInstanceOfSatisfying(Alert.ProcessingTime.class, alert -> {
            assertThat(alert.actorType()).isEqualTo("spinner");
            assertThat(alert.p95Nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos() * 999 / 1000);
            assertThat(alert.thresholdNanos()).isEqualTo(Duration.ofMillis(5).toNanos());
        });
        assertThat(fx.type("spinner").recentProcessingTime().count()).as("the last interval had none").isZero();

        for (int i = 0; i < 3; i++) {
            slow.tell(new Spin(Duration.ZERO, done.ref()));
        }
        done.receiveMessages(3);
        awaitProcessingSamples("spinner", 6);
        fx.time.timePasses(CHECK);

        assertThat(published).hasSize(2).last().isInstanceOf(Alert.Cleared.class);
        assertThat(fx.type("spinner").recentProcessingTime().count()).isEqualTo(3);
    }

    private void awaitProcessingSamples(String actorType, long count) {
        await().atMost(DEADLINE).until(() -> fx.type(actorType).processingTime().count() == count);
    }

    @Test
    void frequentRestartsAlertWithTheLastCauseAndClearAfterAQuietMinute() {
        start(MetricsFixture.everyMessage().restartsPerMinuteThreshold(3).build());
        TestProbe<String> done = fx.kit.createTestProbe();
        Behavior<String> crashing = Behaviors.supervise(Behaviors.<String>receiveMessage(message -> {
            if (message.equals("crash")) {
                throw new IllegalStateException("crash");
            }
            done.ref().tell(message);
            return Behaviors.same();
        })).onFailure(IllegalStateException.class, SupervisorStrategy.restart());
        ActorRef<String> actor = fx.kit.spawn(crashing, "crasher", Props.empty().withActorType("crasher"));
        for (int i = 0; i < 5; i++) {
            actor.tell("crash");
        }
        actor.tell("alive");
        done.expectMessage("alive");
        await().atMost(DEADLINE).until(() -> fx.metrics.recentRestarts().size() == 5);

        LogCapture.warn().withLoggerName(ALERTS_LOGGER).withMessageContaining("restarted 5 times")
                .expect(() -> fx.time.timePasses(CHECK));
        fx.time.timePasses(Duration.ofSeconds(30));

        assertThat(published).singleElement().isEqualTo(new Alert.RestartRate("crasher", 5, 3,
                IllegalStateException.class.getName(), published.get(0).atEpochMillis()));

        fx.time.timePasses(Duration.ofSeconds(31)); // the restarts are more than a minute old now

        assertThat(published).hasSize(2).last().isInstanceOf(Alert.Cleared.class);
        assertThat(fx.metrics.activeAlerts()).isEmpty();
    }
}
