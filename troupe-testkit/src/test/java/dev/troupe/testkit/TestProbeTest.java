package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behaviors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestProbeTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension();

    private static final Duration SHORT = Duration.ofMillis(200);

    record Ping(String text) {}

    @Test
    void expectMessagePassesAndReturnsTheMessage() {
        TestProbe<Ping> probe = testKit.kit().createTestProbe();
        probe.ref().tell(new Ping("a"));
        assertThat(probe.expectMessage(new Ping("a"))).isEqualTo(new Ping("a"));
    }

    @Test
    void expectMessageFailsOnAnotherMessageNamingBoth() {
        TestProbe<Ping> probe = testKit.kit().createTestProbe();
        probe.ref().tell(new Ping("b"));
        assertThatThrownBy(() -> probe.expectMessage(new Ping("a")))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected Ping[text=a] but received Ping[text=b] on troupe://");
    }

    @Test
    void expectMessageFailsOnTimeoutNamingTheWait() {
        TestProbe<Ping> probe = testKit.kit().createTestProbe();
        assertThatThrownBy(() -> probe.expectMessage(SHORT, new Ping("a")))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Timeout (200 ms) during expectMessage while waiting for Ping[text=a]");
    }

    @Test
    void expectMessageClassChecksTheType() {
        TestProbe<Object> probe = testKit.kit().createTestProbe();
        probe.ref().tell(new Ping("a"));
        assertThat(probe.expectMessageClass(Ping.class).text()).isEqualTo("a");
        probe.ref().tell("not a ping");
        assertThatThrownBy(() -> probe.expectMessageClass(Ping.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a message of " + Ping.class.getName())
                .hasMessageContaining("but received not a ping (java.lang.String)");
    }

    @Test
    void receiveMessagesReturnsThemInOrderOrSaysHowManyCame() {
        TestProbe<Integer> probe = testKit.kit().createTestProbe();
        for (int i = 0; i < 3; i++) {
            probe.ref().tell(i);
        }
        assertThat(probe.receiveMessages(3)).containsExactly(0, 1, 2);
        probe.ref().tell(7);
        assertThatThrownBy(() -> probe.receiveMessages(2, SHORT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for 2 messages; received 1: [7]");
    }

    @Test
    void expectNoMessagePassesWhenQuietAndFailsWhenSomethingArrives() {
        TestProbe<Ping> probe = testKit.kit().createTestProbe();
        probe.expectNoMessage();
        probe.ref().tell(new Ping("late"));
        assertThatThrownBy(() -> probe.expectNoMessage(SHORT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected no message within 200 ms but received Ping[text=late]");
    }

    @Test
    void expectTerminatedSeesAStoppedActor() {
        ActorTestKit kit = testKit.kit();
        TestProbe<Void> probe = kit.createTestProbe();
        ActorRef<String> stopsOnMessage = kit.spawn(Behaviors.receiveMessage(m -> Behaviors.stopped()));
        stopsOnMessage.tell("stop");
        probe.expectTerminated(stopsOnMessage);
    }

    @Test
    void expectTerminatedFailsForALiveActor() {
        ActorTestKit kit = testKit.kit();
        TestProbe<Void> probe = kit.createTestProbe();
        ActorRef<String> alive = kit.spawn(Behaviors.ignore());
        assertThatThrownBy(() -> probe.expectTerminated(alive, SHORT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Timeout (200 ms) during expectTerminated while waiting for "
                        + alive.path() + " to terminate");
    }

    @Test
    void fishForMessageKeepsAllButIgnoredUntilComplete() {
        TestProbe<Integer> probe = testKit.kit().createTestProbe();
        for (int i = 1; i <= 5; i++) {
            probe.ref().tell(i);
        }
        List<Integer> kept = probe.fishForMessage(Duration.ofSeconds(3), n -> n == 4
                ? TestProbe.FishingOutcome.COMPLETE
                : n % 2 == 0 ? TestProbe.FishingOutcome.CONTINUE : TestProbe.FishingOutcome.CONTINUE_AND_IGNORE);
        assertThat(kept).containsExactly(2, 4);
        assertThat(probe.receiveMessage()).isEqualTo(5);
    }

    @Test
    void fishForMessageTimesOutListingWhatItSaw() {
        TestProbe<Integer> probe = testKit.kit().createTestProbe();
        probe.ref().tell(1);
        assertThatThrownBy(() -> probe.fishForMessage(SHORT, n -> TestProbe.FishingOutcome.CONTINUE))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Timeout (200 ms) during fishForMessage; the fisher did not complete on any of [1]");
    }

    @Test
    void awaitAssertRetriesUntilTheAssertionHolds() {
        TestProbe<Integer> probe = testKit.kit().createTestProbe();
        AtomicInteger attempts = new AtomicInteger();
        probe.awaitAssert(() -> assertThat(attempts.incrementAndGet()).isGreaterThanOrEqualTo(3));
        assertThat(attempts).hasValue(3);
    }

    @Test
    void awaitAssertFailsWithTheLastFailureAsCause() {
        TestProbe<Integer> probe = testKit.kit().createTestProbe();
        assertThatThrownBy(() -> probe.awaitAssert(SHORT, () -> assertThat(1).isEqualTo(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("awaitAssert timed out after 200 ms")
                .hasCauseInstanceOf(AssertionError.class);
    }

    @Test
    void negativeDurationIsRejected() {
        TestProbe<Integer> probe = testKit.kit().createTestProbe();
        assertThatThrownBy(() -> probe.receiveMessage(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
