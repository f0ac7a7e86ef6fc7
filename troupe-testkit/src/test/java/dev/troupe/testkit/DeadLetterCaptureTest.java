package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DeadLetter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeadLetterCaptureTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension();

    record Ping(int n) {}

    @Test
    void capturesAMessageToAStoppedActor() {
        ActorTestKit kit = testKit.kit();
        ActorRef<Ping> stopped = kit.spawn(Behaviors.ignore());
        kit.stop(stopped);
        List<DeadLetter> letters = DeadLetterCapture.forMessage(new Ping(1)).withRecipient(stopped)
                .expect(kit.system(), () -> stopped.tell(new Ping(1)));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo(new Ping(1));
            assertThat(letter.recipient()).isEqualTo(stopped);
        });
    }

    @Test
    void countsExactly() {
        ActorRef<Object> deadLetters = testKit.kit().system().deadLetters();
        DeadLetterCapture.forMessageOfType(Ping.class).withOccurrences(2).expect(testKit.kit().system(), () -> {
            deadLetters.tell(new Ping(1));
            deadLetters.tell("not a ping");
            deadLetters.tell(new Ping(2));
        });
        assertThatThrownBy(() -> DeadLetterCapture.forMessageOfType(Ping.class).withOccurrences(2)
                .expect(testKit.kit().system(), () -> {
                    for (int i = 0; i < 3; i++) {
                        deadLetters.tell(new Ping(i));
                    }
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected 2 dead letter(s) of type " + Ping.class.getName()
                        + " but 3 occurred");
    }

    @Test
    void failsWhenTheExpectedLetterDoesNotCome() {
        ActorRef<Ping> alive = testKit.kit().spawn(Behaviors.ignore());
        assertThatThrownBy(() -> DeadLetterCapture.any()
                .withSettings(TestKitSettings.defaults().withSingleExpect(Duration.ofMillis(200)))
                .expect(testKit.kit().system(), () -> alive.tell(new Ping(1))))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected 1 dead letter(s) but 0 occurred");
    }

    @Test
    void zeroOccurrencesExpectsNone() {
        ActorRef<Ping> alive = testKit.kit().spawn(Behaviors.ignore());
        DeadLetterCapture.any().withOccurrences(0).expect(testKit.kit().system(), () -> alive.tell(new Ping(1)));
    }
}
