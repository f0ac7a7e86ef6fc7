package dev.troupe.observe;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs several {@link MessageHook}s as one, since a system has one: {@code onSend} and {@code beforeReceive}
 * in the order given, {@code afterReceive} in the reverse order (so that scopes close in the order they
 * opened). Each hook carries and gets back only its own values. A hook that throws does not keep the others
 * from running (an MDC left set or a span left open would outlive the message): its failure is logged, the
 * first one only, and it gets null where its value would have been. Thread-safe if the hooks are.
 */
public final class MessageHooks {
    private static final Logger LOG = LoggerFactory.getLogger(MessageHooks.class);

    private MessageHooks() {}

    /**
     * One hook running {@code hooks}.
     *
     * @throws IllegalArgumentException if {@code hooks} is empty
     */
    public static MessageHook compose(MessageHook... hooks) {
        List<MessageHook> all = List.of(hooks); // throws NullPointerException for a null hook
        if (all.isEmpty()) {
            throw new IllegalArgumentException("compose needs at least one hook");
        }
        return all.size() == 1 ? all.get(0) : new Composite(all.toArray(MessageHook[]::new));
    }

    private static final class Composite implements MessageHook {
        private final MessageHook[] hooks;
        private final AtomicBoolean failureLogged = new AtomicBoolean();

        Composite(MessageHook[] hooks) {
            this.hooks = hooks;
        }

        private void failed(MessageHook hook, RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.error("Message hook {} failed; later failures of composed hooks are not logged", hook, e);
            }
        }

        @Override
        public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
            Object[] carried = null;
            for (int i = 0; i < hooks.length; i++) {
                try {
                    Object value = hooks[i].onSend(sender, recipient, message);
                    if (value != null) {
                        if (carried == null) {
                            carried = new Object[hooks.length];
                        }
                        carried[i] = value;
                    }
                } catch (RuntimeException e) {
                    failed(hooks[i], e);
                }
            }
            return carried;
        }

        @Override
        public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
            Object[] values = (Object[]) carried;
            Object[] tokens = new Object[hooks.length];
            for (int i = 0; i < hooks.length; i++) {
                try {
                    tokens[i] = hooks[i].beforeReceive(actor, message, values == null ? null : values[i]);
                } catch (RuntimeException e) {
                    failed(hooks[i], e);
                }
            }
            return tokens;
        }

        @Override
        public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
            Object[] tokens = (Object[]) token;
            for (int i = hooks.length - 1; i >= 0; i--) {
                try {
                    hooks[i].afterReceive(actor, tokens == null ? null : tokens[i], failure);
                } catch (RuntimeException e) {
                    failed(hooks[i], e);
                }
            }
        }
    }
}
