package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
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
final class ForkJoinDispatcher extends ExecutorDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ForkJoinDispatcher.class);

    ForkJoinDispatcher(String threadNamePrefix, int parallelism, int throughput, Duration throughputDeadline) {
        super(newPool(threadNamePrefix, parallelism), throughput, throughputDeadline);
    }

    private static ForkJoinPool newPool(String threadNamePrefix, int parallelism) {
        AtomicInteger threadIds = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName(threadNamePrefix + "-" + threadIds.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
        return new ForkJoinPool(parallelism, factory,
                (t, e) -> LOG.error("Uncaught error on dispatcher thread {}", t.getName(), e), true);
    }

    /** As a ForkJoinTask, the mailbox is queued without a wrapper object. */
    @Override
    protected void submit(ExecutorService pool, Mailbox mailbox) {
        ((ForkJoinPool) pool).execute((ForkJoinTask<?>) mailbox);
    }
}
