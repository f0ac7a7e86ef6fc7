package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import dev.troupe.testkit.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The composite hook, called directly as the runtime would call it for one message: onSend, then
 * beforeReceive with what onSend returned, then afterReceive with what beforeReceive returned. None of the
 * recording hooks reads the actor or the paths, so the calls pass null for them.
 */
class MessageHooksTest {
    private static final Object MESSAGE = "message";

    private final List<String> calls = new ArrayList<>();

    /** Writes each call into {@link #calls}, with the value it got; carries and returns values named after it. */
    private class Recording implements MessageHook {
        final String name;

        Recording(String name) {
            this.name = name;
        }

        Object carried() {
            return name + "-carried";
        }

        @Override
        public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
            calls.add(name + ".onSend");
            return carried();
        }

        @Override
        public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
            calls.add(name + ".beforeReceive(" + carried + ")");
            return name + "-token";
        }

        @Override
        public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
            calls.add(name + ".afterReceive(" + token + ", " + failure + ")");
        }
    }

    /** Carries nothing, as the MDC hook does. */
    private class CarriesNothing extends Recording {
        CarriesNothing(String name) {
            super(name);
        }

        @Override
        Object carried() {
            return null;
        }
    }

    /** Records each call, then throws. */
    private class Throwing extends Recording {
        Throwing(String name) {
            super(name);
        }

        @Override
        public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
            super.onSend(sender, recipient, message);
            throw new IllegalStateException(name + " broke on send");
        }

        @Override
        public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
            super.beforeReceive(actor, message, carried);
            throw new IllegalStateException(name + " broke before receive");
        }

        @Override
        public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
            super.afterReceive(actor, token, failure);
            throw new IllegalStateException(name + " broke after receive");
        }
    }

    /** One message through {@code hook}, as the runtime runs it; {@code failure} is what the handler threw. */
    private static void process(MessageHook hook, Throwable failure) {
        Object carried = hook.onSend(null, null, MESSAGE);
        Object token = hook.beforeReceive(null, MESSAGE, carried);
        hook.afterReceive(null, token, failure);
    }

    @Test
    void sendAndBeforeReceiveRunInTheOrderGivenAndAfterReceiveInReverseEachWithItsOwnValues() {
        process(MessageHooks.compose(new Recording("a"), new Recording("b"), new Recording("c")), null);

        assertThat(calls).containsExactly(
                "a.onSend", "b.onSend", "c.onSend",
                "a.beforeReceive(a-carried)", "b.beforeReceive(b-carried)", "c.beforeReceive(c-carried)",
                "c.afterReceive(c-token, null)", "b.afterReceive(b-token, null)", "a.afterReceive(a-token, null)");
    }

    @Test
    void aHookThatCarriesNothingGetsNullWhileTheOthersGetTheirs() {
        process(MessageHooks.compose(new CarriesNothing("a"), new Recording("b")), null);

        assertThat(calls).contains("a.beforeReceive(null)", "b.beforeReceive(b-carried)");
    }

    @Test
    void whenNoHookCarriesAnythingTheMessageCarriesNothing() {
        MessageHook hook = MessageHooks.compose(new CarriesNothing("a"), new CarriesNothing("b"));

        assertThat(hook.onSend(null, null, MESSAGE)).isNull(); // so the message needs no envelope
    }

    @Test
    void everyHookSeesTheHandlersFailure() {
        IllegalArgumentException failure = new IllegalArgumentException("handler failed");

        process(MessageHooks.compose(new Recording("a"), new Recording("b")), failure);

        assertThat(calls).contains("b.afterReceive(b-token, " + failure + ")", "a.afterReceive(a-token, " + failure + ")");
    }

    @Test
    void aThrowingHookDoesNotStopTheOthersAndIsLoggedOnce() {
        MessageHook hook = MessageHooks.compose(new Recording("a"), new Throwing("broken"), new Recording("c"));

        LogCapture.error().withLoggerName(MessageHooks.class.getName()).withOccurrences(1)
                .withThrowable(IllegalStateException.class)
                .expect(() -> process(hook, null));

        assertThat(calls).containsExactly(
                "a.onSend", "broken.onSend", "c.onSend",
                "a.beforeReceive(a-carried)", "broken.beforeReceive(null)", "c.beforeReceive(c-carried)",
                "c.afterReceive(c-token, null)", "broken.afterReceive(null, null)", "a.afterReceive(a-token, null)");
    }

    @Test
    void composingOneHookGivesThatHook() {
        MessageHook only = new Recording("only");

        assertThat(MessageHooks.compose(only)).isSameAs(only);
    }

    @Test
    void composingNoHookOrANullHookIsRefused() {
        assertThatThrownBy(MessageHooks::compose).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one hook");
        assertThatThrownBy(() -> MessageHooks.compose(new Recording("a"), null))
                .isInstanceOf(NullPointerException.class);
    }
}
