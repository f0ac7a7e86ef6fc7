package dev.troupe.actor.internal.routing;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.routing.FlowControl;
import dev.troupe.actor.Signal;
import dev.troupe.actor.internal.BehaviorImpl;
import dev.troupe.actor.internal.BehaviorInterpreter;
import dev.troupe.actor.internal.ContextBase;
import dev.troupe.actor.internal.Interceptor;
import java.util.HashMap;
import java.util.Map;

/**
 * The consumer side of {@link FlowControl}: unwraps {@link FlowControl.Deliver} for the wrapped behavior and
 * returns credits. The actor runs the wrapped behavior's type at runtime (erased); the interceptor sees every
 * message first. Actor thread only.
 */
public final class CreditInterceptor implements Interceptor<Object> {
    private final int window;
    private final int batch;
    private final Map<ActorRef<FlowControl.Demand>, Integer> pending = new HashMap<>();

    private CreditInterceptor(int window) {
        this.window = window;
        this.batch = Math.max(1, window / 2);
    }

    @SuppressWarnings("unchecked")
    public static <T> Behavior<FlowControl.Inbound<T>> wrap(int window, Behavior<T> consumer) {
        return Behaviors.setup(ctx -> (Behavior<FlowControl.Inbound<T>>) (Behavior<?>) BehaviorImpl.Intercept.deferred(
                new CreditInterceptor(window), (Behavior<Object>) (Behavior<?>) consumer));
    }

    @Override
    public Behavior<Object> aroundReceive(ContextBase<Object> ctx, Object message, Target<Object> target)
            throws Exception {
        return switch (message) {
            case FlowControl.Subscribe<?>(var producer) -> {
                producer.tell(new FlowControl.Demand(window));
                yield Behaviors.same();
            }
            case FlowControl.Deliver<?>(var inner, var producer) -> {
                boolean ok = false;
                try {
                    Behavior<Object> next = target.interpretInner(inner);
                    ok = !BehaviorInterpreter.isUnhandled(next);
                    yield next;
                } finally {
                    int owed = pending.merge(producer, 1, Integer::sum);
                    if (!ok || owed >= batch) { // on failure give everything back: a restart must lose no credit
                        flush(ok ? producer : null);
                    }
                }
            }
            default -> target.interpretInner(message);
        };
    }

    /** Returns the credits owed to {@code producer}, or to every producer if null. */
    private void flush(ActorRef<FlowControl.Demand> producer) {
        if (producer != null) {
            Integer owed = pending.remove(producer);
            if (owed != null && owed > 0) {
                producer.tell(new FlowControl.Demand(owed));
            }
            return;
        }
        pending.forEach((p, owed) -> p.tell(new FlowControl.Demand(owed)));
        pending.clear();
    }

    @Override
    public Behavior<Object> aroundSignal(ContextBase<Object> ctx, Signal signal, Target<Object> target)
            throws Exception {
        return target.interpretInnerSignal(signal);
    }
}
