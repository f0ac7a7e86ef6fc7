package dev.troupe.actor.internal;

/** Rethrowing any throwable from code that declares {@code throws Exception}. */
final class Failures {
    private Failures() {}

    /** Throws {@code t} unchanged (checked or not); declared to return so callers can write {@code throw}. */
    static Exception rethrow(Throwable t) throws Exception {
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("Unexpected throwable", t);
    }
}
