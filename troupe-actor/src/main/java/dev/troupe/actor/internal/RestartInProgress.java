package dev.troupe.actor.internal;

import dev.troupe.actor.Cancellable;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A restart the actor cell is carrying out: it waits until the children it stopped are gone and the back-off
 * delay (if any) has passed, holding up to {@code stashCapacity} messages that arrive during the delay.
 * Confined to the actor's turn.
 */
final class RestartInProgress<T> {
    /** The back-off delay of one particular restart has passed. */
    record DelayElapsed(RestartInProgress<?> restart) implements InternalMessage {
        @Override
        public <X> void deliver(ActorCell<X> cell) {
            cell.restartDelayElapsed(restart);
        }

        @Override
        public Object deadLetterPayload() {
            return null;
        }
    }

    final BehaviorImpl.Restarting<T> request;
    boolean childrenGone;
    boolean delayElapsed;
    Cancellable delayTimer;
    private ArrayDeque<Object> held;

    RestartInProgress(BehaviorImpl.Restarting<T> request) {
        this.request = request;
    }

    /** Keeps a message that arrived during the delay; false if the stash is full (or there is none). */
    boolean hold(Object envelope) {
        if (held == null) {
            if (request.stashCapacity() == 0) {
                return false;
            }
            held = new ArrayDeque<>();
        }
        if (held.size() >= request.stashCapacity()) {
            return false;
        }
        held.addLast(envelope);
        return true;
    }

    /** Hands every held message, oldest first, to {@code sink}, and forgets them. */
    void release(Consumer<Object> sink) {
        if (held != null) {
            ArrayDeque<Object> messages = held;
            held = null;
            messages.forEach(sink);
        }
    }

    /** Cancels the delay; used when the actor stops mid-restart. */
    void cancel() {
        if (delayTimer != null) {
            delayTimer.cancel();
        }
    }
}
