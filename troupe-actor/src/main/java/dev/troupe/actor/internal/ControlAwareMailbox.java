package dev.troupe.actor.internal;

import dev.troupe.actor.ControlMessage;
import java.util.ArrayDeque;

/**
 * An unbounded mailbox delivering {@link ControlMessage}s before all other waiting messages; each of the two
 * groups in arrival order. Thread-safe as a {@link Mailbox}.
 */
final class ControlAwareMailbox extends LockedMailbox {
    private final ArrayDeque<Object> control = new ArrayDeque<>();
    private final ArrayDeque<Object> ordinary = new ArrayDeque<>();

    @Override
    protected void addLocked(Object message) {
        (InstrumentedEnvelope.unwrap(message) instanceof ControlMessage ? control : ordinary).addLast(message);
    }

    @Override
    protected Object peekLocked() {
        Object next = control.peekFirst();
        return next != null ? next : ordinary.peekFirst();
    }

    @Override
    protected Object pollLocked() {
        Object next = control.pollFirst();
        return next != null ? next : ordinary.pollFirst();
    }

    @Override
    protected int sizeLocked() {
        return control.size() + ordinary.size();
    }
}
