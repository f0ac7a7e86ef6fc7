package dev.troupe.actor.internal;

import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A hashed timer wheel driven by one thread that wakes every tick.
 *
 * Why: every ask schedules a time-out and cancels it when the reply comes. With a delay queue, each schedule
 * into an empty queue becomes the head and signals the timer thread: a futex wake-up and a thread competing for
 * the cores on every ask. Here scheduling is a CAS onto a stack that the timer thread drains at its next tick;
 * it never wakes a ticking thread.
 *
 * Structures. Producers (any thread) touch only three words of the scheduler:
 *   inbox      a Treiber stack of new entries, linked by TimerEntry.nextNew (push: CAS; drain: getAndSet null)
 *   cancels    a Treiber stack of cancelled entries, linked by TimerEntry.nextCancelled (same)
 *   parked     TICKING, PARKED_IDLE while the timer thread parks with nothing to do, or UNSTARTED before the
 *              first schedule (the thread is started then, as a thread pool would, so that a system that
 *              schedules nothing has no timer thread)
 * and the entry's own state word (TimerEntry: PENDING -> DONE | CANCELLED by CAS). Everything else (the wheel's
 * buckets, the entry links prev/next/bucket, the deadline after publication) belongs to the timer thread.
 *
 * Time. Deadlines are nanoseconds since `origin` (taken before any entry exists, so never negative). Tick k is
 * the instant k * tickNanos. An iteration of the timer thread reads now, lets current = now / tickNanos, and:
 *   1. drains the inbox, restoring submission order; drops entries already cancelled, puts entries with
 *      deadline <= now on the due list, and links the rest in the bucket of their first tick >= deadline
 *      (necessarily > current, since deadline > now >= current * tickNanos);
 *   2. drains the cancel stack, unlinking each entry that is linked (one cancelled while in the inbox was
 *      dropped in 1 or is dropped in the next iteration's 1);
 *   3. expires the buckets of ticks processed+1 .. current (at most one full turn, which visits every bucket),
 *      taking entries with deadline <= now;
 *   4. sorts the due list by deadline and runs it: a one-shot only if its claim CAS wins; a periodic entry if
 *      still PENDING, then relinks it at its next deadline (at the earliest the next tick);
 *   5. publishes the wheel's size for pendingTasks(), then parks until the next tick's instant.
 * A task never runs early: it runs only once now >= deadline, with now read before the check. It runs at most
 * about a tick late: it is linked in the bucket of its first tick t >= deadline, and the iteration that
 * processes t starts at t * tickNanos plus the thread's wake-up latency (more if the thread is starved or a
 * task runs long).
 *
 * No task is lost: an entry is, at every moment, in exactly one of: the inbox, a bucket, the due list of the
 * running iteration, or nowhere because it ran (one-shot), was cancelled, or was dropped by close. Each move
 * between them is made by the timer thread alone, so nothing can fall between two places. No one-shot runs
 * twice or runs after a successful cancel(): running requires winning the PENDING -> DONE CAS, and cancel()
 * succeeds only by winning PENDING -> CANCELLED. A periodic entry is in at most one place, so it has at most
 * one run in progress; a cancel() racing with a run may see that run finish, but prevents the next one (the
 * timer thread reads the state after the run before relinking, and a cancel() after that read is drained from
 * the cancel stack in the next iteration, by which time the entry is linked again and is unlinked).
 *
 * Memory is released promptly: cancel() nulls the entry's task at once, so an answered ask's promise is garbage
 * immediately; the small entry itself leaves the inbox or the wheel within one tick (steps 1 and 2).
 *
 * Parking. While anything is in the wheel, the thread ticks, and schedule() never wakes it. After a whole turn
 * of the wheel (buckets * tickNanos) in which no iteration drained, expired or ran anything and the wheel, the
 * inbox and the cancel stack stayed empty, the thread parks without a time-out. (The grace period keeps a
 * stream of asks that are answered within a tick, which leave the wheel empty between ticks, from paying a
 * wake-up each.) The handshake is Dekker's: the timer thread writes parked = PARKED_IDLE and then reads the
 * inbox; a producer pushes onto the inbox and then reads parked. All four accesses are volatile (sequentially
 * consistent), so at least one side sees the other's write: either the timer thread sees the new entry and
 * takes parked back by CAS (or finds a producer already did), or the producer sees PARKED_IDLE and, winning
 * the CAS to TICKING, unparks it: the only producer to wake it. (The CAS from UNSTARTED to TICKING likewise
 * elects the one producer that starts the thread.) A stale permit from that unpark, or from close(),
 * only shortens a later timed park, which loops on the clock. On waking, the wheel is empty, so the thread skips
 * the ticks it slept through and drains the inbox at once (so a zero-delay task scheduled into a parked
 * scheduler runs immediately, and into a ticking one at the next tick).
 *
 * Memory ordering. An entry's fields are written before the inbox CAS, which has release semantics; the drain's
 * getAndSet has acquire semantics, so the timer thread sees them. The state word is volatile. The task field is
 * read plainly by the timer thread and nulled plainly by cancel(): see TimerEntry. pendingTasks() reads the
 * published wheel size and walks the inbox, reading links that the timer thread may be clearing; it can only
 * see original links or null, so the walk ends, but the count is a snapshot, exact only when the scheduler is
 * quiescent.
 *
 * Close. close() sets closed and unparks the thread; the thread finishes the task it is running, runs no other,
 * and on leaving its loop drops everything it can reach (the wheel, the inbox, the cancel stack), nulling each
 * task. Schedules that see closed throw RejectedExecutionException; one racing with close() may be accepted and
 * never run, like any task pending at close.
 */

/**
 * The default scheduler: a hashed timer wheel with one daemon thread, {@code troupe-scheduler-N}, that ticks
 * every {@link #DEFAULT_TICK} (or the tick given) while tasks are pending, and parks without a time-out after a
 * whole turn of the wheel with nothing to do.
 *
 * <p>Thread contract: every public method is thread-safe and lock-free; scheduling never wakes a ticking timer
 * thread, and wakes a parked one once. Tasks run on the timer thread, one at a time, in deadline order within a
 * tick. A task never runs before its delay has elapsed, and runs at most about one tick after (more if the
 * machine is overloaded or another task runs long). A zero delay runs at the next tick, or at once if the
 * thread was parked. A repeating interval shorter than the tick runs once per tick; a fixed-rate task that fell
 * behind catches up at one run per tick. A task that throws is logged and does not stop the thread; a
 * repeating task that throws keeps repeating. {@link Cancellable#cancel()} is O(1), releases the task at once,
 * and the entry leaves the wheel within a tick, so cancelled timers and answered asks hold no memory. After
 * {@link #close()}, scheduling throws {@link RejectedExecutionException} and pending tasks are dropped.
 */
public final class DefaultScheduler implements Scheduler, AutoCloseable {
    /** The default tick: timers run at most about this much late; the thread wakes this often while busy. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(10);
    /** The default number of buckets: one turn of the wheel is 5.12 s at the default tick. */
    public static final int DEFAULT_WHEEL_SIZE = 512;
    /** The shortest tick accepted. */
    public static final Duration MIN_TICK = Duration.ofNanos(100_000);
    /** The longest tick accepted. */
    public static final Duration MAX_TICK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DefaultScheduler.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Longer delays (about 73 years) are treated as this one, so that deadline arithmetic cannot overflow. */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 2;
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
    private static final Comparator<TimerEntry> BY_DEADLINE = Comparator.comparingLong(e -> e.deadline);
    private static final VarHandle INBOX;
    private static final VarHandle CANCELS;
    private static final VarHandle PARKED;
    /** Values of {@code parked}. */
    private static final int TICKING = 0;
    private static final int PARKED_IDLE = 1;
    private static final int UNSTARTED = 2;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INBOX = l.findVarHandle(DefaultScheduler.class, "inbox", TimerEntry.class);
            CANCELS = l.findVarHandle(DefaultScheduler.class, "cancels", TimerEntry.class);
            PARKED = l.findVarHandle(DefaultScheduler.class, "parked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long origin = System.nanoTime();
    private final long tickNanos;
    private final Thread thread;

    // shared with producers
    private volatile TimerEntry inbox;
    private volatile TimerEntry cancels;
    private volatile int parked = UNSTARTED;
    private volatile boolean closed;
    private volatile int linked;
    private final AtomicLong wakeUps = new AtomicLong();

    // timer thread only
    private final TimerWheel wheel;
    private final ArrayList<TimerEntry> due = new ArrayList<>();
    private long processed;
    private long lastBusyTick;

    /** A scheduler ticking every {@link #DEFAULT_TICK} with {@link #DEFAULT_WHEEL_SIZE} buckets. */
    public DefaultScheduler() {
        this(DEFAULT_TICK);
    }

    /**
     * A scheduler ticking every {@code tick} with {@link #DEFAULT_WHEEL_SIZE} buckets.
     *
     * @throws IllegalArgumentException unless {@link #MIN_TICK} {@literal <=} tick {@literal <=} {@link #MAX_TICK}
     */
    public DefaultScheduler(Duration tick) {
        this(tick, DEFAULT_WHEEL_SIZE);
    }

    /**
     * A scheduler ticking every {@code tick} with {@code wheelSize} buckets. Delays longer than a turn
     * ({@code tick * wheelSize}) are fine; the size only trades memory for fewer entries per bucket, and a turn
     * is also how long the thread goes on ticking with nothing to do before it parks.
     *
     * @throws IllegalArgumentException unless {@link #MIN_TICK} {@literal <=} tick {@literal <=} {@link #MAX_TICK}
     *     and wheelSize is a power of two from 1 to 65,536
     */
    public DefaultScheduler(Duration tick, int wheelSize) {
        this.tickNanos = checkTick(tick).toNanos();
        if (wheelSize > 65_536) {
            throw new IllegalArgumentException("wheel size must be at most 65536, was " + wheelSize);
        }
        this.wheel = new TimerWheel(wheelSize, tickNanos);
        this.thread = new Thread(this::loop, "troupe-scheduler-" + IDS.incrementAndGet());
        thread.setDaemon(true); // started by the first schedule, so a system that schedules nothing has no timer thread
    }

    /** Checks a tick duration against {@link #MIN_TICK} and {@link #MAX_TICK}. */
    public static Duration checkTick(Duration tick) {
        Objects.requireNonNull(tick, "tick");
        if (tick.compareTo(MIN_TICK) < 0 || tick.compareTo(MAX_TICK) > 0) {
            throw new IllegalArgumentException("scheduler tick must be from " + MIN_TICK + " to " + MAX_TICK
                    + ", was " + tick);
        }
        return tick;
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        return submit(nanos(delay, "delay", true), 0, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
        Objects.requireNonNull(task, "task");
        long first = nanos(initialDelay, "initialDelay", true);
        return submit(first, Math.min(nanos(interval, "interval", false), MAX_DELAY_NANOS), task);
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long first = nanos(initialDelay, "initialDelay", true);
        return submit(first, -Math.min(nanos(delay, "delay", false), MAX_DELAY_NANOS), task);
    }

    /**
     * Tasks the scheduler still holds: pending ones, and cancelled ones not yet unlinked (they leave within a
     * tick). A snapshot for leak checks, exact when no task is being scheduled or run; it reaches 0 within
     * about a tick of the last task running or being cancelled.
     */
    public int pendingTasks() {
        int n = linked;
        for (TimerEntry e = inbox; e != null; e = e.nextNew) {
            n++;
        }
        return n;
    }

    /** The tick, as given to the constructor. */
    public Duration tick() {
        return Duration.ofNanos(tickNanos);
    }

    /**
     * Stops the timer thread and drops the pending tasks, without waiting: the thread finishes the task it is
     * running, if any, and runs no other. Later schedules throw {@link RejectedExecutionException}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** The timer thread (for tests). */
    Thread thread() {
        return thread;
    }

    /** How many times a schedule has woken the parked timer thread (for tests). */
    long wakeUps() {
        return wakeUps.get();
    }

    /** Checks a delay as every scheduling method does, and converts it (saturating) to nanoseconds. */
    static long nanos(Duration d, String what, boolean zeroAllowed) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? "zero or positive" : "positive")
                    + ", was " + d);
        }
        return d.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : d.toNanos(); // saturated: beyond 292 years is never
    }

    // ---- producers ----

    private TimerEntry submit(long delayNanos, long period, Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("The scheduler " + thread.getName() + " is closed");
        }
        long deadline = System.nanoTime() - origin + Math.min(delayNanos, MAX_DELAY_NANOS);
        TimerEntry e = new TimerEntry(this, task, deadline, period);
        TimerEntry head;
        do {
            head = inbox;
            e.nextNew = head;
        } while (!INBOX.compareAndSet(this, head, e));
        int p = parked;
        if (p != TICKING && PARKED.compareAndSet(this, p, TICKING)) {
            wakeUps.incrementAndGet();
            if (p == UNSTARTED) {
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
        }
        return e;
    }

    /** Called by the one successful {@link TimerEntry#cancel()}: the timer thread unlinks it within a tick. */
    void cancelled(TimerEntry e) {
        if (closed) {
            return; // the thread drops (or has dropped) everything; nobody would drain the stack
        }
        TimerEntry head;
        do {
            head = cancels;
            e.nextCancelled = head;
        } while (!CANCELS.compareAndSet(this, head, e));
    }

    // ---- the timer thread ----

    private void loop() {
        try {
            restartClock();
            while (!closed) {
                long now = System.nanoTime() - origin;
                long current = now / tickNanos;
                if (iterate(now, current) || wheel.size() > 0 || inbox != null || cancels != null) {
                    lastBusyTick = current;
                } else if (current - lastBusyTick >= wheel.buckets()) {
                    goIdle();
                    continue;
                }
                sleepUntil((current + 1) * tickNanos);
            }
        } catch (Throwable t) {
            LOG.error("The scheduler thread failed; pending and later tasks will not run", t);
            closed = true;
        } finally {
            dropAll();
        }
    }

    /** Steps 1 to 5 of the design; true if there was anything to do. */
    private boolean iterate(long now, long current) {
        boolean busy = drainInbox(now) | drainCancels();
        long from = Math.max(processed + 1, current - wheel.buckets() + 1);
        for (long k = from; k <= current; k++) {
            wheel.expire(k, now, due);
        }
        processed = current;
        if (!due.isEmpty()) {
            busy = true;
            due.sort(BY_DEADLINE);
            for (TimerEntry e : due) {
                if (closed) {
                    e.drop(); // close() came from a task, or raced with this iteration: run no more
                } else {
                    run(e, current);
                }
            }
            due.clear();
        }
        linked = wheel.size();
        return busy;
    }

    private boolean drainInbox(long now) {
        TimerEntry e = (TimerEntry) INBOX.getAndSet(this, null);
        boolean any = e != null;
        TimerEntry ordered = null; // reversed into submission order through `next`, leaving nextNew original or null
        while (e != null) {
            TimerEntry older = e.nextNew;
            e.nextNew = null;
            e.next = ordered;
            ordered = e;
            e = older;
        }
        while (ordered != null) {
            TimerEntry later = ordered.next;
            ordered.next = null;
            if (ordered.isPending()) {
                if (ordered.deadline <= now) {
                    due.add(ordered);
                } else {
                    wheel.link(ordered, wheel.tickOf(ordered.deadline));
                }
            }
            ordered = later;
        }
        return any;
    }

    private boolean drainCancels() {
        TimerEntry e = (TimerEntry) CANCELS.getAndSet(this, null);
        boolean any = e != null;
        while (e != null) {
            TimerEntry next = e.nextCancelled;
            e.nextCancelled = null;
            if (e.bucket >= 0) {
                wheel.unlink(e);
            }
            e = next;
        }
        return any;
    }

    private void run(TimerEntry e, long current) {
        if (e.period == 0) {
            Runnable task = e.claim();
            if (task != null) {
                runGuarded(task);
            }
            return;
        }
        Runnable task = e.current();
        if (task == null) {
            return;
        }
        runGuarded(task);
        if (e.isPending() && !closed) {
            e.deadline = e.period > 0 ? e.deadline + e.period : System.nanoTime() - origin - e.period;
            wheel.link(e, Math.max(wheel.tickOf(e.deadline), current + 1));
        } else if (closed) {
            e.drop(); // closed while it ran: let go of the task even if the caller keeps the Cancellable
        }
    }

    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.error("Scheduled task failed", t);
        }
        Thread.interrupted(); // a task's interrupt must not turn the parks below into a busy loop
    }

    private void sleepUntil(long instant) {
        long delay;
        while (!closed && (delay = instant - (System.nanoTime() - origin)) > 0) {
            LockSupport.parkNanos(this, delay);
            Thread.interrupted(); // nothing interrupts this thread on purpose; a stray interrupt must not spin it
        }
    }

    /** Parks until a schedule or close() wakes it, unless work raced in; then skips the ticks slept through. */
    private void goIdle() {
        PARKED.setVolatile(this, PARKED_IDLE);
        if (inbox != null) {
            PARKED.compareAndSet(this, PARKED_IDLE, TICKING); // if it fails, a producer took it and unparks us
        } else {
            awaitWork();
        }
        restartClock();
    }

    /** After a park: the wheel is empty, so the ticks slept through have nothing to expire. */
    private void restartClock() {
        long current = (System.nanoTime() - origin) / tickNanos;
        processed = current - 1;
        lastBusyTick = current;
    }

    private void awaitWork() {
        while (parked == PARKED_IDLE && !closed) {
            LockSupport.park(this);
            Thread.interrupted();
        }
    }

    private void dropAll() {
        closed = true;
        wheel.clear();
        for (TimerEntry e = (TimerEntry) INBOX.getAndSet(this, null); e != null; ) {
            TimerEntry next = e.nextNew;
            e.drop();
            e = next;
        }
        for (TimerEntry e = (TimerEntry) CANCELS.getAndSet(this, null); e != null; ) {
            TimerEntry next = e.nextCancelled;
            e.drop();
            e = next;
        }
        for (TimerEntry e : due) {
            e.drop();
        }
        due.clear();
        linked = 0;
    }
}
