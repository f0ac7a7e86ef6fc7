package dev.troupe.actor;

/** A handle on a scheduled task. Safe to call from any thread. */
public interface Cancellable {
    /**
     * Cancels the task if it has not run yet (for repeated tasks: stops future runs).
     *
     * @return true if this call cancelled it, false if it had already run to completion or been cancelled
     */
    boolean cancel();

    /** True once {@link #cancel()} has succeeded. */
    boolean isCancelled();
}
