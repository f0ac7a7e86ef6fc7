package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation overview
 *
 * The default dispatcher: `parallelism` platform threads (Worker) that run mailboxes and nothing else, so each
 * structure is shaped for that one job and a queued mailbox needs no wrapper object.
 *
 * Where a runnable mailbox waits (its SCHEDULED flag is held by whoever put it there, see Mailbox):
 *   next      per worker, touched by its own thread only: the hand-off slot (see Worker);
 *   local     per worker: a RunQueue, a bounded FIFO ring that its owner fills and every worker takes from
 *             (the owner in order, the others to steal); a mailbox made runnable on a worker goes there;
 *   injected  per pool: the mailboxes made runnable by other threads, and a full ring's overflow.
 * A worker takes from its own ring, then from `injected`, except every INJECTED_FIRST-th time, when it looks at
 * `injected` first so that outside submissions are not starved by a busy ring. Out of work, it takes from
 * `injected` at once and from the other rings patiently: only what has waited there for a couple of
 * microseconds, or from a backlog (StealPatience explains why); it does not park while it sees work anywhere.
 *
 * Sleeping and waking. `ctl` holds two counts: workers unparked (bits 16-31) and, among them, workers
 * searching (bits 0-15): out of work and looking through every queue before they park. At most half of the
 * workers (at least one) search at a time.
 *   - Whoever queues a mailbox calls notifyWork(): if no worker searches and some are parked, it wakes one,
 *     which comes up searching. A searcher is about to find the work, so one is enough, and while one searches
 *     (or nobody sleeps) queuing costs one volatile read.
 *   - A worker out of work looks through the queues every few spin-waits. It parks once every queue has been
 *     empty for a moment (Worker.IDLE_LOOKS, about 2 us): long enough to catch the next actor that a producer
 *     queues right away (a parent spawning children), short enough not to take the core from the thread that
 *     would give it work (on the 2-core bench machine 20 us of empty searching made several workloads slower,
 *     `big` by 2.8 times in one fork). While another ring holds work it goes on looking, and takes that work
 *     once it has waited (StealPatience): its owner is busy, and the searcher would be idle anyway.
 *   - A searcher that finds work stops searching; if it was the last searcher and more work is visible, it
 *     calls notifyWork(), so the work behind what it took finds a worker too.
 *   - To park, a worker leaves the counts and joins `sleepers` (both under `sleepLock`), then looks at every
 *     queue once more; if it finds work it takes itself out of `sleepers` again, unless a notifier already did.
 *   `unparked + sleepers.size() == parallelism` holds whenever sleepLock is free.
 *
 * Why no work waits while a worker sleeps. A producer writes a queue and then reads ctl; a worker that stops
 * searching or parks writes ctl and then reads every queue. All four are volatile accesses, so they are totally
 * ordered: either the producer reads the lowered count, finds nobody searching and a sleeper, and wakes it, or
 * the worker's read sees the work. A producer that saw a searcher leaves the work to it: that searcher either
 * takes something and, as the last searcher, wakes a sleeper for the rest, or parks and, by the argument above,
 * sees the work first. The only work a sleeping pool can hold is a busy worker's `next` slot, which that worker
 * runs when its turn ends.
 *
 * Shutdown sets `shutdown` and wakes every sleeper. From then on nothing new is accepted (execute and a worker's
 * own pushes refuse, and the mailbox's messages become dead letters); mailboxes already queued still run, and a
 * worker exits once it finds no work. An outside submission that raced with shutdown re-reads the flag after
 * queuing and takes its mailbox back (refusing it) if no worker got it: a worker about to exit reads the flag
 * first and the queue after, so one of the two sees the other.
 */

/** Runs actors on Troupe's own work-stealing pool of platform threads. Thread-safe. */
final class WorkStealingDispatcher extends AbstractDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WorkStealingDispatcher.class);
    private static final int ONE_UNPARKED = 1 << 16;
    private static final int SEARCHING = 0xFFFF;
    /** Every this many takes, a worker looks at the injected queue before its own ring. */
    static final int INJECTED_FIRST = 61;

    final boolean handOff;
    private final Worker[] workers;
    private final ConcurrentLinkedQueue<Mailbox> injected = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ctl;
    private final Object sleepLock = new Object();
    private final ArrayDeque<Worker> sleepers; // guarded by sleepLock
    private volatile boolean shutdown;

    WorkStealingDispatcher(String threadNamePrefix, int parallelism, int throughput, Duration throughputDeadline,
                           boolean handOff) {
        super(throughput, throughputDeadline);
        this.handOff = handOff;
        this.workers = new Worker[parallelism];
        this.sleepers = new ArrayDeque<>(parallelism);
        this.ctl = new AtomicInteger(parallelism * ONE_UNPARKED);
        for (int i = 0; i < parallelism; i++) {
            workers[i] = new Worker(this, threadNamePrefix + "-" + (i + 1), parallelism);
        }
        for (Worker worker : workers) {
            worker.start();
        }
    }

    @Override
    public boolean execute(Mailbox mailbox) {
        if (Thread.currentThread() instanceof Worker worker && worker.pool == this) {
            if (shutdown) {
                return refusedAfterShutdown();
            }
            worker.schedule(mailbox);
            return true;
        }
        return inject(mailbox);
    }

    /** Queues a mailbox for any worker; false (logged) if the pool is shut down. */
    boolean inject(Mailbox mailbox) {
        if (shutdown) {
            return refusedAfterShutdown();
        }
        injected.offer(mailbox);
        if (shutdown && injected.remove(mailbox)) {
            return refusedAfterShutdown();
        }
        notifyWork();
        return true;
    }

    /** Logs a mailbox refused because the pool is shut down; returns false, for the caller to refuse it. */
    static boolean refusedAfterShutdown() {
        return DispatcherThreads.refused(true, new RejectedExecutionException("the dispatcher is shut down"));
    }

    boolean isShutdown() {
        return shutdown;
    }

    Mailbox pollInjected() {
        return injected.poll();
    }

    boolean hasInjected() {
        return !injected.isEmpty();
    }

    /** Any queued mailbox but one in {@code thief}'s own ring: the injected queue, then the other rings. */
    Mailbox findElsewhere(Worker thief) {
        Mailbox mailbox = injected.poll();
        if (mailbox != null) {
            return mailbox;
        }
        int n = workers.length;
        int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n; i++) {
            Worker victim = workers[(start + i) % n];
            if (victim != thief && (mailbox = victim.local.poll()) != null) {
                return mailbox;
            }
        }
        return null;
    }

    /**
     * Like {@link #findElsewhere}, but patient with the other rings (see StealPatience): takes from one only
     * what has waited there for a while, or from a long backlog. When it returns null, {@code thief.sawWork}
     * says whether another ring held work all the same.
     */
    Mailbox findElsewherePatiently(Worker thief) {
        Mailbox mailbox = injected.poll();
        if (mailbox != null) {
            return mailbox;
        }
        boolean sawWork = false;
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] == thief) {
                continue;
            }
            RunQueue ring = workers[i].local;
            long taken = ring.taken();
            long offered = ring.offered();
            sawWork |= taken < offered;
            if (thief.patience.shouldTake(i, taken, offered) && (mailbox = ring.poll()) != null) {
                return mailbox;
            }
        }
        thief.sawWork = sawWork;
        return null;
    }

    private boolean hasVisibleWork() {
        if (!injected.isEmpty()) {
            return true;
        }
        for (Worker worker : workers) {
            if (!worker.local.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Work was queued: wake a sleeping worker unless one is searching or none sleeps. Any thread. */
    void notifyWork() {
        if (!sleeperNeeded(ctl.get())) {
            return;
        }
        Worker woken;
        synchronized (sleepLock) {
            if (!sleeperNeeded(ctl.get()) || (woken = sleepers.pollLast()) == null) {
                return;
            }
            ctl.addAndGet(ONE_UNPARKED + 1);
            woken.notified = true;
        }
        LockSupport.unpark(woken);
    }

    private boolean sleeperNeeded(int c) {
        return (c & SEARCHING) == 0 && (c >>> 16) < workers.length;
    }

    /** A worker out of work asks to search; at most half of the workers (at least one) do at once. */
    boolean tryStartSearching() {
        for (;;) {
            int c = ctl.get();
            if (2 * (c & SEARCHING) >= workers.length && (c & SEARCHING) != 0) {
                return false;
            }
            if (ctl.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    /** A searcher found work; the last one to stop wakes a sleeper if more work is waiting. */
    void stopSearching() {
        int before = ctl.getAndDecrement();
        if ((before & SEARCHING) == 1 && hasVisibleWork()) {
            notifyWork();
        }
    }

    /** {@code worker} leaves the counts (unparked, and searching if it was) and joins the sleepers. */
    void parking(Worker worker, boolean searching) {
        synchronized (sleepLock) {
            worker.notified = false;
            ctl.addAndGet(-(ONE_UNPARKED + (searching ? 1 : 0)));
            sleepers.addLast(worker);
        }
    }

    /**
     * {@code worker}, which has just joined the sleepers, found work (or the shutdown) at its last look: it
     * comes back as a searcher. If a notifier took it out of the sleepers first, the notifier counted it already.
     */
    void unparkSelf(Worker worker) {
        synchronized (sleepLock) {
            if (!worker.notified) {
                sleepers.remove(worker);
                worker.notified = true;
                ctl.addAndGet(ONE_UNPARKED + 1);
            }
        }
    }

    /** Nobody waits for the calling worker if it keeps no hand-off, its ring is empty and nothing was injected. */
    @Override
    public boolean othersMayWait() {
        if (!(Thread.currentThread() instanceof Worker worker) || worker.pool != this) {
            return true;
        }
        return worker.othersMayWait();
    }

    @Override
    public void shutdown() {
        shutdown = true;
        synchronized (sleepLock) {
            Worker sleeper;
            while ((sleeper = sleepers.pollLast()) != null) {
                sleeper.notified = true;
                ctl.addAndGet(ONE_UNPARKED + 1);
                LockSupport.unpark(sleeper);
            }
        }
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Worker worker : workers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && worker.isAlive()) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedJoin(worker, Math.max(left, 1));
        }
        for (Worker worker : workers) {
            if (worker.isAlive()) {
                return false;
            }
        }
        return true;
    }

    static void uncaught(Thread thread, Throwable error) {
        LOG.error("Uncaught error on dispatcher thread {}", thread.getName(), error);
    }
}
