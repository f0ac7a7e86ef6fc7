package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/*
 * A ThreadPoolExecutor with exactly `threads` workers (started on demand, never timed out) and one unbounded
 * FIFO queue of runnable mailboxes. Unlike the fork-join pool it has no per-worker deques: a mailbox scheduled
 * from a worker goes to the back of the shared queue, which makes the order in which actors get turns strictly
 * FIFO. The queue is unbounded, and a mailbox is in it at most once (SCHEDULED), so it never refuses work
 * while running.
 */

/** Runs actors on a fixed pool of platform threads. Thread-safe. */
final class FixedPoolDispatcher extends ExecutorDispatcher {
    private final DispatcherThreads threads;

    FixedPoolDispatcher(String threadNamePrefix, int threadCount, int throughput, Duration throughputDeadline) {
        this(new DispatcherThreads(threadNamePrefix), threadCount, throughput, throughputDeadline);
    }

    private FixedPoolDispatcher(DispatcherThreads threads, int threadCount, int throughput,
                                Duration throughputDeadline) {
        super(new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(),
                threads), throughput, throughputDeadline);
        this.threads = threads;
    }

    /** Also waits for the threads themselves to end, so that none is left when the system has terminated. */
    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return super.awaitTermination(timeout) && threads.awaitAllFinished(deadline);
    }
}
