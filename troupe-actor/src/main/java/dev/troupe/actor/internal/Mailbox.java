package dev.troupe.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import dev.troupe.actor.Dropped;
import dev.troupe.actor.OfferResult;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation overview
 *
 * A mailbox holds an actor's pending messages and decides when the actor runs. It has three parts:
 *
 *   - a user queue (multi-producer, single-consumer), supplied by the subclass;
 *   - a system queue: an intrusive Treiber stack of SystemMessage nodes, reversed into FIFO order when
 *     drained, so that system messages never need an extra node and are never dropped;
 *   - one int `status` of bit flags:
 *       SCHEDULED  someone owns the consumer role: the mailbox is queued on, or running in, the dispatcher,
 *                  or a thread is draining a closed mailbox into dead letters;
 *       SUSPENDED  user messages are not processed (the actor is stopping); system messages still are;
 *       CLOSED     the actor has stopped; user messages go to dead letters, system messages to the cell's
 *                  dead-system-message handling (a late Watch is answered with a death notification).
 *   and, fixed before the mailbox is shared, whether its actor is instrumented (INSTRUMENTED, HOOKED, and the
 *   sampling rate in bits 8-12): producers read the word on every enqueue anyway, so instrumentation that is
 *   off costs a bit test and no field. Every transition above preserves these bits.
 *
 * Transitions of SCHEDULED:
 *   clear -> set   by whoever wins the CAS in scheduleIfNeeded() after enqueuing; the winner hands the
 *                  mailbox to the dispatcher (or, if CLOSED, drains it itself).
 *   set -> clear   by the consumer at the end of run(), which then re-checks both queues and schedules
 *                  again if either is non-empty.
 *
 * Why no message is stranded. A producer (1) publishes its message with a volatile write (the getAndSet of
 * the user queue's tail, or the CAS of the system stack) and then (2) reads `status`. The consumer (3)
 * clears SCHEDULED with a volatile read-modify-write and then (4) reads both queues' producer-side pointers
 * with volatile reads. All four are synchronization actions, so they are totally ordered: either (2) comes
 * after (3) and the producer sees SCHEDULED clear and schedules, or (4) comes after (1) and the consumer sees
 * the message and schedules. In the user queue a producer's link to its node is written just after (1);
 * `hasUserMessages` looks at the tail, not the link, so the consumer reschedules even when the link is not
 * yet visible and picks the message up on its next turn.
 *
 * Why one thread at a time. Only the holder of SCHEDULED runs the actor or polls the user queue, and it
 * releases SCHEDULED only after its last access. The release (a volatile write) and the next holder's
 * CAS (a volatile read) give a happens-before edge from one turn to the next, so an actor's state needs no
 * synchronization even when consecutive messages run on different threads.
 *
 * Why closing loses nothing. The cell closes the mailbox while it holds SCHEDULED: it sets CLOSED, drains the
 * user queue into dead letters, and then swaps the system stack for a sentinel (later system enqueues see it
 * and are handled as dead; a Watch among them is answered with a death notification, which is why the drain
 * comes first: nobody hears of the death before the messages left behind are dead letters). A producer that enqueued just before seeing CLOSED reaches scheduleIfNeeded, whose
 * CLOSED branch takes SCHEDULED and drains again, on the producer's thread; the ordering argument above makes
 * sure that one of the two drains sees every message.
 *
 * The mailbox is itself the unit of work: the work-stealing dispatcher queues it as it is, and the executor-based
 * dispatchers take it as a Runnable, so scheduling an actor allocates nothing.
 */

/**
 * An actor's message queues and run state; the unit of work handed to a {@link Dispatcher}. See the
 * implementation overview in the source for the state machine and its correctness argument.
 *
 * <p>Threading: {@link #enqueue} and {@link #enqueueSystem} from any thread; {@link #run} only by the
 * dispatcher after this mailbox was scheduled; {@link #suspend}, {@link #resume} and {@link #close} only from
 * within {@link #run} (the actor's own turn).
 */
public abstract class Mailbox implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);
    private static final int SCHEDULED = 1;
    private static final int SUSPENDED = 2;
    private static final int CLOSED = 4;
    /** Set for good before the mailbox is shared: the actor is instrumented; see {@link #instrument}. */
    private static final int INSTRUMENTED = 8;
    /** Set for good before the mailbox is shared: every user message passes the message hook. */
    private static final int HOOKED = 16;
    /** Where the status keeps log2 of the sampling rate of an instrumented mailbox (5 bits). */
    private static final int SAMPLE_SHIFT_POSITION = 8;

    /** Marks the system queue of a closed mailbox. */
    private static final SystemMessage CLOSED_QUEUE = new SystemMessage.Terminate();

    private static final VarHandle STATUS;
    private static final VarHandle SYSTEM_HEAD;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATUS = lookup.findVarHandle(Mailbox.class, "status", int.class);
            SYSTEM_HEAD = lookup.findVarHandle(Mailbox.class, "systemHead", SystemMessage.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int status;
    private volatile SystemMessage systemHead;

    private ActorCell<?> cell;
    private Dispatcher dispatcher;

    /** Binds this mailbox to its actor; called once, before the mailbox is shared. */
    final void attach(ActorCell<?> cell, Dispatcher dispatcher) {
        this.cell = cell;
        this.dispatcher = dispatcher;
    }

    /** The actor of this mailbox; any thread, once attached. */
    final ActorCell<?> cell() {
        return cell;
    }

    /** The dispatcher that runs this mailbox; any thread, once attached. */
    final Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The status bits of an instrumented mailbox sampling 1 in 2^{@code sampleShift} messages. */
    static int instrumentationFlags(int sampleShift, boolean hooked) {
        return INSTRUMENTED | (hooked ? HOOKED : 0) | sampleShift << SAMPLE_SHIFT_POSITION;
    }

    /**
     * Makes producers sample messages and call the message hook, as {@code flags} says; called once, after
     * {@link #attach} and before the mailbox is shared. The flags live in the status word, which every enqueue
     * reads anyway, so a mailbox that is not instrumented pays one bit test per message and no memory.
     */
    final void instrument(int flags) {
        status = flags;
    }

    // ---- the user queue, supplied by subclasses --------------------------------------------------------

    /**
     * Adds a message, or (a full bounded queue) drops it or another one, reporting each drop through
     * {@link #dropped}; any thread.
     *
     * @return {@link OfferResult#ENQUEUED} if {@code message} is now queued, else what was done with it
     */
    protected abstract OfferResult offerUser(Object message);

    /** Adds a message only if there is room for it, never dropping anything; any thread. */
    protected boolean offerUserIfRoom(Object message) {
        return offerUser(message) == OfferResult.ENQUEUED;
    }

    /** Removes the next message, or returns null; only the holder of SCHEDULED. */
    protected abstract Object pollUser();

    /**
     * Removes the next message if it is a plain user message (not a runtime envelope), else returns null;
     * only the holder of SCHEDULED. Used to gather a batch without reordering envelopes.
     */
    protected abstract Object pollPlainUser();

    /** True if a message was added and not yet polled (even if its link is not visible yet); any thread. */
    protected abstract boolean hasUserMessages();

    /** The number of user messages waiting, approximate while producers are active; any thread. */
    public abstract int userMessageCount();

    /**
     * {@link #userMessageCount()} as the consumer needs it for a sample: only from the actor's turn, and cheap
     * there. The default is {@code userMessageCount()}; the instrumented unbounded mailbox keeps a count of its
     * own instead of walking its queue.
     */
    int depthSeenByConsumer() {
        return userMessageCount();
    }

    // ---- producers --------------------------------------------------------------------------------------

    /** Adds a user message and makes sure the actor will run. Closed mailboxes send it to dead letters. */
    public final void enqueue(Object message) {
        offer(message);
    }

    /** {@link #enqueue}, saying what became of the message. */
    public final OfferResult offer(Object message) {
        int s = status;
        if ((s & CLOSED) != 0) {
            cell.deadLetter(message);
            return OfferResult.DEAD;
        }
        OfferResult result = offerUser((s & INSTRUMENTED) == 0 ? message : instrumented(message, s));
        if (result == OfferResult.ENQUEUED) {
            scheduleIfNeeded();
        }
        return result;
    }

    /**
     * Adds a user message, waiting up to {@code timeoutNanos} for room; never drops. Waits by parking with a
     * growing pause (up to 1 ms), so the consumer pays nothing for it.
     *
     * @return true once enqueued (or dead-lettered, the actor having stopped); false on time-out
     */
    public final boolean put(Object message, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        long pause = 1_000;
        int s = status;
        if ((s & INSTRUMENTED) != 0) {
            message = instrumented(message, s);
        }
        for (;;) {
            if ((status & CLOSED) != 0) {
                cell.deadLetter(message);
                return true;
            }
            if (offerUserIfRoom(message)) {
                scheduleIfNeeded();
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for room in the mailbox of "
                        + cell.self().path());
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, 1_000_000);
        }
    }

    /**
     * A user message as an instrumented mailbox queues it: in an envelope if the sender samples it (with
     * probability 1 / 2^shift or less, decided without shared state) or the message hook gives it something to
     * carry.
     */
    private Object instrumented(Object message, int s) {
        if (message instanceof InternalMessage) {
            return message;
        }
        int weight = InstrumentationRuntime.sampleWeight((s >>> SAMPLE_SHIFT_POSITION) & 31, cell);
        Object carried = (s & HOOKED) != 0 ? cell.onSend(message) : null;
        if (weight == 0 && carried == null) {
            return message;
        }
        return new InstrumentedEnvelope(message, weight != 0 ? System.nanoTime() : 0L, weight, carried);
    }

    /** Reports a message this mailbox did not keep; any thread. */
    protected final void dropped(Object message, Dropped.Reason reason) {
        cell.dropped(message, reason);
    }

    /** Adds a system message; a closed mailbox hands it to the cell's dead-system-message handling. */
    public final void enqueueSystem(SystemMessage message) {
        for (;;) {
            SystemMessage head = systemHead;
            if (head == CLOSED_QUEUE) {
                cell.deadSystemMessage(message);
                return;
            }
            message.next = head;
            if (SYSTEM_HEAD.compareAndSet(this, head, message)) {
                break;
            }
        }
        scheduleIfNeeded();
    }

    private boolean hasSystemMessages() {
        SystemMessage head = systemHead;
        return head != null && head != CLOSED_QUEUE;
    }

    private void scheduleIfNeeded() {
        for (;;) {
            int s = status;
            if ((s & SCHEDULED) != 0) {
                Worker.scheduledAgain(this);
                return;
            }
            if ((s & CLOSED) != 0) {
                if (STATUS.compareAndSet(this, s, s | SCHEDULED)) {
                    try {
                        drainClosedUserQueue();
                    } finally {
                        STATUS.getAndBitwiseAnd(this, ~SCHEDULED);
                    }
                    if (!hasUserMessages()) {
                        return;
                    }
                    // A producer is between publishing its node and linking it. Waiting for it is needed:
                    // leaving now could strand its message if it saw SCHEDULED set and left too.
                    Thread.onSpinWait();
                }
                continue;
            }
            if ((s & SUSPENDED) != 0 && !hasSystemMessages()) {
                return;
            }
            if (STATUS.compareAndSet(this, s, s | SCHEDULED)) {
                if (!dispatcher.execute(this)) {
                    refused();
                }
                return;
            }
        }
    }

    /**
     * The dispatcher refused to run this mailbox (it is shut down or overloaded): the user messages cannot be
     * processed, so they go to dead letters rather than waiting forever behind a SCHEDULED flag nobody clears.
     */
    final void refused() {
        try {
            drainClosedUserQueue();
        } finally {
            STATUS.getAndBitwiseAnd(this, ~SCHEDULED);
        }
    }

    // ---- the consumer -----------------------------------------------------------------------------------

    @Override
    public final void run() {
        try {
            if ((status & CLOSED) == 0) {
                cell.beginTurn();
                try {
                    if (systemHead != null) {
                        processSystemMessages();
                    }
                    processUserMessages(dispatcher.throughput());
                } finally {
                    cell.endTurn();
                }
            } else {
                drainClosedUserQueue();
            }
        } finally {
            STATUS.getAndBitwiseAnd(this, ~SCHEDULED);
            if (hasSystemMessages() || hasUserMessages()) {
                scheduleIfNeeded();
            }
        }
    }

    private void processUserMessages(int throughput) {
        long deadlineNanos = dispatcher.throughputDeadlineNanos();
        long turnEnds = deadlineNanos > 0 ? System.nanoTime() + deadlineNanos : 0;
        for (int left = throughput; (status & (SUSPENDED | CLOSED)) == 0; ) {
            Object message = pollUser();
            if (message == null) {
                return;
            }
            cell.invoke(message);
            if (systemHead != null) {
                processSystemMessages();
            }
            if (turnEnds != 0 && System.nanoTime() - turnEnds >= 0) {
                return;
            }
            if (--left == 0) {
                // The throughput is a fairness bound: yield only if another actor waits for this thread.
                if (dispatcher.othersMayWait()) {
                    return;
                }
                left = throughput;
            }
        }
    }

    private void processSystemMessages() {
        SystemMessage list = reverse(takeSystemMessages(null));
        while (list != null) {
            SystemMessage message = list;
            list = list.next;
            message.next = null;
            if ((status & CLOSED) != 0) {
                cell.deadSystemMessage(message);
            } else {
                cell.systemInvoke(message);
            }
        }
    }

    private SystemMessage takeSystemMessages(SystemMessage replacement) {
        for (;;) {
            SystemMessage head = systemHead;
            if (head == CLOSED_QUEUE) {
                return null;
            }
            if (SYSTEM_HEAD.compareAndSet(this, head, replacement)) {
                return head;
            }
        }
    }

    private static SystemMessage reverse(SystemMessage list) {
        SystemMessage reversed = null;
        while (list != null) {
            SystemMessage next = list.next;
            list.next = reversed;
            reversed = list;
            list = next;
        }
        return reversed;
    }

    private void drainClosedUserQueue() {
        Object message;
        while ((message = pollUser()) != null) {
            cell.deadLetter(message);
        }
    }

    // ---- transitions made by the actor itself, within run() ---------------------------------------------

    /** Stops user message processing (system messages go on). */
    final void suspend() {
        STATUS.getAndBitwiseOr(this, SUSPENDED);
    }

    /** Lets user messages be processed again. */
    final void resume() {
        STATUS.getAndBitwiseAnd(this, ~SUSPENDED);
    }

    /**
     * Closes the mailbox for good: later messages go to dead letters. Pending system messages are handed to
     * the cell's dead-system-message handling and pending user messages to dead letters.
     */
    final void close() {
        STATUS.getAndBitwiseOr(this, CLOSED);
        // User messages first: a pending Watch is answered with a death notification, and no one may learn of
        // the death before every message left behind has gone to dead letters.
        drainClosedUserQueue();
        SystemMessage pending = reverse(takeSystemMessages(CLOSED_QUEUE));
        while (pending != null) {
            SystemMessage message = pending;
            pending = pending.next;
            message.next = null;
            cell.deadSystemMessage(message);
        }
    }

    public final boolean isClosed() {
        return (status & CLOSED) != 0;
    }

    // ---- for the dispatcher's thread ------------------------------------------------------------------

    /** Runs a turn, logging anything that escapes it; for the dispatcher's thread. */
    final void runGuarded() {
        try {
            run();
        } catch (Throwable t) {
            LOG.error("Unexpected error escaped the turn of {}", cell, t);
        }
    }
}
