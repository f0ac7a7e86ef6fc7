package dev.troupe.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * One benchmark: a name, its sizes, the result a correct run must produce, and one driver per system. A driver
 * is the behavior of an actor that sets the workload up when it starts and completes {@code done} when the
 * work is finished; the run is timed from spawning the driver to {@code done}.
 *
 * @param name         short name, used on the command line and in the results
 * @param unit         what {@link Result#count()} counts, for the rate column (e.g. "msg", "actors")
 * @param description  one line for the docs and {@code --list}
 * @param fullSize     size of a normal run
 * @param quickSize    size in {@code --quick} mode
 * @param tinySize     size in the unit test
 * @param expected     the result of a correct run of a given size
 * @param rate         converts (size, count) into the units reported per second
 * @param troupe       the Troupe driver
 * @param pekko        the Pekko typed driver
 */
public record Workload(String name, String unit, String description, long fullSize, long quickSize, long tinySize,
                       LongFunction<Result> expected, Driver<dev.troupe.actor.Behavior<?>> troupe,
                       Driver<org.apache.pekko.actor.typed.Behavior<?>> pekko) {

    /** Makes the driver behavior of one run. */
    @FunctionalInterface
    public interface Driver<B> {
        B driver(long size, CompletableFuture<Result> done);
    }

    public long size(SizeClass sizes) {
        return switch (sizes) {
            case FULL -> Math.max(1, Math.round(fullSize * Double.parseDouble(
                    System.getProperty("troupe.bench.sizeScale", "1"))));
            case QUICK -> quickSize;
            case TINY -> tinySize;
        };
    }

    /** Throws if {@code actual} is not what a correct run of {@code size} gives. */
    public void validate(long size, Result actual) {
        Result want = expected.apply(size);
        if (!want.equals(actual)) {
            throw new IllegalStateException(name + " size " + size + ": expected " + want + " but the run gave "
                    + actual + "; no time is reported for a broken run");
        }
    }

    /** The sizes a run uses. */
    public enum SizeClass { FULL, QUICK, TINY }
}
