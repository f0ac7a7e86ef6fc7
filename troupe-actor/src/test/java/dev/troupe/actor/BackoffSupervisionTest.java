package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.Supervisee.Cmd;
import dev.troupe.actor.Supervisee.Processed;
import dev.troupe.actor.Supervisee.SignalSeen;
import dev.troupe.actor.Supervisee.Started;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restart with back-off, timed by a manual scheduler: each delay is checked to the nanosecond (the restart has
 * not happened 1 ns before it is due, and has right at it), with no sleeping.
 */
class BackoffSupervisionTest {
    private static final String FIFO_MATRIX = "dev.troupe.actor.RuntimeMatrix#fifoProps";
    private static final String MATRIX = "dev.troupe.actor.RuntimeMatrix#props";
    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(1);

    private final ManualScheduler scheduler = new ManualScheduler();
    private TestSystem sys;
    private Probe<Object> report;

    private void start() {
        sys = TestSystem.create("backoff", TestSystem.settings().scheduler(() -> scheduler).build());
        report = sys.probe();
    }

    @AfterEach
    void close() {
        if (sys != null) {
            sys.close();
        }
    }

    private void expect(Object... story) {
        for (Object expected : story) {
            assertThat(report.receive()).isEqualTo(expected);
        }
    }

    private ActorRef<Cmd> spawn(SupervisorStrategy strategy, Props props) {
        ActorRef<Cmd> w = sys.spawn(Behaviors.supervise(Supervisee.behavior("w", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, strategy), props);
        expect(new Started("w", 1));
        return w;
    }

    /** Fails incarnation {@code incarnation} and waits until its back-off delay is scheduled. */
    private void failAndAwaitBackoff(ActorRef<Cmd> w, int incarnation) {
        w.tell(new Cmd.Fail(new IllegalStateException("failure of incarnation " + incarnation)));
        expect(new SignalSeen("w", incarnation, PreRestart.INSTANCE));
        await().atMost(TestSystem.TIMEOUT).until(() -> scheduler.pendingTasks() == 1);
    }

    /** The restart after the failure of {@code incarnation} happens exactly {@code delay} later. */
    private void expectRestartAfter(int incarnation, Duration delay) {
        // tag::manual-clock[]
        scheduler.advance(delay.minusNanos(1));
        assertThat(scheduler.pendingTasks()).as("restart %d not due before %s", incarnation, delay).isEqualTo(1);
        scheduler.advance(Duration.ofNanos(1));
        assertThat(scheduler.pendingTasks()).isZero();
        expect(new Started("w", incarnation + 1));
        // end::manual-clock[]
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void delaysDoubleFromMinUpToMax(Props props) {
        start();
        // tag::backoff[]
        SupervisorStrategy backoff = SupervisorStrategy
                .restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.0)
                .withResetBackoffAfter(Duration.ofMinutes(1));
        // end::backoff[]
        ActorRef<Cmd> w = spawn(backoff, props);
        List<Duration> expected = List.of(MIN, MIN.multipliedBy(2), MIN.multipliedBy(4), MIN.multipliedBy(8),
                MAX, MAX);
        for (int i = 0; i < expected.size(); i++) {
            failAndAwaitBackoff(w, i + 1);
            expectRestartAfter(i + 1, expected.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void theBackoffStartsAgainFromMinAfterAQuietPeriod(Props props) {
        start();
        ActorRef<Cmd> w = spawn(SupervisorStrategy.restartWithBackoff(MIN, MAX, 0.0)
                .withResetBackoffAfter(Duration.ofSeconds(5)), props);

        failAndAwaitBackoff(w, 1); // at virtual time 0
        expectRestartAfter(1, MIN);
        scheduler.advance(Duration.ofSeconds(5)); // quiet for longer than the reset period
        failAndAwaitBackoff(w, 2);
        expectRestartAfter(2, MIN);
        failAndAwaitBackoff(w, 3); // soon after: the back-off grows again
        expectRestartAfter(3, MIN.multipliedBy(2));
        scheduler.advance(Duration.ofSeconds(5));
        failAndAwaitBackoff(w, 4);
        expectRestartAfter(4, MIN);
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void moreThanMaxRestartsStopsAndEscalates(Props props) {
        start();
        Probe<Object> parentSees = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentSees.ref()), props);
        ActorRef<Cmd> w = Watcher.spawnChild(parent, Behaviors.supervise(
                        Supervisee.behavior("w", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class,
                        SupervisorStrategy.restartWithBackoff(MIN, MAX, 0.0).withMaxRestarts(2)), "w");
        expect(new Started("w", 1));

        failAndAwaitBackoff(w, 1);
        expectRestartAfter(1, MIN);
        failAndAwaitBackoff(w, 2);
        expectRestartAfter(2, MIN.multipliedBy(2));
        IllegalStateException third = new IllegalStateException("third");
        w.tell(new Cmd.Fail(third));

        expect(new SignalSeen("w", 3, PostStop.INSTANCE));
        ChildFailed failed = parentSees.receive(ChildFailed.class);
        assertThat(failed.ref()).isEqualTo(w);
        assertThat(failed.cause()).isSameAs(third);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    private Probe<DeadLetter> deadLetters() {
        Probe<DeadLetter> deadLetters = sys.probe();
        sys.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        return deadLetters;
    }

    /** The dead letters so far were exactly {@code expected}: a sentinel sent now is the next one. */
    private void expectExactlyDeadLetters(Probe<DeadLetter> deadLetters, ActorRef<Cmd> recipient,
                                          List<Object> expected) {
        for (Object message : expected) {
            DeadLetter letter = deadLetters.receive();
            assertThat(letter.message()).isEqualTo(message);
            assertThat(letter.recipient()).isEqualTo(recipient);
        }
        sys.system().deadLetters().tell("sentinel");
        assertThat(deadLetters.receive().message()).isEqualTo("sentinel");
    }

    @ParameterizedTest
    @MethodSource(FIFO_MATRIX) // the delay's end must queue behind the messages sent before it
    void messagesDuringBackoffAreHeldUpToTheCapacityAndProcessedFirstInOrder(Props props) {
        start();
        Probe<DeadLetter> deadLetters = deadLetters();
        // tag::backoff-stash[]
        SupervisorStrategy backoff = SupervisorStrategy
                .restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.0)
                .withStashCapacity(3);
        // end::backoff-stash[]
        ActorRef<Cmd> w = spawn(backoff, props);

        failAndAwaitBackoff(w, 1);
        for (int n = 1; n <= 5; n++) {
            w.tell(new Cmd.Work(n));
        }
        scheduler.advance(MIN); // the delay elapses after the five messages (a mailbox is FIFO)
        w.tell(new Cmd.Work(6));

        expect(new Started("w", 2), new Processed("w", 2, 1), new Processed("w", 2, 2), new Processed("w", 2, 3),
                new Processed("w", 2, 6));
        expectExactlyDeadLetters(deadLetters, w, List.of(new Cmd.Work(4), new Cmd.Work(5)));
    }

    @ParameterizedTest
    @MethodSource(FIFO_MATRIX) // the delay's end must queue behind the messages sent before it
    void withDeadLettersDuringBackoffEveryMessageMeanwhileIsADeadLetter(Props props) {
        start();
        Probe<DeadLetter> deadLetters = deadLetters();
        ActorRef<Cmd> w = spawn(SupervisorStrategy.restartWithBackoff(MIN, MAX, 0.0).withDeadLettersDuringBackoff(),
                props);

        failAndAwaitBackoff(w, 1);
        for (int n = 1; n <= 3; n++) {
            w.tell(new Cmd.Work(n));
        }
        scheduler.advance(MIN);
        w.tell(new Cmd.Work(4));

        expect(new Started("w", 2), new Processed("w", 2, 4));
        expectExactlyDeadLetters(deadLetters, w, List.of(new Cmd.Work(1), new Cmd.Work(2), new Cmd.Work(3)));
    }
}
