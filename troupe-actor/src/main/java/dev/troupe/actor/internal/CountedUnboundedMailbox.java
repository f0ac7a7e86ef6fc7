package dev.troupe.actor.internal;

import dev.troupe.actor.OfferResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The default mailbox of an instrumented actor: the same queue, plus counts of the messages enqueued and taken,
 * so that its depth is known in O(1) (the plain queue counts by walking its nodes, which a sample taken under
 * overload cannot afford). Made only when the system has an instrumentation, so that other actors pay neither
 * the 16 bytes nor the atomic add per message.
 *
 * <p>Memory ordering: producers add to {@code enqueued} with an atomic add after publishing their node, the
 * consumer writes {@code taken} (its only writer) with {@code setOpaque}; readers of the depth read both with
 * opaque reads. A reader may see a message taken before its enqueue was counted: the depth is then clamped to
 * zero, never negative, and is exact whenever the producers are quiet.
 */
final class CountedUnboundedMailbox extends UnboundedMailbox {
    private static final VarHandle ENQUEUED;
    private static final VarHandle TAKEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENQUEUED = lookup.findVarHandle(CountedUnboundedMailbox.class, "enqueued", long.class);
            TAKEN = lookup.findVarHandle(CountedUnboundedMailbox.class, "taken", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long enqueued;
    private long taken;

    @Override
    protected OfferResult offerUser(Object message) {
        OfferResult result = super.offerUser(message);
        ENQUEUED.getAndAdd(this, 1L);
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

    private Object counted(Object message) {
        if (message != null) {
            TAKEN.setOpaque(this, taken + 1);
        }
        return message;
    }

    @Override
    public int userMessageCount() {
        long depth = (long) ENQUEUED.getOpaque(this) - (long) TAKEN.getOpaque(this);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, depth));
    }
}
