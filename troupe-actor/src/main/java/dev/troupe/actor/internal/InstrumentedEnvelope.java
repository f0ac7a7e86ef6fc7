package dev.troupe.actor.internal;

/**
 * A user message on its way through the mailbox of an instrumented actor, when it carries something: the time
 * it was enqueued (a sampled message) or what the message hook's {@code onSend} returned. Most messages of an
 * instrumented actor need neither and travel bare. Never wraps a runtime envelope ({@link InternalMessage}).
 * Immutable; published by the mailbox's enqueue.
 */
final class InstrumentedEnvelope {
    final Object message;
    /** System.nanoTime() at the enqueue, if timed. */
    final long enqueuedNanos;
    /** 0 if the message is not timed, else the messages its sample stands for. */
    final int weight;
    final Object carried;

    InstrumentedEnvelope(Object message, long enqueuedNanos, int weight, Object carried) {
        this.message = message;
        this.enqueuedNanos = enqueuedNanos;
        this.weight = weight;
        this.carried = carried;
    }

    /** The message itself, whether or not it travels in an envelope. */
    static Object unwrap(Object maybeEnvelope) {
        return maybeEnvelope instanceof InstrumentedEnvelope e ? e.message : maybeEnvelope;
    }
}
