package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** A dispatcher that hands mailboxes to one {@link ExecutorService}. Thread-safe. */
abstract class ExecutorDispatcher extends AbstractDispatcher {
    private final ExecutorService executor;

    ExecutorDispatcher(ExecutorService executor, int throughput, Duration throughputDeadline) {
        super(throughput, throughputDeadline);
        this.executor = executor;
    }

    /** Queues the mailbox on the executor; may throw {@link RejectedExecutionException}. */
    protected void submit(ExecutorService executor, Mailbox mailbox) {
        executor.execute(mailbox);
    }

    @Override
    public final boolean execute(Mailbox mailbox) {
        try {
            submit(executor, mailbox);
            return true;
        } catch (RejectedExecutionException e) {
            return DispatcherThreads.refused(executor.isShutdown(), e);
        }
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
