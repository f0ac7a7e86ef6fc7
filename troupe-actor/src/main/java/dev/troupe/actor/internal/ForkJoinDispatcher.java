package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The default dispatcher: a ForkJoinPool in async (FIFO) mode. Mailboxes are ForkJoinTasks, so execute()
 * queues them without allocating; a mailbox scheduled from a worker thread goes to that worker's own deque
 * (cheap, cache-warm), other workers steal when idle. Fairness comes from the throughput limit: a mailbox
 * runs at most `throughput` messages per turn and then, if it has more, is queued again behind the others.
 * Worker threads are not daemons, so a running system keeps the JVM alive until it terminates.
 */

/** Runs actors on a fork-join pool. Thread-safe. */
final class ForkJoinDispatcher implements Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ForkJoinDispatcher.class);

    private final ForkJoinPool pool;
    private final int throughput;
    private final long deadlineNanos;

    ForkJoinDispatcher(String threadNamePrefix, int parallelism, int throughput, Duration throughputDeadline) {
        this.throughput = throughput;
        this.deadlineNanos = throughputDeadline.toNanos();
        AtomicInteger threadIds = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName(threadNamePrefix + "-" + threadIds.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
        this.pool = new ForkJoinPool(parallelism, factory,
                (t, e) -> LOG.error("Uncaught error on dispatcher thread {}", t.getName(), e), true);
    }

    @Override
    public boolean execute(Mailbox mailbox) {
        try {
            pool.execute((java.util.concurrent.ForkJoinTask<?>) mailbox);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.error("Dispatcher refused to run an actor ({}); its pending messages go to dead letters",
                    pool.isShutdown() ? "shut down" : "overloaded", e);
            return false;
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
        return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
