package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation overview
 *
 * The default dispatcher: a ForkJoinPool in async (FIFO) mode. Mailboxes are ForkJoinTasks, so execute()
 * queues them without allocating; a mailbox scheduled from a worker thread goes to that worker's own deque
 * (cheap, cache-warm), other workers steal when idle. Fairness comes from the throughput limit: a mailbox
 * runs at most `throughput` messages per turn and then, if it has more, is queued again behind the others —
 * unless nothing waits for this worker (othersMayWait: no hand-off kept, own deque empty, no outside
 * submission seen at the last of every SUBMISSION_CHECKS looks), in which case re-queuing would only cost a
 * push and a pop, so the turn goes on.
 * Worker threads are not daemons, so a running system keeps the JVM alive until it terminates.
 *
 * Hand-off. Queuing has a price even on the worker's own deque: the push wakes an idle worker (a futex call)
 * when the deque looked empty, and that worker often steals the mailbox, so the receiver runs on another
 * core and every message crosses caches. In a request-reply chain (ping-pong, a token ring) that is every
 * message. So each Worker has two fields, touched only by its own thread:
 *   current  the mailbox whose turn it runs now (null between turns);
 *   next     a mailbox that the current turn made runnable, kept instead of queued.
 * submit(m) on a worker in a turn of another mailbox: m goes to `next`; a mailbox already there is pushed to
 * the deque (stealable). runTurns() runs `next` right after the current turn, up to HANDOFFS in a row; then
 * the kept mailbox is pushed behind the others, so a chain cannot starve the deque. A mailbox that is made
 * runnable again and again while kept (scheduledAgain: STREAMING messages found its SCHEDULED flag already
 * set, so a sender is streaming to it) is pushed, so that an idle worker consumes while the sender produces;
 * it is not kept again in the same turn (`streamed`), even if the other worker drains it and the sender's next
 * message makes it runnable anew: kept then with its few last messages, it would wait for the rest of a
 * handler that may be waiting for it. A mailbox's own
 * re-schedule at the end of its turn (current == m) is always pushed, behind the others. A handler that
 * blocks on an ask (AskFuture) first pushes the kept mailbox, which may be the one it waits for.
 *
 * Why it is correct. A kept mailbox holds SCHEDULED, exactly as a queued one does: the worker that kept it
 * runs it or pushes it exactly once (runTurns clears `next` before either), so Mailbox's state machine is
 * unchanged, and a push refused by a shut-down pool hands the mailbox to Mailbox.refused() like any refusal.
 * Keeping and running happen on one thread, so the hand-off is a happens-before edge by program order.
 * Nothing else reads `current` or `next`, so they need no synchronization. The cost is latency, not safety:
 * a kept mailbox waits for the rest of the current handler even if another worker is idle (documented in
 * DispatcherConfig.ForkJoin, where hand-off can be turned off).
 */

/** Runs actors on a fork-join pool. Thread-safe. */
final class ForkJoinDispatcher extends ExecutorDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ForkJoinDispatcher.class);

    private final boolean handOff;

    ForkJoinDispatcher(String threadNamePrefix, int parallelism, int throughput, Duration throughputDeadline,
                       boolean handOff) {
        super(newPool(threadNamePrefix, parallelism), throughput, throughputDeadline);
        this.handOff = handOff;
    }

    private static ForkJoinPool newPool(String threadNamePrefix, int parallelism) {
        AtomicInteger threadIds = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread thread = new Worker(p);
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
        if (handOff && Thread.currentThread() instanceof Worker worker && worker.getPool() == pool
                && worker.current != null && worker.current != mailbox && worker.streamed != mailbox) {
            Mailbox displaced = worker.next;
            worker.next = mailbox;
            worker.sentWhileKept = 0;
            if (displaced != null) {
                push(worker.getPool(), displaced);
            }
            return;
        }
        ((ForkJoinPool) pool).execute((ForkJoinTask<?>) mailbox);
    }

    /**
     * Nobody waits for this worker when it keeps no hand-off, its own deque is empty and no task was submitted
     * from outside the pool; actors queued at other workers are theirs to run (or to be stolen by idle ones).
     * The outside submissions are a scan of the pool's queues, so they are looked at every
     * {@value Worker#SUBMISSION_CHECKS}th time only: an outside submission waits at most that many more
     * throughputs of messages.
     */
    @Override
    public boolean othersMayWait() {
        if (!(Thread.currentThread() instanceof Worker worker) || worker.next != null
                || ForkJoinTask.getQueuedTaskCount() > 0) {
            return true;
        }
        if (++worker.sinceSubmissionCheck < Worker.SUBMISSION_CHECKS) {
            return false;
        }
        worker.sinceSubmissionCheck = 0;
        return worker.getPool().hasQueuedSubmissions();
    }

    /**
     * A message was added to a mailbox that is already SCHEDULED. If this thread keeps it for a hand-off and
     * it has now been sent {@value Worker#STREAMING} messages while kept, its sender streams to it: queue it,
     * so that an idle worker can consume while the sender produces.
     */
    static void scheduledAgain(Mailbox mailbox) {
        if (Thread.currentThread() instanceof Worker worker && worker.next == mailbox
                && ++worker.sentWhileKept >= Worker.STREAMING) {
            worker.next = null;
            worker.streamed = mailbox;
            push(worker.getPool(), mailbox);
        }
    }

    /**
     * Called before the current thread blocks (waiting for an ask's reply): if it is a worker keeping a
     * mailbox for a hand-off, that mailbox is queued, so that the actor the caller waits for can run elsewhere.
     */
    static void beforeBlocking() {
        if (Thread.currentThread() instanceof Worker worker) {
            worker.releaseKept();
        }
    }

    /** Queues a mailbox that this thread holds SCHEDULED for; a refusal turns its messages into dead letters. */
    private static void push(ForkJoinPool pool, Mailbox mailbox) {
        try {
            pool.execute((ForkJoinTask<?>) mailbox);
        } catch (RejectedExecutionException e) {
            DispatcherThreads.refused(pool.isShutdown(), e);
            mailbox.refused();
        }
    }

    /** A pool thread with its hand-off fields (see the overview); they are read and written by this thread only. */
    static final class Worker extends ForkJoinWorkerThread {
        /** Hand-offs in a row before the kept mailbox is queued behind the others. */
        private static final int HANDOFFS = 32;
        /** Messages sent to the kept mailbox after which it is queued instead (a spawn and a tell or two are not). */
        static final int STREAMING = 4;
        /** Turn extensions between two looks at the pool's outside submissions. */
        static final int SUBMISSION_CHECKS = 8;
        private Mailbox current;
        private Mailbox next;
        private int sentWhileKept;
        /** The mailbox this turn found streamed to and queued: not kept again until the turn ends. */
        private Mailbox streamed;
        private int sinceSubmissionCheck;
        /** Messages this thread sends to instrumented actors before it times one; see InstrumentationRuntime. */
        int untilSample;

        Worker(ForkJoinPool pool) {
            super(pool);
        }

        /** The actor whose mailbox this worker runs now, or null between turns. */
        ActorCell<?> cellInTurn() {
            return current == null ? null : current.cell();
        }

        /**
         * Runs the turn of {@code first}, then of the mailboxes handed off to this thread; called by the pool.
         * Re-entrant: a handler that helps the pool (a fork-join join inside a handler) runs other mailboxes
         * in a nested call, which restores the outer turn's fields when it returns. Whatever happens, a
         * mailbox still kept when this returns is queued, never stranded.
         */
        void runTurns(Mailbox first) {
            Mailbox outerCurrent = current;
            Mailbox outerNext = next;
            Mailbox outerStreamed = streamed;
            next = null;
            try {
                Mailbox mailbox = first;
                for (int left = HANDOFFS; ; ) {
                    current = mailbox;
                    streamed = null;
                    mailbox.runGuarded();
                    mailbox = next;
                    if (mailbox == null) {
                        return;
                    }
                    next = null;
                    if (--left == 0) {
                        push(getPool(), mailbox);
                        return;
                    }
                }
            } finally {
                current = outerCurrent;
                streamed = outerStreamed;
                Mailbox left = next;
                next = outerNext;
                if (left != null) {
                    push(getPool(), left);
                }
            }
        }

        /** Queues the kept mailbox, if any: this thread is about to block, and the kept actor must not wait. */
        void releaseKept() {
            Mailbox kept = next;
            if (kept != null) {
                next = null;
                push(getPool(), kept);
            }
        }
    }
}
