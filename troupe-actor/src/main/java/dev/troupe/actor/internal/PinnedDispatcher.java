package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/*
 * One single-thread executor per mailbox, made on the mailbox's first execute() and shut down by
 * actorTerminated(), which the actor's cell calls on that very thread during its last turn: the executor
 * finishes that turn, finds its queue empty and lets the thread end. No execute() can follow: the mailbox is
 * closed before actorTerminated() and a closed mailbox never asks its dispatcher to run it again.
 *
 * execute() for one mailbox is never concurrent with itself (only the holder of SCHEDULED calls it), so the
 * computeIfAbsent only races with shutdown(); the lock makes "shut down" and "made an executor" exclusive, so
 * that no executor is made after shutdown() has shut the existing ones down.
 */

/** Runs each actor on a thread of its own. Thread-safe. */
final class PinnedDispatcher extends AbstractDispatcher {
    private final ConcurrentHashMap<Mailbox, ThreadPoolExecutor> executors = new ConcurrentHashMap<>();
    private final DispatcherThreads threads;
    private final Object lock = new Object();
    private boolean shutDown; // guarded by lock

    PinnedDispatcher(String threadNamePrefix, int throughput, Duration throughputDeadline) {
        super(throughput, throughputDeadline);
        this.threads = new DispatcherThreads(threadNamePrefix);
    }

    @Override
    public boolean execute(Mailbox mailbox) {
        ThreadPoolExecutor executor = executors.get(mailbox);
        if (executor == null) {
            synchronized (lock) {
                if (shutDown) {
                    return DispatcherThreads.refused(true, null);
                }
                executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(),
                        threads);
                executors.put(mailbox, executor);
            }
        }
        try {
            executor.execute(mailbox);
            return true;
        } catch (RejectedExecutionException e) {
            return DispatcherThreads.refused(executor.isShutdown(), e);
        }
    }

    @Override
    public void actorTerminated(Mailbox mailbox) {
        ThreadPoolExecutor executor = executors.remove(mailbox);
        if (executor != null) {
            executor.shutdown();
        }
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            shutDown = true;
        }
        executors.values().forEach(ThreadPoolExecutor::shutdown);
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return threads.awaitAllFinished(System.nanoTime() + timeout.toNanos());
    }
}
