package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.MailboxSelector;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each test triggers one kind of event in a real system and reads it back from a live recording stream. */
class FlightRecorderEventsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30); // a stream flushes about once a second
    private static final Duration SLOW = Duration.ofMillis(30);
    private static final String TEST_TYPE = FlightRecorderEventsTest.class.getName(); // where the lambdas live

    private final ActorTestKit kit =
            ActorTestKit.create("jfr", HookOnlyInstrumentation.settings(FlightRecorderEvents.slowMessageHook()));
    private final Cancellable installed = FlightRecorderEvents.install(kit.system());
    private final List<RecordedEvent> recorded = new ArrayList<>();
    private final RecordingStream recording = startRecording();

    sealed interface Work {
        record Fast() implements Work {}

        record Slow(CountDownLatch entered, CountDownLatch release) implements Work {}
    }

    private RecordingStream startRecording() {
        RecordingStream stream = new RecordingStream();
        stream.setReuse(false); // the events are kept after the callback
        for (String name : List.of(FlightRecorderEvents.ACTOR_FAILED, FlightRecorderEvents.ACTOR_RESTARTED,
                FlightRecorderEvents.MAILBOX_OVERFLOW, FlightRecorderEvents.DEAD_LETTER)) {
            stream.enable(name);
        }
        stream.enable(FlightRecorderEvents.SLOW_MESSAGE).withThreshold(SLOW);
        stream.onEvent(event -> {
            synchronized (recorded) {
                recorded.add(event);
            }
        });
        stream.startAsync();
        return stream;
    }

    @AfterEach
    void tearDown() {
        recording.close();
        installed.cancel();
        kit.shutdown();
    }

    private RecordedEvent awaitEvent(String name, ActorRef<?> actor) {
        String path = actor.path().toString();
        Predicate<RecordedEvent> wanted = e -> e.getEventType().getName().equals(name)
                && path.equals(e.getString("actorPath"));
        return await().atMost(DEADLINE).until(() -> eventsSoFar().stream().filter(wanted).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    private List<RecordedEvent> eventsSoFar() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    private static Behavior<String> failingOn(String poison) {
        return Behaviors.receiveMessage(text -> {
            if (text.equals(poison)) {
                throw new IllegalStateException("poisoned by " + text);
            }
            return Behaviors.same();
        });
    }

    @Test
    void aFailingActorRecordsActorFailedWithItsCause() {
        ActorRef<String> failing = kit.spawn(failingOn("poison"), "failing");

        failing.tell("poison");

        RecordedEvent failed = awaitEvent(FlightRecorderEvents.ACTOR_FAILED, failing);
        assertThat(failed.getString("actorType")).isEqualTo(TEST_TYPE);
        assertThat(failed.getString("causeClass")).isEqualTo(IllegalStateException.class.getName());
        assertThat(failed.getString("causeMessage")).isEqualTo("poisoned by poison");
        assertThat(failed.getEventType().getCategoryNames()).containsExactly("Troupe");
    }

    @Test
    void aSupervisedRestartRecordsActorRestartedWithTheRestartCount() {
        ActorRef<String> restarting = kit.spawn(Behaviors.supervise(failingOn("poison"))
                .onFailure(IllegalStateException.class, SupervisorStrategy.restart()), "restarting");

        restarting.tell("poison");

        RecordedEvent restarted = awaitEvent(FlightRecorderEvents.ACTOR_RESTARTED, restarting);
        assertThat(restarted.getString("actorType")).isEqualTo(TEST_TYPE);
        assertThat(restarted.getString("causeClass")).isEqualTo(IllegalStateException.class.getName());
        assertThat(restarted.getInt("restartCount")).isEqualTo(1);
    }

    @Test
    void aFullBoundedMailboxRecordsMailboxOverflowWithTheReason() throws InterruptedException {
        ActorRef<Work> blocked = kit.spawn(blockingWorker(), "blocked",
                Props.empty().withMailbox(MailboxSelector.bounded(1, MailboxSelector.OverflowStrategy.DROP_NEWEST)));
        Work.Slow slow = new Work.Slow(new CountDownLatch(1), new CountDownLatch(1));
        blocked.tell(slow);
        assertThat(slow.entered().await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        blocked.tell(new Work.Fast()); // fills the one place
        blocked.tell(new Work.Fast()); // does not fit

        RecordedEvent overflow = awaitEvent(FlightRecorderEvents.MAILBOX_OVERFLOW, blocked);
        slow.release().countDown();
        assertThat(overflow.getString("messageClass")).isEqualTo(Work.Fast.class.getName());
        assertThat(overflow.getString("reason")).isEqualTo("DROPPED_NEWEST");
    }

    @Test
    void aMessageToAStoppedActorRecordsDeadLetter() {
        ActorRef<String> gone = kit.spawn(Behaviors.<String>ignore(), "gone");
        kit.stop(gone);

        gone.tell("too late");

        RecordedEvent letter = awaitEvent(FlightRecorderEvents.DEAD_LETTER, gone);
        assertThat(letter.getString("messageClass")).isEqualTo(String.class.getName());
        assertThat(letter.getString("senderPath")).isNull(); // sent from the test thread, not an actor
    }

    @Test
    void cancellingTheInstallationStopsTheRecordingOfTheSystemsEvents() {
        ActorRef<Object> gone = kit.spawn(Behaviors.ignore(), "gone");
        kit.stop(gone);

        assertThat(installed.cancel()).isTrue();
        assertThat(installed.cancel()).isFalse();
        assertThat(installed.isCancelled()).isTrue();
        gone.tell("not recorded");
        Cancellable again = FlightRecorderEvents.install(kit.system());
        try {
            gone.tell(42);
            // The stream is ordered by time: had the first dead letter been recorded, it would come first.
            assertThat(awaitEvent(FlightRecorderEvents.DEAD_LETTER, gone).getString("messageClass"))
                    .isEqualTo(Integer.class.getName());
        } finally {
            again.cancel();
        }
    }

    @Test
    void aMessageSlowerThanTheThresholdRecordsSlowMessageAndAFastOneDoesNot() throws InterruptedException {
        ActorRef<Work> worker = kit.spawn(blockingWorker(), "worker", Props.empty().withActorType("workers"));
        Work.Slow slow = new Work.Slow(new CountDownLatch(1), new CountDownLatch(1));

        worker.tell(new Work.Fast());
        worker.tell(slow);
        assertThat(slow.entered().await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long enteredAt = System.nanoTime();
        // The handler is blocked on the latch; let it stay blocked for twice the threshold, then release it.
        await().atMost(DEADLINE).until(() -> System.nanoTime() - enteredAt > 2 * SLOW.toNanos());
        slow.release().countDown();

        RecordedEvent slowMessage = awaitEvent(FlightRecorderEvents.SLOW_MESSAGE, worker);
        assertThat(slowMessage.getString("messageClass")).isEqualTo(Work.Slow.class.getName());
        assertThat(slowMessage.getString("actorType")).isEqualTo("workers");
        assertThat(slowMessage.getString("failureClass")).isNull();
        assertThat(slowMessage.getDuration()).isGreaterThan(SLOW);
        // The fast message was processed first, so its event, had it been committed, would have come first.
        assertThat(eventsSoFar()).filteredOn(e -> e.getEventType().getName().equals(FlightRecorderEvents.SLOW_MESSAGE))
                .extracting(e -> e.getString("messageClass")).containsExactly(Work.Slow.class.getName());
    }

    @Test
    void withoutARecordingTheHookTimesNothing() {
        recording.close();
        assumeTrue(FlightRecorder.getFlightRecorder().getRecordings().stream()
                .noneMatch(other -> other.getState() == RecordingState.RUNNING), "another recording is running");

        assertThat(FlightRecorderEvents.slowMessageHook().beforeReceive(null, new Work.Fast(), null)).isNull();
    }

    /** Returns at once from {@link Work.Fast}; blocks on the latch of {@link Work.Slow}. */
    private static Behavior<Work> blockingWorker() {
        return Behaviors.receiveMessage(work -> {
            if (work instanceof Work.Slow(var entered, var release)) {
                entered.countDown();
                release.await();
            }
            return Behaviors.same();
        });
    }
}
