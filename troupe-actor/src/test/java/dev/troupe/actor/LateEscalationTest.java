package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A failure escalated by a child that its parent was already stopping does not fail the parent again. */
class LateEscalationTest {

    sealed interface ParentCmd {
        record SpawnChild(ActorRef<ActorRef<String>> replyTo) implements ParentCmd {}

        record Fail() implements ParentCmd {}

        record Ping(ActorRef<String> replyTo) implements ParentCmd {}
    }

    @Test
    void aChildThatEscalatesWhileItsParentRestartsDoesNotFailTheNewIncarnation() throws Exception {
        CountDownLatch childBusy = new CountDownLatch(1);
        CountDownLatch releaseChild = new CountDownLatch(1);
        try (TestSystem sys = TestSystem.create("late-escalation")) {
            Probe<SupervisionEvent> events = sys.probe();
            Behavior<String> child = Behaviors.supervise(Behaviors.<String>receiveMessage(m -> {
                childBusy.countDown();
                releaseChild.await(); // still in this handler when the parent's restart asks it to stop
                throw new IllegalStateException("child fails late");
            })).onFailure(IllegalStateException.class, SupervisorStrategy.escalate());
            Behavior<ParentCmd> parent = Behaviors.supervise(Behaviors.<ParentCmd>setup(ctx ->
                    Behaviors.receiveMessage(msg -> switch (msg) {
                        case ParentCmd.SpawnChild(var replyTo) -> {
                            replyTo.tell(ctx.spawn(child, "child"));
                            yield Behaviors.same();
                        }
                        case ParentCmd.Fail() -> throw new UnsupportedOperationException("parent fails");
                        case ParentCmd.Ping(var replyTo) -> {
                            replyTo.tell("pong");
                            yield Behaviors.same();
                        }
                    }))).onFailure(RuntimeException.class, SupervisorStrategy.restart());
            ActorRef<ParentCmd> p = sys.spawn(parent, "parent");
            Probe<ActorRef<String>> spawned = sys.probe();
            p.tell(new ParentCmd.SpawnChild(spawned.ref()));
            ActorRef<String> c = spawned.receive();
            sys.system().eventStream().subscribe(SupervisionEvent.class, events.ref());

            c.tell("work");
            assertThat(childBusy.await(10, TimeUnit.SECONDS)).isTrue();
            p.tell(new ParentCmd.Fail()); // the parent restarts: it stops the child and waits for it
            assertThat(events.receive()).isInstanceOf(SupervisionEvent.Failed.class)
                    .extracting(SupervisionEvent::actor).isEqualTo(p.path());
            assertThat(events.receive()).isInstanceOf(SupervisionEvent.Restarted.class);
            releaseChild.countDown(); // now the child fails and escalates

            assertThat(events.receive()).isInstanceOf(SupervisionEvent.Failed.class)
                    .extracting(SupervisionEvent::actor).isEqualTo(c.path());
            assertThat(events.receive()).isInstanceOf(SupervisionEvent.Escalated.class);
            Probe<String> pong = sys.probe();
            p.tell(new ParentCmd.Ping(pong.ref()));
            pong.expect("pong"); // the new incarnation runs
            events.expectNoMessage(java.time.Duration.ofMillis(200)); // and did not fail again
        }
    }
}
