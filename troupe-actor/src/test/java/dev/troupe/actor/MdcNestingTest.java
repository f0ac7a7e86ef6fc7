package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An actor on the calling-thread dispatcher runs its turn inside its sender's turn, on the same thread; the
 * sender's log lines after that still carry the sender's MDC.
 */
class MdcNestingTest {

    sealed interface Cmd {
        record Go(ActorRef<String> inner) implements Cmd {}
    }

    @Test
    void aNestedTurnRestoresTheOuterActorsMdc() {
        try (TestSystem sys = TestSystem.create("mdc");
             LogCapture log = LogCapture.of(MdcNestingTest.class, Level.INFO)) {
            ActorRef<String> inner = sys.spawn(Behaviors.<String>receive((ctx, text) -> {
                ctx.log().info("inner {}", text);
                return Behaviors.same();
            }), "inner", Props.empty().withDispatcher(DispatcherSelector.fromSettings(TestSystem.CALLING_THREAD)));
            Probe<String> done = sys.probe();
            ActorRef<Cmd> outer = sys.spawn(Behaviors.<Cmd>receive((ctx, msg) -> {
                switch (msg) {
                    case Cmd.Go(var target) -> {
                        ctx.log().info("outer before");
                        target.tell("hello"); // runs inner's turn right here, on this thread
                        ctx.log().info("outer after");
                        done.ref().tell("done");
                    }
                }
                return Behaviors.same();
            }), "outer");

            outer.tell(new Cmd.Go(inner));
            done.expect("done");

            List<ILoggingEvent> lines = log.events();
            assertThat(lines).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("outer before", "inner hello", "outer after");
            assertThat(lines).extracting(e -> e.getMDCPropertyMap().get("troupe.actor")).containsExactly(
                    outer.path().toString(), inner.path().toString(), outer.path().toString());
        }
    }
}
