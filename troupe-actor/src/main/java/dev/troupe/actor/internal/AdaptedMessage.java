package dev.troupe.actor.internal;

import java.util.function.Function;

/** A message for a message adapter, converted on the owning actor's thread. */
record AdaptedMessage<U, T>(U message, Function<U, T> adapter) implements InternalMessage {

    @Override
    @SuppressWarnings("unchecked")
    public <X> void deliver(ActorCell<X> cell) throws Exception {
        T adapted = adapter.apply(message);
        if (adapted == null) {
            throw new NullPointerException("Message adapter in " + cell.self().path() + " returned null for "
                    + message.getClass().getName());
        }
        cell.receiveMessage((X) adapted);
    }

    @Override
    public boolean droppable() {
        return true;
    }

    @Override
    public Object deadLetterPayload() {
        return message;
    }
}
