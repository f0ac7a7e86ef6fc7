package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event stream: subtype matching, idempotent subscription, unsubscription, dead subscribers. */
class EventStreamTest {
    sealed interface Event {
        record A(int n) implements Event {}
        record B(int n) implements Event {}
    }

    TestSystem sys;
    Probe<Object> probe;

    @BeforeEach
    void start() {
        sys = TestSystem.create("events");
        probe = sys.probe();
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    @Test
    void aSubscriberGetsEventsOfItsTypeAndSubtypesOnceEvenIfSubscribedTwice() {
        EventStream events = sys.system().eventStream();
        events.subscribe(Event.class, probe.ref());
        events.subscribe(Event.class, probe.ref());
        events.publish(new Event.A(1));
        events.publish("not an event");
        events.publish(new Event.B(2));
        probe.ref().tell("marker");
        assertThat(probe.receiveN(3)).containsExactly(new Event.A(1), new Event.B(2), "marker");
    }

    @Test
    void aListenerIsCalledOnThePublishingThreadUntilCancelled() {
        EventStream events = sys.system().eventStream();
        java.util.List<Object> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Cancellable listening = events.listen(Event.class, event -> {
            heard.add(event);
            threads.add(Thread.currentThread());
        });
        events.publish(new Event.A(1));
        events.publish("not an event");
        assertThat(heard).containsExactly(new Event.A(1));
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(listening.isCancelled()).isFalse();
        assertThat(listening.cancel()).isTrue();
        assertThat(listening.cancel()).isFalse();
        assertThat(listening.isCancelled()).isTrue();
        events.publish(new Event.B(2));
        assertThat(heard).containsExactly(new Event.A(1));
    }

    @Test
    void aThrowingListenerDoesNotReachThePublisherNorOtherSubscribers() {
        EventStream events = sys.system().eventStream();
        events.listen(Event.class, event -> {
            throw new IllegalStateException("listener fails");
        });
        events.subscribe(Event.class, probe.ref());
        events.publish(new Event.A(1));
        assertThat(probe.receive()).isEqualTo(new Event.A(1));
    }

    @Test
    void unsubscribeAndUnsubscribeAllStopDelivery() {
        EventStream events = sys.system().eventStream();
        events.subscribe(Event.A.class, probe.ref());
        events.subscribe(Event.B.class, probe.ref());
        events.unsubscribe(Event.A.class, probe.ref());
        events.publish(new Event.A(1));
        events.publish(new Event.B(2));
        events.unsubscribeAll(probe.ref());
        events.publish(new Event.B(3));
        probe.ref().tell("marker");
        assertThat(probe.receiveN(2)).containsExactly(new Event.B(2), "marker");
    }

    @Test
    void aStoppedSubscriberIsDroppedWithoutProducingDeadLetters() {
        ActorRef<Event> subscriber = sys.spawn(Behaviors.ignore());
        sys.system().eventStream().subscribe(Event.class, subscriber);
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(probe.ref()));
        watcher.tell(new Watcher.Cmd.Watch(subscriber));
        probe.receive(Watcher.Watching.class);
        sys.inGuardian(ctx -> ctx.stop(subscriber));
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(subscriber));
        long before = sys.system().deadLetterCount();
        sys.system().eventStream().publish(new Event.A(1));
        sys.system().eventStream().publish(new Event.A(2));
        assertThat(sys.system().deadLetterCount()).isEqualTo(before);
    }
}
