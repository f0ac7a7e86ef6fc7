package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behaviors;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension();

    private static final Logger LOG = LoggerFactory.getLogger("dev.troupe.testkit.LogCaptureTest.lines");
    private static final TestKitSettings QUICK = TestKitSettings.defaults().withSingleExpect(Duration.ofMillis(200));

    @Test
    void capturesTheRuntimesFailureLineOfAnActor() {
        ActorRef<String> failing = testKit.kit().spawn(Behaviors.receiveMessage(m -> {
            throw new IllegalStateException("crash on " + m);
        }));
        LogCapture.error()
                .withMessageContaining("failed and stops")
                .withLoggerName("dev.troupe.actor")
                .withActor(failing)
                .withThrowable(IllegalStateException.class)
                .expect(() -> failing.tell("boom"));
    }

    @Test
    void matchesLinesLoggedThroughTheActorsContextByItsPath() {
        ActorRef<String> chatty = testKit.kit().spawn(Behaviors.receive((ctx, m) -> {
            ctx.log().warn("heard {}", m);
            return Behaviors.same();
        }));
        LogCapture.warn().withMessageContaining("heard hello").withActor(chatty).expect(() -> chatty.tell("hello"));
    }

    @Test
    void capturesLinesOfASynchronouslyTestedBehavior() {
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
            ctx.log().warn("sync {}", m);
            return Behaviors.same();
        }));
        LogCapture.warn().withMessageContaining("sync hi").withActor(kit.ref()).expect(() -> kit.run("hi"));
    }

    @Test
    void failsWhenMoreThanTheExpectedNumberOccur() {
        assertThatThrownBy(() -> LogCapture.error().withMessageContaining("twice").expect(() -> {
            LOG.error("twice");
            LOG.error("twice");
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected 1 ERROR log event(s) with message containing [twice] but 2 "
                        + "occurred: [ERROR dev.troupe.testkit.LogCaptureTest.lines - twice, ");
    }

    @Test
    void failsWhenNoneOccurWithinTheTimeout() {
        assertThatThrownBy(() -> LogCapture.error().withMessageContaining("never").withSettings(QUICK)
                .expect(() -> LOG.error("something else")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected 1 ERROR log event(s) with message containing [never] but 0 occurred");
    }

    @Test
    void countsExactlyTheRequestedOccurrencesIgnoringOtherLevels() {
        LogCapture.warn().withMessageContaining("thrice").withOccurrences(3).expect(() -> {
            for (int i = 0; i < 3; i++) {
                LOG.warn("thrice");
            }
            LOG.error("thrice");
        });
    }

    @Test
    void zeroOccurrencesExpectsSilence() {
        LogCapture.error().withOccurrences(0).expect(() -> LOG.warn("only a warning"));
        assertThatThrownBy(() -> LogCapture.error().withOccurrences(0).expect(() -> LOG.error("oops")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 0 ERROR log event(s) but 1 occurred");
    }

    @Test
    void aDisabledLevelIsRejectedInsteadOfNeverMatching() {
        assertThatThrownBy(() -> LogCapture.info().expect(() -> LOG.info("invisible")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Level INFO is disabled for logger ROOT");
    }
}
