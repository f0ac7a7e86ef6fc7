package dev.troupe.actor.internal;

import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/** The outcome of a piped {@link java.util.concurrent.CompletionStage}, mapped on the actor's thread. */
record AdaptedResult<V, T>(V value, Throwable failure, BiFunction<V, Throwable, T> mapper)
        implements InternalMessage {

    static <V, T> AdaptedResult<V, T> of(V value, Throwable failure, BiFunction<V, Throwable, T> mapper) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return new AdaptedResult<>(cause == null ? value : null, cause, mapper);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X> void deliver(ActorCell<X> cell) throws Exception {
        T mapped = mapper.apply(value, failure);
        if (mapped == null) {
            throw new NullPointerException("pipeToSelf mapping in " + cell.self().path() + " returned null");
        }
        cell.receiveMessage((X) mapped);
    }

    @Override
    public boolean droppable() {
        return true;
    }

    @Override
    public Object deadLetterPayload() {
        return failure != null ? failure : value;
    }
}
