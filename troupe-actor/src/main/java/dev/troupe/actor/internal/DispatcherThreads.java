package dev.troupe.actor.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the named, non-daemon platform threads of a dispatcher and keeps track of the live ones, so that
 * shutting down can wait until every thread has finished its work. Thread-safe.
 */
final class DispatcherThreads implements ThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final String prefix;
    private final AtomicInteger ids = new AtomicInteger();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    DispatcherThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                live.remove(Thread.currentThread());
            }
        }, prefix + "-" + ids.incrementAndGet());
        thread.setDaemon(false);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught error on dispatcher thread {}", t.getName(), e));
        live.add(thread);
        return thread;
    }

    /** Waits until every thread made here has finished, or until the deadline ({@link System#nanoTime()}). */
    boolean awaitAllFinished(long deadlineNanos) throws InterruptedException {
        for (Thread thread : live) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
        return live.isEmpty();
    }

    /** Logs a refused mailbox; the caller returns false so that its messages become dead letters. */
    static boolean refused(boolean shutDown, Throwable cause) {
        LOG.error("Dispatcher refused to run an actor ({}); its pending messages go to dead letters",
                shutDown ? "shut down" : "overloaded", cause);
        return false;
    }
}
