package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Each turn runs on a new virtual thread (a thread-per-task executor): starting one costs about as much as
 * queueing a task, and a handler that blocks parks only its virtual thread, so blocked actors do not hold the
 * carrier threads (the JDK's shared scheduler) that the others need. Turns of one actor are still one at a
 * time, and the executor's start of a thread is the happens-before hand-off between them. The executor tracks
 * its threads, so awaitTermination() returns once every turn has ended.
 */

/** Runs each actor turn on a virtual thread. Thread-safe. */
final class VirtualThreadDispatcher implements Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ExecutorService executor;
    private final int throughput;
    private final long deadlineNanos;

    VirtualThreadDispatcher(String threadNamePrefix, int throughput, Duration throughputDeadline) {
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadNamePrefix + "-", 1)
                .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught error on dispatcher thread {}",
                        t.getName(), e))
                .factory());
        this.throughput = throughput;
        this.deadlineNanos = throughputDeadline.toNanos();
    }

    @Override
    public boolean execute(Mailbox mailbox) {
        try {
            executor.execute(mailbox);
            return true;
        } catch (RejectedExecutionException e) {
            return DispatcherThreads.refused(executor.isShutdown(), e);
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
        executor.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
