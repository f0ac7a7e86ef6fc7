package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures that are themselves broken must still stop the actor, notify the parent and let the system end. */
class FailureContainmentTest {
    private ActorSystem<Object> system;

    @AfterEach
    void terminate() throws Exception {
        system.terminate();
        system.whenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** An exception whose message cannot even be computed, as a lazily built message with a bug would be. */
    static final class UnprintableException extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage is broken");
        }
    }

    @Test
    void anExceptionThatCannotBeLoggedStillStopsTheActorAndTellsTheParent() throws Exception {
        BlockingQueue<Signal> parentSignals = new LinkedBlockingQueue<>();
        system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<String> child = ctx.spawn(Behaviors.<String>receiveMessage(m -> {
                throw new UnprintableException();
            }), "child");
            ctx.watch(child);
            child.tell("boom");
            return Behaviors.receive((c, m) -> {
                if (m instanceof String text) {
                    child.tell(text);
                }
                return Behaviors.same();
            }, (c, signal) -> {
                parentSignals.add(signal);
                return Behaviors.same();
            });
        }), "unprintable");

        Signal signal = parentSignals.poll(5, TimeUnit.SECONDS);
        assertThat(signal).isInstanceOf(ChildFailed.class);
        assertThat(((ChildFailed) signal).cause()).isInstanceOf(UnprintableException.class);
        long before = system.deadLetterCount();
        system.tell("after the failure"); // forwarded to the stopped child: a dead letter, not a stuck mailbox
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> system.deadLetterCount() == before + 1);
    }
}
