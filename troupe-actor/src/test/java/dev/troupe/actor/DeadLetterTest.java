package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dead letters are counted, published on the event stream, and logged at WARN with a rate limit. */
class DeadLetterTest {
    static final String DEAD_LETTER_LOGGER = "dev.troupe.actor.DeadLetters";

    record Letter(int n) {}

    @Test
    void everyDeadLetterIsCountedAndPublishedWithItsRecipient() {
        try (TestSystem sys = TestSystem.create("dl")) {
            Probe<DeadLetter> probe = sys.probe();
            sys.system().eventStream().subscribe(DeadLetter.class, probe.ref());
            ActorRef<Letter> dead = sys.system().deadLetters();
            for (int i = 0; i < 1_000; i++) {
                dead.tell(new Letter(i));
            }
            for (int i = 0; i < 1_000; i++) {
                DeadLetter d = probe.receive();
                assertThat(d.message()).isEqualTo(new Letter(i));
                assertThat(d.recipient()).isEqualTo(dead);
                assertThat(d.recipient().path().toString()).isEqualTo("troupe://" + sys.system().name() + "/deadLetters");
            }
            assertThat(sys.system().deadLetterCount()).isEqualTo(1_000);
        }
    }

    @Test
    void atMostDeadLetterLogLimitDeadLettersAreLoggedAtWarnPerWindow() {
        ActorSystemSettings settings = TestSystem.settings().deadLetterLogLimit(3)
                .deadLetterLogWindow(Duration.ofHours(1)).build();
        try (LogCapture log = LogCapture.of(DEAD_LETTER_LOGGER); TestSystem sys = TestSystem.create("dllog", settings)) {
            ActorRef<Letter> dead = sys.system().deadLetters();
            for (int i = 0; i < 50; i++) {
                dead.tell(new Letter(i));
            }
            assertThat(sys.system().deadLetterCount()).isEqualTo(50);
            List<ILoggingEvent> events = log.events();
            assertThat(events).hasSize(3).allSatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains(Letter.class.getName())
                        .contains("troupe://" + sys.system().name() + "/deadLetters");
            });
        }
    }

    @Test
    void aZeroLogLimitLogsNoDeadLetterButStillCountsAndPublishesThem() {
        ActorSystemSettings settings = TestSystem.settings().deadLetterLogLimit(0).build();
        try (LogCapture log = LogCapture.of(DEAD_LETTER_LOGGER); TestSystem sys = TestSystem.create("dlzero", settings)) {
            Probe<DeadLetter> probe = sys.probe();
            sys.system().eventStream().subscribe(DeadLetter.class, probe.ref());
            for (int i = 0; i < 20; i++) {
                sys.system().<Letter>deadLetters().tell(new Letter(i));
            }
            assertThat(probe.receiveN(20)).extracting(DeadLetter::message).hasSize(20);
            assertThat(sys.system().deadLetterCount()).isEqualTo(20);
            assertThat(log.events()).isEmpty();
        }
    }

    @Test
    void theFirstLineOfTheNextWindowReportsHowManyDeadLettersWereNotLogged() {
        ActorSystemSettings settings = TestSystem.settings().deadLetterLogLimit(2)
                .deadLetterLogWindow(Duration.ofMillis(200)).build();
        try (LogCapture log = LogCapture.of(DEAD_LETTER_LOGGER); TestSystem sys = TestSystem.create("dlwin", settings)) {
            ActorRef<Letter> dead = sys.system().deadLetters();
            for (int i = 0; i < 10; i++) {
                dead.tell(new Letter(i));
            }
            // keep sending one letter per poll until a new window has begun and reports the suppressed ones
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                dead.tell(new Letter(-1));
                return log.events().stream().anyMatch(e -> e.getFormattedMessage().contains("were not logged"));
            });
            ILoggingEvent summary = log.events().stream()
                    .filter(e -> e.getFormattedMessage().contains("were not logged")).findFirst().orElseThrow();
            long notLogged = Long.parseLong(summary.getFormattedMessage().split(" ")[0]);
            assertThat(notLogged).as("suppressed in the first window").isGreaterThanOrEqualTo(8);
            assertThat(summary.getFormattedMessage()).contains("limit 2 per 200 ms");
        }
    }
}
