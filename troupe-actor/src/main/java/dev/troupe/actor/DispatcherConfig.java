package dev.troupe.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a named dispatcher runs its actors: which threads, how many messages an actor processes per turn
 * ({@linkplain #throughput() throughput}) and how long a turn may last at most
 * ({@linkplain #throughputDeadline() throughput deadline}). Register one with
 * {@link ActorSystemSettings.Builder#dispatcher(String, DispatcherConfig)} and select it per actor with
 * {@link DispatcherSelector#fromSettings(String)}.
 *
 * <p>Every kind guarantees what every dispatcher guarantees: an actor processes one message at a time, and
 * everything one message's handling did is visible to the handling of the next, even when it runs on another
 * thread. The kinds differ in which threads run the turns:
 *
 * <ul>
 *   <li>{@link ForkJoin}: a work-stealing pool; the default, best for CPU-bound, non-blocking actors.</li>
 *   <li>{@link FixedPool}: a fixed number of platform threads sharing one FIFO queue; for blocking calls, as
 *       it bounds how many happen at once (see {@link DispatcherSelector#blocking()}).</li>
 *   <li>{@link Pinned}: a platform thread of its own per actor, started with its first message and ended
 *       when the actor stops; for an actor that blocks for long or needs a stable thread.</li>
 *   <li>{@link VirtualThreads}: each turn on a new virtual thread; handlers may block on I/O cheaply.</li>
 *   <li>{@link CallingThread}: each turn on the thread that made the actor runnable (the sender), before
 *       {@code tell} returns; deterministic, for tests.</li>
 * </ul>
 *
 * <p>Throughput trades fairness for batching: a turn processes up to {@code throughput} messages before the
 * thread serves another actor, so a high value amortizes scheduling over many messages (more messages per
 * second for busy actors) and a low value lets other actors in sooner (lower latency under load). The
 * {@link ForkJoin} kind only ends a turn there if another actor may be waiting for the thread; when none is,
 * the turn goes on, {@code throughput} messages at a time. The
 * deadline ends a turn early when it has lasted that long, checked after each message, so that an actor with
 * a high throughput but slow messages still yields; {@link Duration#ZERO} means no deadline.
 *
 * <p>Immutable and thread-safe. The constructors and {@code with...} methods check their arguments:
 * {@link NullPointerException} for a null deadline, {@link IllegalArgumentException} for a thread count or
 * throughput below 1 (or above 32,767 threads) or a negative deadline.
 */
public sealed interface DispatcherConfig {

    /** The default throughput of the factory methods: 5 messages per turn. */
    int DEFAULT_THROUGHPUT = 5;

    /** Messages an actor processes per turn, at least 1. */
    int throughput();

    /** The longest a turn goes on before the actor yields, checked after each message; zero for no limit. */
    Duration throughputDeadline();

    /** A copy with another throughput, at least 1. */
    DispatcherConfig withThroughput(int throughput);

    /** A copy with another throughput deadline, zero (none) or positive. */
    DispatcherConfig withThroughputDeadline(Duration deadline);

    /** A fork-join pool of {@code parallelism} threads, throughput 5, no deadline, with hand-off. */
    static ForkJoin forkJoin(int parallelism) {
        return new ForkJoin(parallelism, DEFAULT_THROUGHPUT, Duration.ZERO, true);
    }

    /** A pool of {@code threads} platform threads, throughput 5, no deadline. */
    static FixedPool fixedPool(int threads) {
        return new FixedPool(threads, DEFAULT_THROUGHPUT, Duration.ZERO);
    }

    /** A thread per actor, throughput 5, no deadline. */
    static Pinned pinned() {
        return new Pinned(DEFAULT_THROUGHPUT, Duration.ZERO);
    }

    /** A virtual thread per turn, throughput 5, no deadline. */
    static VirtualThreads virtualThreads() {
        return new VirtualThreads(DEFAULT_THROUGHPUT, Duration.ZERO);
    }

    /** The sender's thread, throughput 5, no deadline. */
    static CallingThread callingThread() {
        return new CallingThread(DEFAULT_THROUGHPUT, Duration.ZERO);
    }

    /**
     * Troupe's own work-stealing pool of {@code parallelism} (1 to 32,767) non-daemon platform threads, all
     * started with the pool and ended when the system terminates. An actor made runnable by an actor of the
     * same pool is queued on that worker (in FIFO order) and stolen by idle workers; one made runnable by any
     * other thread is queued for all workers. A worker out of work parks, and queuing an actor wakes a parked
     * worker only if no other worker is already looking for work. Do not block in its actors: a blocked
     * worker is a lost worker.
     *
     * <p>With {@code handOff} (the default), an actor that a handler makes runnable on a worker is not queued:
     * the worker keeps it and runs it as soon as the current actor's turn ends, on the same thread, with the
     * message still in its cache and no other thread woken. Only the latest such actor is kept (an earlier one
     * is queued, where idle workers can steal it), an actor that is sent several more messages while kept is queued
     * (its sender is streaming to it, so another worker should take it), and after 32 hand-offs in a
     * row the kept actor is queued behind any other actor waiting for that worker, so that a chain of actors
     * cannot starve the queue. The
     * price: a kept actor waits for the rest of the current handler even if another worker is idle, so a
     * handler that sends and then computes for long delays its receiver; turn hand-off off for such actors'
     * dispatcher. A handler that sends and then blocks until the receiver has acted (on a latch, a lock, a
     * future of its own) waits until its wait times out, since the receiver runs only after the handler;
     * blocking on an ask's {@code get} or {@code join} releases the kept actor first, so an ask does not.
     * Message order and the happens-before guarantees are the same either way.
     */
    record ForkJoin(int parallelism, int throughput, Duration throughputDeadline, boolean handOff)
            implements DispatcherConfig {
        public ForkJoin {
            checkThreads(parallelism, "parallelism");
            checkTurn(throughput, throughputDeadline);
        }

        public ForkJoin withParallelism(int parallelism) {
            return new ForkJoin(parallelism, throughput, throughputDeadline, handOff);
        }

        @Override
        public ForkJoin withThroughput(int throughput) {
            return new ForkJoin(parallelism, throughput, throughputDeadline, handOff);
        }

        @Override
        public ForkJoin withThroughputDeadline(Duration deadline) {
            return new ForkJoin(parallelism, throughput, deadline, handOff);
        }

        /** A copy with hand-off on or off. */
        public ForkJoin withHandOff(boolean handOff) {
            return new ForkJoin(parallelism, throughput, throughputDeadline, handOff);
        }
    }

    /**
     * A pool of exactly {@code threads} (1 to 32,767) non-daemon platform threads, started on demand and
     * kept until the system terminates, serving runnable actors in FIFO order. At most {@code threads}
     * actors run at once, so blocking actors on it cannot take more threads than that, nor starve the actors
     * of other dispatchers.
     */
    record FixedPool(int threads, int throughput, Duration throughputDeadline) implements DispatcherConfig {
        public FixedPool {
            checkThreads(threads, "threads");
            checkTurn(throughput, throughputDeadline);
        }

        public FixedPool withThreads(int threads) {
            return new FixedPool(threads, throughput, throughputDeadline);
        }

        @Override
        public FixedPool withThroughput(int throughput) {
            return new FixedPool(threads, throughput, throughputDeadline);
        }

        @Override
        public FixedPool withThroughputDeadline(Duration deadline) {
            return new FixedPool(threads, throughput, deadline);
        }
    }

    /**
     * A non-daemon platform thread of its own for each actor, started when the actor first runs and ended
     * when it stops. Throughput and deadline only bound how long the actor goes without re-checking its system
     * messages; no other actor shares the thread. Costs a thread per live actor.
     */
    record Pinned(int throughput, Duration throughputDeadline) implements DispatcherConfig {
        public Pinned {
            checkTurn(throughput, throughputDeadline);
        }

        @Override
        public Pinned withThroughput(int throughput) {
            return new Pinned(throughput, throughputDeadline);
        }

        @Override
        public Pinned withThroughputDeadline(Duration deadline) {
            return new Pinned(throughput, deadline);
        }
    }

    /**
     * Each turn runs on a new virtual thread, so a handler that blocks (I/O, locks, {@code Future.get}) parks
     * its virtual thread and frees the carrier: thousands of actors can block at once without starving each
     * other. Blocking calls that pin the carrier (some native calls) still take a carrier thread.
     */
    record VirtualThreads(int throughput, Duration throughputDeadline) implements DispatcherConfig {
        public VirtualThreads {
            checkTurn(throughput, throughputDeadline);
        }

        @Override
        public VirtualThreads withThroughput(int throughput) {
            return new VirtualThreads(throughput, throughputDeadline);
        }

        @Override
        public VirtualThreads withThroughputDeadline(Duration deadline) {
            return new VirtualThreads(throughput, deadline);
        }
    }

    /**
     * Runs each turn on the thread that makes the actor runnable: a {@code tell} from the test thread to an
     * idle actor processes the message before {@code tell} returns. Turns started while the thread is already
     * running a calling-thread turn are queued on that thread and run, in order, when the current turn ends,
     * so actors telling each other never recurse and never overflow the stack. Starts no threads.
     *
     * <p>For tests only: a handler that blocks blocks the sender, and an actor that waits for another actor on
     * the same thread deadlocks.
     */
    record CallingThread(int throughput, Duration throughputDeadline) implements DispatcherConfig {
        public CallingThread {
            checkTurn(throughput, throughputDeadline);
        }

        @Override
        public CallingThread withThroughput(int throughput) {
            return new CallingThread(throughput, throughputDeadline);
        }

        @Override
        public CallingThread withThroughputDeadline(Duration deadline) {
            return new CallingThread(throughput, deadline);
        }
    }

    private static void checkThreads(int threads, String what) {
        if (threads < 1 || threads > 32_767) {
            throw new IllegalArgumentException(what + " must be 1..32767, was " + threads);
        }
    }

    private static void checkTurn(int throughput, Duration deadline) {
        if (throughput < 1) {
            throw new IllegalArgumentException("throughput must be at least 1, was " + throughput);
        }
        Objects.requireNonNull(deadline, "throughputDeadline");
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("throughputDeadline must be zero (none) or positive, was " + deadline);
        }
    }
}
