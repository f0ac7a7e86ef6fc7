package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.ActorTypeRecorder;
import dev.troupe.actor.instrument.Instrumentation;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import java.time.Duration;
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
    /** Throttled, a pool thread samples at most 2^6 times less often than {@code sampleEvery}. */
    static final int MAX_THROTTLE = 6;
    private static final Duration MAX_MIN_SAMPLE_SPACING = Duration.ofSeconds(1);

    private final Instrumentation instrumentation;
    private final int sampleEvery;
    /** The spacing below which a pool thread samples less often; 0 when throttling is off. */
    private final long minSampleSpacingNanos;
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
        Duration spacing = Objects.requireNonNull(instrumentation.minSampleSpacing(),
                () -> instrumentation + " returned a null minSampleSpacing()");
        if (spacing.isNegative() || spacing.compareTo(MAX_MIN_SAMPLE_SPACING) > 0) {
            throw new IllegalArgumentException("Instrumentation.minSampleSpacing() must be from zero to one second, was "
                    + spacing);
        }
        this.minSampleSpacingNanos = spacing.toNanos();
        this.hook = instrumentation.messageHook();
    }

    MessageHook hook() {
        return hook;
    }

    /** The mailbox status bits that make it sample at this rate and, if there is a hook, call it. */
    int mailboxFlags() {
        return Mailbox.instrumentationFlags(Integer.numberOfTrailingZeros(sampleEvery), hook != null);
    }

    /**
     * Whether the sender should time a message bound for a mailbox sampling 1 in 2^{@code sampleShift}: 0 if not,
     * else the sample's weight. A pool thread of Troupe's counts down a random gap (uniform in 1 to 2 * mean - 1)
     * and draws the next gap only when it reaches zero: a decrement per message instead of a random draw, and gaps
     * at random, so a periodic pattern in what one sends does not bias the sample. The mean is 2^shift times the
     * thread's throttle factor (see {@link #nextThrottle}); the weight of a sample is the mean of the gap it
     * ends. Other threads draw for each message and never throttle.
     */
    static int sampleWeight(int sampleShift, ActorCell<?> recipient) {
        if (Thread.currentThread() instanceof Worker worker) {
            if (--worker.untilSample > 0) {
                return 0;
            }
            return sampledBy(worker, sampleShift, recipient.systemImpl().instrumentation().minSampleSpacingNanos);
        }
        if (sampleShift == 0) {
            return 1;
        }
        return (ThreadLocalRandom.current().nextInt() & ((1 << sampleShift) - 1)) == 0 ? 1 << sampleShift : 0;
    }

    /** A pool thread's gap ran out: adapts its throttle, draws its next gap, returns the weight of this sample. */
    private static int sampledBy(Worker worker, int sampleShift, long minSpacingNanos) {
        boolean first = worker.gapMean == 0;
        int throttle = 0;
        if (minSpacingNanos > 0) {
            long now = System.nanoTime();
            throttle = first ? 0 : nextThrottle(worker.sampleThrottle, now - worker.lastSampleNanos, minSpacingNanos);
            worker.lastSampleNanos = now;
            worker.sampleThrottle = throttle;
        }
        int weight = first ? 1 << sampleShift : worker.gapMean;
        int mean = 1 << (sampleShift + throttle);
        worker.gapMean = mean;
        worker.untilSample = mean == 1 ? 1 : 1 + ThreadLocalRandom.current().nextInt(2 * mean - 1);
        return weight;
    }

    /**
     * The throttle (the power of two the sampling interval is multiplied by, 0 to {@value #MAX_THROTTLE}) after a
     * sample taken {@code sinceNanos} after the thread's previous one: one more if that is less than the minimum
     * spacing, one less if it is at least four times it. The factor of four between the two keeps a thread whose
     * spacing sits near the minimum from doubling and halving its rate at every sample.
     */
    static int nextThrottle(int throttle, long sinceNanos, long minSpacingNanos) {
        if (sinceNanos < minSpacingNanos) {
            return Math.min(MAX_THROTTLE, throttle + 1);
        }
        if (sinceNanos >= 4 * minSpacingNanos) {
            return Math.max(0, throttle - 1);
        }
        return throttle;
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

    void sampled(ActorTypeRecorder recorder, InstrumentedActor actor, long waited, long processing, int depth,
                 int weight) {
        try {
            recorder.sampled(actor, waited, processing, depth, weight);
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
