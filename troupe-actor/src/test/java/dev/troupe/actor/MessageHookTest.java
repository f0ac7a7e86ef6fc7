package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The message hook: what onSend returns reaches beforeReceive with the message, afterReceive sees the outcome,
 * and the envelope that carries it is invisible to mailboxes, dead letters and drops.
 */
class MessageHookTest {
    record Sent(ActorPath sender, ActorPath recipient, Object message) {}

    record Received(ActorPath actor, Object message, Object carried) {}

    record After(ActorPath actor, Object token, Throwable failure) {}

    /** Carries "carried:" + the message, returns the message as token, and remembers every call. */
    static final class Recording implements MessageHook {
        final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<After> after = new ConcurrentLinkedQueue<>();

        @Override
        public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
            sent.add(new Sent(sender, recipient, message));
            return "carried:" + message;
        }

        @Override
        public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
            received.add(new Received(actor.path(), message, carried));
            return message;
        }

        @Override
        public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
            after.add(new After(actor.path(), token, failure));
        }
    }

    static TestSystem hooked(String name, MessageHook hook) {
        return TestSystem.create(name, TestSystem.settings()
                .instrumentation(new RecordingInstrumentation(64, hook)).build());
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#fifoProps")
    void whatOnSendCarriesReachesBeforeReceive(Props props) {
        Recording hook = new Recording();
        try (TestSystem system = hooked("carried", hook)) {
            Probe<String> probe = system.probe();
            ActorRef<String> echo = system.spawn(Behaviors.<String>receiveMessage(message -> {
                probe.ref().tell("echo " + message);
                return Behaviors.same();
            }), props);
            echo.tell("a");
            echo.tell("b");
            probe.expect("echo a");
            probe.expect("echo b");

            assertThat(hook.received).filteredOn(r -> r.actor().equals(echo.path()))
                    .containsExactly(new Received(echo.path(), "a", "carried:a"),
                            new Received(echo.path(), "b", "carried:b"));
            // from the test thread there is no sending actor; from the echo actor there is
            assertThat(hook.sent).contains(new Sent(null, echo.path(), "a"),
                    new Sent(echo.path(), probe.ref().path(), "echo a"));
            await(() -> hook.after.stream().filter(a -> a.actor().equals(echo.path())).count() == 2);
            assertThat(hook.after).filteredOn(a -> a.actor().equals(echo.path()))
                    .containsExactly(new After(echo.path(), "a", null), new After(echo.path(), "b", null));
        }
    }

    @Test
    void afterReceiveSeesTheHandlersFailure() {
        Recording hook = new Recording();
        try (TestSystem system = hooked("failure", hook)) {
            IllegalStateException boom = new IllegalStateException("boom");
            ActorRef<String> failing = system.spawn(Behaviors.<String>receiveMessage(message -> {
                throw boom;
            }));
            failing.tell("x");
            await(() -> hook.after.stream().anyMatch(a -> a.actor().equals(failing.path())));
            assertThat(hook.after).filteredOn(a -> a.actor().equals(failing.path()))
                    .singleElement().satisfies(a -> assertThat(a.failure()).isSameAs(boom));
        }
    }

    @Test
    void runtimeEnvelopesPassNoHook() {
        Recording hook = new Recording();
        try (TestSystem system = hooked("timers", hook)) {
            Probe<String> probe = system.probe();
            ActorRef<String> timed = system.spawn(Behaviors.<String>withTimers(timers -> {
                timers.startSingleTimer("tick", Duration.ofMillis(1));
                return Behaviors.receiveMessage(message -> {
                    probe.ref().tell("got " + message);
                    return Behaviors.same();
                });
            }));
            probe.expect("got tick");
            assertThat(hook.sent).noneMatch(s -> s.recipient().equals(timed.path()));
            assertThat(hook.received).noneMatch(r -> r.actor().equals(timed.path()));
        }
    }

    @Test
    void aThrowingHookNeverLosesTheMessageNorFailsTheActor() {
        MessageHook throwing = new MessageHook() {
            @Override
            public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
                throw new IllegalStateException("onSend");
            }

            @Override
            public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
                throw new IllegalStateException("beforeReceive");
            }

            @Override
            public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
                throw new IllegalStateException("afterReceive");
            }
        };
        try (TestSystem system = hooked("throwing", throwing)) {
            Probe<String> probe = system.probe();
            ActorRef<String> echo = system.spawn(Behaviors.<String>receiveMessage(message -> {
                probe.ref().tell("echo " + message);
                return Behaviors.same();
            }));
            echo.tell("a");
            echo.tell("b");
            probe.expect("echo a");
            probe.expect("echo b");
        }
    }

    /** The hook wraps every message in an envelope; the control-aware mailbox must still see ControlMessages. */
    record Urgent(String name) implements ControlMessage {}

    /**
     * An actor that blocks on its first message until released, and then forwards every other message to
     * {@code forwardTo}: what a test needs to line messages up in a mailbox.
     */
    record Gate(ActorRef<Object> actor, CountDownLatch release) {
        static Gate spawn(TestSystem system, Object blockOn, ActorRef<Object> forwardTo, Props props)
                throws InterruptedException {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ActorRef<Object> actor = system.spawn(Behaviors.receiveMessage(message -> {
                if (message.equals(blockOn)) {
                    entered.countDown();
                    release.await();
                } else {
                    forwardTo.tell(message);
                }
                return Behaviors.same();
            }), props);
            actor.tell(blockOn);
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            return new Gate(actor, release);
        }
    }

    @Test
    void controlMessagesStillOvertakeInsideTheirEnvelopes() throws InterruptedException {
        Recording hook = new Recording();
        try (TestSystem system = hooked("control", hook)) {
            Probe<Object> probe = system.probe();
            Gate gate = Gate.spawn(system, "block", probe.ref(), Props.empty().withMailbox(MailboxSelector.controlAware()));
            gate.actor().tell("ordinary");
            gate.actor().tell(new Urgent("first"));
            gate.release().countDown();
            assertThat(probe.receiveN(2)).containsExactly(new Urgent("first"), "ordinary");
        }
    }

    @Test
    void priorityIsTheMessagesNotTheEnvelopes() throws InterruptedException {
        Recording hook = new Recording();
        try (TestSystem system = hooked("priority", hook)) {
            Probe<Object> probe = system.probe();
            Gate gate = Gate.spawn(system, 0, probe.ref(),
                    Props.empty().withMailbox(MailboxSelector.priority(message -> (Integer) message)));
            gate.actor().tell(3);
            gate.actor().tell(1);
            gate.actor().tell(2);
            gate.release().countDown();
            assertThat(probe.receiveN(3)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void dropsAndDeadLettersCarryTheMessageNotTheEnvelope() throws InterruptedException {
        Recording hook = new Recording();
        try (TestSystem system = hooked("drops", hook)) {
            Probe<Object> events = system.probe();
            system.system().eventStream().subscribe(Dropped.class, events.ref());
            system.system().eventStream().subscribe(DeadLetter.class, events.ref());
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ActorRef<String> actor = system.spawn(Behaviors.receiveMessage(message -> {
                if (message.equals("block")) {
                    entered.countDown();
                    release.await();
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            }), Props.empty().withMailbox(MailboxSelector.bounded(1, MailboxSelector.OverflowStrategy.DROP_NEWEST)));
            actor.tell("block");
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            actor.tell("kept");
            actor.tell("dropped");
            assertThat(events.receive(Dropped.class).message()).isEqualTo("dropped");
            release.countDown();
            assertThat(events.receive(DeadLetter.class).message()).isEqualTo("kept");
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(TestSystem.TIMEOUT).until(condition);
    }
}
