package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.instrument.ActorTypeRecorder;
import dev.troupe.actor.instrument.InstrumentedActor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of one actor of an instrumented system, and its {@link InstrumentedActor} face.
 *
 * <p>Memory ordering: the counters have one writer, the actor's turn, which reads them plainly and writes them
 * with {@code setOpaque}; other threads read them with {@code getOpaque}. Opaque access is enough: a reader
 * needs a recent, untorn value of each counter on its own, never an order between two of them.
 */
public final class ActorStats implements InstrumentedActor {
    /**
     * The runtime's own bytes per idle instrumented actor with an unbounded mailbox: cell, mailbox, ref and path
     * (176, measured without instrumentation) and these stats (64).
     */
    private static final int UNBOUNDED_ACTOR_BYTES = 240;
    /** What a locked mailbox adds: its lock and queue. */
    private static final int LOCKED_MAILBOX_BYTES = 96;
    /** A queue node or slot per waiting message. */
    private static final int BYTES_PER_QUEUED_MESSAGE = 24;

    private static final VarHandle PROCESSED;
    private static final VarHandle BUSY_NANOS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PROCESSED = lookup.findVarHandle(ActorStats.class, "processed", long.class);
            BUSY_NANOS = lookup.findVarHandle(ActorStats.class, "busyNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ActorCell<?> cell;
    private final String actorType;
    private final String mailboxKind;
    private final String dispatcherName;
    final ActorTypeRecorder recorder;
    /** Whether the system has a message hook, which sees every message: then each one takes the full path. */
    final boolean hooked;
    private final long spawnedAtNanos;
    private long processed;
    private long busyNanos;
    /** Whether the recorder was told of the start; written before the actor is shared, read on its last turn. */
    private boolean started;

    ActorStats(ActorCell<?> cell, String actorType, String mailboxKind, String dispatcherName,
               ActorTypeRecorder recorder, boolean hooked) {
        this.cell = cell;
        this.actorType = actorType;
        this.mailboxKind = mailboxKind;
        this.dispatcherName = dispatcherName;
        this.recorder = recorder;
        this.hooked = hooked;
        this.spawnedAtNanos = System.nanoTime();
    }

    void markStarted() {
        started = true;
    }

    /** Whether actorStarted was reported, so that actorStopped is reported only with it. */
    boolean wasStarted() {
        return started;
    }

    /** One more message processed; the actor's turn only. */
    void countMessage() {
        PROCESSED.setOpaque(this, processed + 1);
    }

    /** A sampled processing time, standing for {@code weight} messages; the actor's turn only. */
    void addSampledProcessing(long nanos, int weight) {
        BUSY_NANOS.setOpaque(this, busyNanos + nanos * weight);
    }

    @Override
    public ActorPath path() {
        return cell.selfRef().path();
    }

    @Override
    public ActorRef<Void> ref() {
        return cell.selfRef().unsafeUpcast();
    }

    @Override
    public String actorType() {
        return actorType;
    }

    @Override
    public String mailboxKind() {
        return mailboxKind;
    }

    @Override
    public String dispatcherName() {
        return dispatcherName;
    }

    @Override
    public int mailboxDepth() {
        return cell.mailbox.userMessageCount();
    }

    @Override
    public long messagesProcessed() {
        return (long) PROCESSED.getOpaque(this);
    }

    @Override
    public long estimatedProcessingNanos() {
        return (long) BUSY_NANOS.getOpaque(this);
    }

    @Override
    public long estimatedMemoryBytes() {
        long base = UNBOUNDED_ACTOR_BYTES + (cell.mailbox instanceof LockedMailbox ? LOCKED_MAILBOX_BYTES : 0);
        return base + (long) Math.max(0, mailboxDepth()) * BYTES_PER_QUEUED_MESSAGE;
    }

    @Override
    public long spawnedAtNanos() {
        return spawnedAtNanos;
    }

    @Override
    public boolean isTerminated() {
        return cell.isTerminated();
    }

    @Override
    public void stop() {
        cell.selfRef().sendSystem(new SystemMessage.Terminate());
    }

    @Override
    public String toString() {
        return "InstrumentedActor[" + path() + ", type=" + actorType + "]";
    }
}
