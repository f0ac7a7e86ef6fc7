package dev.troupe.actor.internal;

/**
 * A user message on its way through the mailbox of an instrumented actor, when it carries something: the time
 * it was enqueued (a sampled message) or what the message hook's {@code onSend} returned. Most messages of an
 * instrumented actor need neither and travel bare. Never wraps a runtime envelope ({@link InternalMessage}).
 * Immutable; published by the mailbox's enqueue.
 */
final class InstrumentedEnvelope {
    final Object message;
    /** System.nanoTime() at the enqueue, if {@link #timed}. */
    final long enqueuedNanos;
    final boolean timed;
    final Object carried;

    InstrumentedEnvelope(Object message, long enqueuedNanos, boolean timed, Object carried) {
        this.message = message;
        this.enqueuedNanos = enqueuedNanos;
        this.timed = timed;
        this.carried = carried;
    }

    /** The message itself, whether or not it travels in an envelope. */
    static Object unwrap(Object maybeEnvelope) {
        return maybeEnvelope instanceof InstrumentedEnvelope e ? e.message : maybeEnvelope;
    }
}
