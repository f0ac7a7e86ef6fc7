package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.ActorTypeRecorder;
import dev.troupe.actor.instrument.Instrumentation;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One system's side of its {@link Instrumentation}: the recorder of each actor type, the sampling rate as the
 * mailbox status bits that carry it, and the guards that keep a failing instrumentation from failing actors.
 * The guards catch every Throwable, Errors too (a missing optional class, an assertion): a recorder's failure in
 * the middle of a stop must not keep the parent and watchers from hearing of it. Thread-safe.
 */
final class InstrumentationRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentationRuntime.class);
    private static final int MAX_SAMPLE_EVERY = 1 << 20;

    private final Instrumentation instrumentation;
    private final int sampleEvery;
    private final MessageHook hook;
    private final ConcurrentHashMap<String, ActorTypeRecorder> recorders = new ConcurrentHashMap<>();
    /** Logs an instrumentation failure once per system, so a broken recorder cannot flood the log. */
    private volatile boolean failureLogged;

    InstrumentationRuntime(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
        int every = instrumentation.sampleEvery();
        if (every < 1 || every > MAX_SAMPLE_EVERY || Integer.bitCount(every) != 1) {
            throw new IllegalArgumentException("Instrumentation.sampleEvery() must be a power of two from 1 to "
                    + MAX_SAMPLE_EVERY + ", was " + every);
        }
        this.sampleEvery = every;
        this.hook = instrumentation.messageHook();
    }

    int sampleEvery() {
        return sampleEvery;
    }

    MessageHook hook() {
        return hook;
    }

    /** The mailbox status bits that make it sample at this rate and, if there is a hook, call it. */
    int mailboxFlags() {
        return Mailbox.instrumentationFlags(Integer.numberOfTrailingZeros(sampleEvery), hook != null);
    }

    /**
     * Whether the sender should time this message: one in 2^{@code sampleShift} on average, at random. A pool
     * thread of Troupe's counts down a random gap (uniform in 1 to 2 * 2^shift - 1, so 2^shift on average) and
     * draws the next gap only when it reaches zero: a decrement per message instead of a random draw, and
     * gaps at random, so a periodic pattern in what one sends does not bias the sample. Other threads draw for
     * each message.
     */
    static boolean sample(int sampleShift) {
        if (sampleShift == 0) {
            return true;
        }
        if (Thread.currentThread() instanceof Worker worker) {
            if (--worker.untilSample > 0) {
                return false;
            }
            worker.untilSample = 1 + ThreadLocalRandom.current().nextInt((2 << sampleShift) - 1);
            return true;
        }
        return (ThreadLocalRandom.current().nextInt() & ((1 << sampleShift) - 1)) == 0;
    }

    ActorTypeRecorder recorderFor(String actorType) {
        ActorTypeRecorder recorder = recorders.get(actorType);
        return recorder != null ? recorder : recorders.computeIfAbsent(actorType, type ->
                Objects.requireNonNull(instrumentation.recorderFor(type),
                        () -> instrumentation + " returned a null recorder for " + type));
    }

    void started(ActorTypeRecorder recorder, InstrumentedActor actor) {
        try {
            recorder.actorStarted(actor);
        } catch (Throwable e) {
            failed("actorStarted", e);
        }
    }

    void stopped(ActorTypeRecorder recorder, InstrumentedActor actor, Throwable failure) {
        try {
            recorder.actorStopped(actor, failure);
        } catch (Throwable e) {
            failed("actorStopped", e);
        }
    }

    void sampled(ActorTypeRecorder recorder, InstrumentedActor actor, long waited, long processing, int depth) {
        try {
            recorder.sampled(actor, waited, processing, depth);
        } catch (Throwable e) {
            failed("sampled", e);
        }
    }

    Object onSend(ActorPath recipient, Object message) {
        try {
            return hook.onSend(ActorCell.currentTurn(), recipient, message);
        } catch (Throwable e) {
            failed("onSend", e);
            return null;
        }
    }

    Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
        try {
            return hook.beforeReceive(actor, message, carried);
        } catch (Throwable e) {
            failed("beforeReceive", e);
            return null;
        }
    }

    void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
        try {
            hook.afterReceive(actor, token, failure);
        } catch (Throwable e) {
            failed("afterReceive", e);
        }
    }

    private void failed(String call, Throwable e) {
        if (!failureLogged) {
            failureLogged = true;
            try {
                LOG.error("Instrumentation {} failed in {}; its later failures are not logged", instrumentation, call, e);
            } catch (Throwable loggingFailed) {
                // nothing left to tell it with; the actor goes on regardless
            }
        }
    }
}
