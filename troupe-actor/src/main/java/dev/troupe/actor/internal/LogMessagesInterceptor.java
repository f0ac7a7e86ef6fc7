package dev.troupe.actor.internal;

import dev.troupe.actor.Behavior;
import dev.troupe.actor.Signal;
import org.slf4j.event.Level;

/** Logs each message and signal through the actor's logger before passing it on. */
public final class LogMessagesInterceptor<T> implements Interceptor<T> {
    private final Level level;

    public LogMessagesInterceptor(Level level) {
        this.level = level;
    }

    @Override
    public Behavior<T> aroundReceive(ContextBase<T> ctx, T message, Target<T> target) throws Exception {
        ctx.log().atLevel(level).log("{} received message {}", ctx.self().path(), message);
        return target.interpretInner(message);
    }

    @Override
    public Behavior<T> aroundSignal(ContextBase<T> ctx, Signal signal, Target<T> target)
            throws Exception {
        ctx.log().atLevel(level).log("{} received signal {}", ctx.self().path(), signal);
        return target.interpretInnerSignal(signal);
    }

    @Override
    public String toString() {
        return "logMessages(" + level + ")";
    }
}
