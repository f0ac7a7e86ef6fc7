package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatherTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension().failOnErrorLogs();

    record Ask(ActorRef<String> replyTo) {}

    @Test
    void aTargetThatDoesNotAnswerLeavesAPartialResultAfterTheTimeOut() {
        TestProbe<Ask> fast = testKit.kit().createTestProbe();
        TestProbe<Ask> slow = testKit.kit().createTestProbe();
        TestProbe<Ask> silent = testKit.kit().createTestProbe();
        TestProbe<List<String>> result = testKit.kit().createTestProbe();

        testKit.kit().spawn(Gather.create(List.of(fast.ref(), slow.ref(), silent.ref()), Ask::new,
                Duration.ofMillis(300), List::copyOf, result.ref()));
        fast.receiveMessage().replyTo().tell("fast");
        slow.receiveMessage().replyTo().tell("slow");
        silent.receiveMessage(); // and never answers

        assertThat(result.receiveMessage(Duration.ofSeconds(10))).containsExactly("fast", "slow");
    }

    @Test
    void answersAsSoonAsEveryTargetAnswered() {
        TestProbe<Ask> a = testKit.kit().createTestProbe();
        TestProbe<Ask> b = testKit.kit().createTestProbe();
        TestProbe<List<String>> result = testKit.kit().createTestProbe();

        testKit.kit().spawn(Gather.create(List.of(a.ref(), b.ref()), Ask::new, Duration.ofHours(1), List::copyOf,
                result.ref()));
        b.receiveMessage().replyTo().tell("b");
        a.receiveMessage().replyTo().tell("a");

        assertThat(result.receiveMessage()).containsExactly("b", "a"); // long before the hour is up
    }

    @Test
    void withoutTargetsTheResultIsImmediateAndEmpty() {
        TestProbe<List<String>> result = testKit.kit().createTestProbe();
        testKit.kit().spawn(Gather.<Ask, String, List<String>>create(List.of(), Ask::new, Duration.ofHours(1),
                List::copyOf, result.ref()));
        assertThat(result.receiveMessage()).isEmpty();
    }
}
