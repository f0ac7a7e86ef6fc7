package dev.troupe.actor.internal;

import java.util.concurrent.locks.LockSupport;

/*
 * Implementation overview
 *
 * A thread of a WorkStealingDispatcher: it takes a runnable mailbox (own ring, injected queue, other workers'
 * rings, see the pool's overview), runs its turn, and repeats. Out of work, it looks through every queue every
 * SPINS_PER_LOOK spin-waits, taking from the other rings with StealPatience. It goes on looking as long as
 * any queue holds work (so work it leaves to a busy owner is taken within PATIENCE_LOOKS looks if the owner
 * does not get to it), and parks until notified once IDLE_LOOKS looks in a row found every queue empty.
 *
 * Hand-off. Queuing has a price even on the worker's own ring: it may wake an idle worker, and that worker
 * steals the mailbox, so the receiver runs on another core and every message crosses caches. In a
 * request-reply chain (ping-pong, a token ring) that is every message. So a worker has two fields, touched
 * only by its own thread:
 *   current  the mailbox whose turn it runs now (null between turns);
 *   next     a mailbox that the current turn made runnable, kept instead of queued.
 * schedule(m) during a turn of another mailbox puts m in `next`; a mailbox already there is pushed to the ring
 * (stealable). runTurns() runs `next` right after the current turn, up to HANDOFFS in a row; then, if another
 * mailbox waits for this worker (othersWait), the kept one is pushed behind it, so a chain cannot starve the
 * ring; if none does, the chain goes on, since pushing would only offer it to an idle worker to steal. A mailbox that is made runnable
 * again and again while kept (scheduledAgain: STREAMING messages found its SCHEDULED flag already set, so a
 * sender is streaming to it) is pushed, so that an idle worker consumes while the sender produces; it is not
 * kept again in the same turn (`streamed`), even if another worker drains it and the sender's next message
 * makes it runnable anew: kept then with its few last messages, it would wait for the rest of a handler that
 * may be waiting for it. A mailbox's own re-schedule at the end of its turn (current == m) is always pushed,
 * behind the others. A handler that blocks on an ask (AskFuture) first pushes the kept mailbox, which may be
 * the one it waits for.
 *
 * Why it is correct. A kept mailbox holds SCHEDULED, exactly as a queued one does: the worker that kept it
 * runs it or pushes it exactly once (runTurns clears `next` before either), so Mailbox's state machine is
 * unchanged. Keeping and running happen on one thread, so the hand-off is a happens-before edge by program
 * order; a push is one through the ring's release/acquire. Nothing else reads `current` or `next`, so they
 * need no synchronization. The cost is latency, not safety: a kept mailbox waits for the rest of the current
 * handler even if another worker is idle (documented in DispatcherConfig.ForkJoin, where hand-off can be
 * turned off).
 */

/**
 * A thread of a {@link WorkStealingDispatcher}. Its fields are read and written by this thread only, except
 * {@link #local} (see {@link RunQueue}) and {@link #notified} (guarded by the pool's sleep lock).
 */
final class Worker extends Thread {
    /** Hand-offs in a row before the kept mailbox is queued behind the others. */
    private static final int HANDOFFS = 32;
    /** Messages sent to the kept mailbox after which it is queued instead (a spawn and a tell or two are not). */
    static final int STREAMING = 4;
    /** Turn extensions between two looks at the pool's injected queue. */
    private static final int INJECTED_CHECKS = 8;
    /** Spin-waits between two looks through the queues (each about 30 ns on the bench machine). */
    private static final int SPINS_PER_LOOK = 8;
    /** Looks in a row that find no work anywhere, after the first, before a worker parks (about 2 us). */
    private static final int IDLE_LOOKS = 8;

    final WorkStealingDispatcher pool;
    final RunQueue local = new RunQueue();
    /** This worker's watch over the other rings, as a thief. */
    final StealPatience patience;
    /** Whether the last patient look found work in some queue (set by the pool's findElsewherePatiently). */
    boolean sawWork;
    /** Set by whoever takes this worker out of the sleepers; read by it to tell a wake-up from a spurious one. */
    volatile boolean notified;
    private Mailbox current;
    private Mailbox next;
    private int sentWhileKept;
    /** The mailbox this turn found streamed to and queued: not kept again until the turn ends. */
    private Mailbox streamed;
    private int sinceInjectedCheck;
    private int takes;
    /** Whether this worker counts as searching in the pool's ctl. */
    private boolean searching;
    /** Messages this thread sends to instrumented actors before it times one; see InstrumentationRuntime. */
    int untilSample;
    /** The mean of the gap {@link #untilSample} counts down (0 before the first): the weight of its sample. */
    int gapMean;
    /** The power of two by which this thread samples less often than asked, under load. */
    int sampleThrottle;
    /** System.nanoTime() at this thread's previous sample, when sampling throttles. */
    long lastSampleNanos;

    Worker(WorkStealingDispatcher pool, String name, int parallelism) {
        super(name);
        this.pool = pool;
        this.patience = new StealPatience(parallelism);
        setDaemon(false);
        setUncaughtExceptionHandler(WorkStealingDispatcher::uncaught);
    }

    @Override
    public void run() {
        for (;;) {
            Mailbox mailbox = nextLocalWork();
            if (mailbox == null && (mailbox = awaitWork()) == null) {
                return;
            }
            runTurns(mailbox);
        }
    }

    /** The actor whose mailbox this worker runs now, or null between turns. */
    ActorCell<?> cellInTurn() {
        return current == null ? null : current.cell();
    }

    /** Makes {@code mailbox}, whose SCHEDULED this thread holds, runnable: kept for a hand-off or queued. */
    void schedule(Mailbox mailbox) {
        if (pool.handOff && current != null && current != mailbox && streamed != mailbox) {
            Mailbox displaced = next;
            next = mailbox;
            sentWhileKept = 0;
            if (displaced != null) {
                push(displaced);
            }
            return;
        }
        push(mailbox);
    }

    /**
     * A message was added to {@code mailbox}, which is already SCHEDULED. If this thread keeps it for a
     * hand-off and it has now been sent {@value #STREAMING} messages while kept, its sender streams to it:
     * queue it, so that an idle worker can consume while the sender produces.
     */
    static void scheduledAgain(Mailbox mailbox) {
        if (Thread.currentThread() instanceof Worker worker && worker.next == mailbox
                && ++worker.sentWhileKept >= STREAMING) {
            worker.next = null;
            worker.streamed = mailbox;
            worker.push(mailbox);
        }
    }

    /**
     * Called before the current thread blocks (waiting for an ask's reply): if it is a worker keeping a
     * mailbox for a hand-off, that mailbox is queued, so that the actor the caller waits for can run elsewhere.
     */
    static void beforeBlocking() {
        if (Thread.currentThread() instanceof Worker worker) {
            Mailbox kept = worker.next;
            if (kept != null) {
                worker.next = null;
                worker.push(kept);
            }
        }
    }

    /** See {@link WorkStealingDispatcher#othersMayWait()}; the injected queue is looked at every 8th time. */
    boolean othersMayWait() {
        if (next != null) {
            return true;
        }
        return othersWait();
    }

    /** Whether a mailbox waits in this worker's ring, or (looked at every 8th time) in the injected queue. */
    private boolean othersWait() {
        if (!local.isEmpty()) {
            return true;
        }
        if (++sinceInjectedCheck < INJECTED_CHECKS) {
            return false;
        }
        sinceInjectedCheck = 0;
        return pool.hasInjected();
    }

    /** Queues a mailbox whose SCHEDULED this thread holds; after shutdown its messages become dead letters. */
    private void push(Mailbox mailbox) {
        if (pool.isShutdown()) {
            WorkStealingDispatcher.refusedAfterShutdown();
            mailbox.refused();
        } else if (local.offer(mailbox)) {
            pool.notifyWork();
        } else if (!pool.inject(mailbox)) {
            mailbox.refused();
        }
    }

    private Mailbox nextLocalWork() {
        Mailbox mailbox;
        if (++takes == WorkStealingDispatcher.INJECTED_FIRST) {
            takes = 0;
            if ((mailbox = pool.pollInjected()) != null) {
                return mailbox;
            }
        }
        return (mailbox = local.poll()) != null ? mailbox : pool.pollInjected();
    }

    /** Looks for work elsewhere for a moment, then parks; null once the pool is shut down and no work is left. */
    private Mailbox awaitWork() {
        for (;;) {
            if (searching || pool.tryStartSearching()) {
                searching = true;
                for (int idle = 0; idle <= IDLE_LOOKS; idle = sawWork ? 0 : idle + 1) {
                    Mailbox mailbox = pool.findElsewherePatiently(this);
                    if (mailbox != null) {
                        searching = false;
                        pool.stopSearching();
                        return mailbox;
                    }
                    for (int spin = 0; spin < SPINS_PER_LOOK; spin++) {
                        Thread.onSpinWait();
                    }
                }
            }
            if (pool.isShutdown()) {
                return null;
            }
            Mailbox found = park();
            if (found != null) {
                return found;
            }
        }
    }

    /**
     * Joins the sleepers and, unless the last look finds work, parks until notified; comes back searching.
     * Returns the work the last look found, or null to search again.
     */
    private Mailbox park() {
        pool.parking(this, searching);
        searching = false;
        Mailbox found = local.poll();
        if (found == null) {
            found = pool.findElsewhere(this);
        }
        if (found != null || pool.isShutdown()) {
            pool.unparkSelf(this);
            searching = true;
            if (found != null) {
                searching = false;
                pool.stopSearching();
            }
            return found;
        }
        while (!notified) {
            LockSupport.park(pool);
        }
        searching = true;
        return null;
    }

    /**
     * Runs the turn of {@code first}, then of the mailboxes handed off to this thread. Whatever happens, a
     * mailbox still kept when this returns is queued, never stranded.
     */
    private void runTurns(Mailbox first) {
        Mailbox mailbox = first;
        try {
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
                    if (othersWait()) {
                        push(mailbox);
                        return;
                    }
                    left = HANDOFFS; // nobody waits for this worker: queuing would only invite a steal
                }
            }
        } catch (Throwable loggingFailed) {
            // runGuarded caught the turn's failure; only its logging can get here (out of memory, say)
        } finally {
            current = null;
            streamed = null;
            Mailbox left = next;
            if (left != null) {
                next = null;
                push(left);
            }
        }
    }
}
