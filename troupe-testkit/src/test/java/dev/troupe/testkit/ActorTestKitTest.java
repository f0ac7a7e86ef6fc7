package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.InvalidActorNameException;
import dev.troupe.actor.PostStop;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActorTestKitTest {
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ActorTestKitTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdown();
    }

    record Echo(String text, ActorRef<String> replyTo) {}

    @Test
    void spawnedActorIsRunningUnderTheKitsGuardian() {
        ActorRef<Echo> echo = kit.spawn(Behaviors.receiveMessage(m -> {
            m.replyTo().tell(m.text());
            return Behaviors.same();
        }), "echo");
        TestProbe<String> probe = kit.createTestProbe();
        echo.tell(new Echo("hi", probe.ref()));
        probe.expectMessage("hi");
        assertThat(echo.path().parent()).isEqualTo(kit.system().path());
    }

    @Test
    void spawnWithATakenNameThrowsTheRuntimesException() {
        kit.spawn(Behaviors.ignore(), "taken");
        assertThatThrownBy(() -> kit.spawn(Behaviors.ignore(), "taken"))
                .isInstanceOf(InvalidActorNameException.class)
                .hasMessageContaining("[taken] is not unique");
    }

    @Test
    void stopWaitsUntilPostStopHasRun() {
        CountDownLatch postStopRan = new CountDownLatch(1);
        ActorRef<String> actor = kit.spawn(Behaviors.receive((ctx, m) -> Behaviors.same(), (ctx, signal) -> {
            if (signal instanceof PostStop) {
                postStopRan.countDown();
            }
            return Behaviors.same();
        }));
        kit.stop(actor);
        assertThat(postStopRan.getCount()).isZero();
        kit.stop(actor);
    }

    @Test
    void stopRejectsAnActorTheKitDidNotSpawn() {
        TestProbe<ActorRef<Void>> probe = kit.createTestProbe();
        ActorRef<ActorRef<ActorRef<Void>>> parent = kit.spawn(Behaviors.receive((ctx, replyTo) -> {
            replyTo.tell(ctx.spawn(Behaviors.<Void>ignore(), "child"));
            return Behaviors.same();
        }));
        parent.tell(probe.ref());
        ActorRef<Void> grandChild = probe.receiveMessage();
        assertThatThrownBy(() -> kit.stop(grandChild))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a child of " + kit.system().path());
    }

    @Test
    void probesGetDistinctNames() {
        assertThat(kit.createTestProbe().ref()).isNotEqualTo(kit.createTestProbe().ref());
    }
}
