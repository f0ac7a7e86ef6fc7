package dev.troupe.bench;

/** Shared helpers of the workloads, identical for both systems. */
public final class Work {
    private Work() {}

    /** Savina's {@code performComputation}: a little floating-point work per message (fork-join workloads). */
    public static double compute(double theta) {
        double sint = Math.sin(theta);
        double res = sint * sint;
        if (res <= 0) { // never true for the inputs used; keeps the JIT from removing the work
            throw new IllegalStateException("result is negative or zero: " + res);
        }
        return res;
    }

    /** Sum of 1..n. */
    public static long triangle(long n) {
        return n * (n + 1) / 2;
    }

    /** Thrown by an actor that sees an impossible state; the run then fails instead of reporting a time. */
    public static IllegalStateException broken(String what) {
        return new IllegalStateException("workload invariant violated: " + what);
    }
}
