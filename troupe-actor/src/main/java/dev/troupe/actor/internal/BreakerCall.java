package dev.troupe.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One admitted call of a {@link dev.troupe.actor.CircuitBreaker}: the epoch it was admitted under, when it
 * started, and a flag that lets exactly one of its possible endings (the body's completion, the time-out)
 * count. Thread-safe.
 */
public final class BreakerCall {
    private static final VarHandle SETTLED;

    static {
        try {
            SETTLED = MethodHandles.lookup().findVarHandle(BreakerCall.class, "settled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long epoch;
    private final long startNanos;
    @SuppressWarnings("unused") // accessed through SETTLED
    private volatile boolean settled;

    public BreakerCall(long epoch, long startNanos) {
        this.epoch = epoch;
        this.startNanos = startNanos;
    }

    public long epoch() {
        return epoch;
    }

    public long startNanos() {
        return startNanos;
    }

    /** True for the first caller only; the losers' endings are ignored (a late completion, a late time-out). */
    public boolean settle() {
        return SETTLED.compareAndSet(this, false, true);
    }
}
