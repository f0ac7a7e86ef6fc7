package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
final class FixedPoolDispatcher implements Dispatcher {
    private final ThreadPoolExecutor pool;
    private final DispatcherThreads threads;
    private final int throughput;
    private final long deadlineNanos;

    FixedPoolDispatcher(String threadNamePrefix, int threadCount, int throughput, Duration throughputDeadline) {
        this.threads = new DispatcherThreads(threadNamePrefix);
        this.pool = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.NANOSECONDS,
                new LinkedBlockingQueue<>(), threads);
        this.throughput = throughput;
        this.deadlineNanos = throughputDeadline.toNanos();
    }

    @Override
    public boolean execute(Mailbox mailbox) {
        try {
            pool.execute(mailbox);
            return true;
        } catch (RejectedExecutionException e) {
            return DispatcherThreads.refused(pool.isShutdown(), e);
        }
    }

    @Override
    public int throughput() {
        return throughput;
    }

    @Override
    public long throughputDeadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS) && threads.awaitAllFinished(deadline);
    }
}
