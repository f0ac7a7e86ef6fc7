package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Runs a mailbox's turn on the thread that calls execute(), that is, the thread that made the actor runnable:
 * usually the sender, inside its tell. A per-thread trampoline keeps this from recursing: while a thread is
 * running calling-thread turns (of this dispatcher), further execute() calls on it only queue the mailbox, and
 * the outermost execute() runs the queue, in FIFO order, after each turn. So two actors telling each other
 * alternate in a loop on one stack frame instead of nesting a turn per message, and everything they caused is
 * done when the outermost execute(), hence the outermost tell, returns.
 *
 * A turn may still run nested inside a turn of another dispatcher (an actor on the fork-join pool telling a
 * calling-thread actor runs the latter's turn inside its own); that nesting is bounded, because the nested turn
 * queues rather than recurses.
 *
 * Each mailbox is executed by the holder of its SCHEDULED flag, so it is never queued twice; the queue is
 * thread-confined, so it needs no synchronization, and running on the same thread is its own happens-before.
 */

/** Runs actor turns on the calling thread, for deterministic tests. Thread-safe. */
final class CallingThreadDispatcher extends AbstractDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** The mailboxes waiting for their turn on this thread; non-null while this thread is running turns. */
    private final ThreadLocal<ArrayDeque<Mailbox>> pending = new ThreadLocal<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean shutDown;

    CallingThreadDispatcher(int throughput, Duration throughputDeadline) {
        super(throughput, throughputDeadline);
    }

    @Override
    public boolean execute(Mailbox mailbox) {
        ArrayDeque<Mailbox> queue = pending.get();
        if (queue != null) {
            queue.addLast(mailbox);
            return true;
        }
        if (shutDown) {
            return DispatcherThreads.refused(true, null);
        }
        queue = new ArrayDeque<>();
        pending.set(queue);
        running.incrementAndGet();
        try {
            Mailbox next = mailbox;
            do {
                runTurn(next);
            } while ((next = queue.pollFirst()) != null);
        } finally {
            pending.remove();
            if (running.decrementAndGet() == 0 && shutDown) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        }
        return true;
    }

    /** Runs a turn; nothing may escape, or the mailboxes queued behind it would never run. */
    private static void runTurn(Mailbox mailbox) {
        try {
            mailbox.run();
        } catch (Throwable t) {
            LOG.error("Unexpected error escaped an actor turn on the calling thread", t);
        }
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running.get() != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return true;
    }
}
