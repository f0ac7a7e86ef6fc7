package dev.troupe.actor.internal;

import dev.troupe.actor.OfferResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * The depth in O(1), for instrumented actors: two counters beside the plain queue. A producer adds one to
 * `enqueued` right after the getAndSet that queues its node, on the cache line that getAndSet has just taken
 * for itself, so the second atomic instruction adds no coherence traffic; the consumer adds one to `dequeued`
 * for every message it takes (its own field: a plain read and an opaque write). The depth is enqueued - dequeued
 * in int arithmetic, which stays right across overflow while fewer than 2^31 messages wait, clamped at zero:
 * the consumer may take a message before its producer has counted it.
 *
 * The queue itself is UnboundedMailbox's, unchanged, and every argument there holds. An earlier version numbered
 * the nodes instead, each one above its predecessor, which needs the predecessor's number before the node is
 * published: a CAS loop on `tail`, whose read of the line before the CAS makes two coherence transactions where
 * a getAndSet makes one. With the producer and the consumer on different cores that made the counting benchmark
 * about 1.6 times slower with metrics on (see docs/observability.md).
 */

/**
 * The default mailbox of an instrumented actor: the same queue, with its depth known in O(1) (the plain queue
 * counts by walking its nodes, which a sample taken under overload cannot afford). Made only when the system
 * has an instrumentation. Thread-safe as a {@link Mailbox}; the depth read while producers are active may be off
 * by the messages in flight, and is never negative.
 */
final class CountedUnboundedMailbox extends UnboundedMailbox {
    private static final VarHandle ENQUEUED;
    private static final VarHandle DEQUEUED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENQUEUED = lookup.findVarHandle(CountedUnboundedMailbox.class, "enqueued", int.class);
            DEQUEUED = lookup.findVarHandle(CountedUnboundedMailbox.class, "dequeued", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Messages queued so far (mod 2^32); producers add to it atomically. */
    @SuppressWarnings("unused") // through ENQUEUED
    private volatile int enqueued;
    /** Messages taken so far (mod 2^32); written by the consumer only, read by anyone. */
    private int dequeued;

    @Override
    protected OfferResult offerUser(Object message) {
        OfferResult result = super.offerUser(message);
        ENQUEUED.getAndAdd(this, 1);
        return result;
    }

    @Override
    protected Object pollUser() {
        return counted(super.pollUser());
    }

    @Override
    protected Object pollPlainUser() {
        return counted(super.pollPlainUser());
    }

    private Object counted(Object taken) {
        if (taken != null) {
            DEQUEUED.setOpaque(this, dequeued + 1);
        }
        return taken;
    }

    /** Read in this order (taken, then queued), so that a quiet queue reads exact and a busy one never negative. */
    @Override
    public int userMessageCount() {
        int taken = (int) DEQUEUED.getOpaque(this);
        return Math.max(0, (int) ENQUEUED.getVolatile(this) - taken);
    }
}
