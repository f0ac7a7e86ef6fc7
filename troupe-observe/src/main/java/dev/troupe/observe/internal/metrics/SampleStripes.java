package dev.troupe.observe.internal.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/*
 * The sampled values of one actor type, recorded from many actor threads. A sample is three values (time in
 * mailbox, processing time, mailbox depth), recorded together, so each stripe keeps three plain HdrHistograms
 * behind one try-lock word:
 *
 *   writer:  claim a stripe (one CAS from 0 to 1, trying its thread's stripe first, then the others), record the
 *            three values with plain writes, release (a store with release semantics);
 *   reader:  for each stripe, claim it (waiting while a writer or the other reader holds it), copy its
 *            histograms out and reset them, release; then add the copies where they belong.
 *
 * The CAS that claims a stripe acquires what the last release published, so a reader sees every value recorded
 * before its claim. A writer never waits: if every stripe is held at that moment (more threads recording at
 * once than there are stripes, or a reader copying), the sample is dropped and counted. One shared concurrent
 * recorder instead made each sample about fifteen atomic writes on cache lines every thread shares: most of
 * what metrics cost on a fast message.
 *
 * Memory: a stripe is made when a thread first records into it; its three histograms (2 significant digits)
 * take about 25 KB each for values up to a few hundred microseconds and 37 KB up to tens of milliseconds
 * (measured), so an actor type sampled on four threads holds about 300-450 KB.
 */

/** Striped histograms of the samples of one actor type. Thread-safe; writers never block. */
final class SampleStripes {
    static final int MAX_STRIPES = 4;
    static final int SIGNIFICANT_DIGITS = 2;
    static final int STRIPES = Math.min(MAX_STRIPES,
            Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 2 - 1)));

    private static final VarHandle HELD;

    static {
        try {
            HELD = MethodHandles.lookup().findVarHandle(Stripe.class, "held", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Three histograms and the word that says who may touch them. */
    static final class Stripe {
        @SuppressWarnings("unused") // through HELD
        private volatile int held;
        final Histogram timeInMailbox = new Histogram(SIGNIFICANT_DIGITS);
        final Histogram processingTime = new Histogram(SIGNIFICANT_DIGITS);
        final Histogram mailboxDepths = new Histogram(SIGNIFICANT_DIGITS);

        boolean tryClaim() {
            return HELD.compareAndSet(this, 0, 1);
        }

        void release() {
            HELD.setRelease(this, 0);
        }
    }

    /** What a reader takes out of the stripes: the three distributions since its last take. */
    record Taken(Histogram timeInMailbox, Histogram processingTime, Histogram mailboxDepths) {
        Taken() {
            this(new Histogram(SIGNIFICANT_DIGITS), new Histogram(SIGNIFICANT_DIGITS),
                    new Histogram(SIGNIFICANT_DIGITS));
        }
    }

    /** Made on first use: a type whose actors are never sampled costs no histograms. */
    private final AtomicReferenceArray<Stripe> stripes = new AtomicReferenceArray<>(STRIPES);
    private final LongAdder dropped = new LongAdder();

    /**
     * Records one sample, {@code weight} times (the messages it stands for); {@code processingNanos} below zero
     * means none (a message taken by a batch handler). Negative times (a clock step) count as zero. Never blocks;
     * see the overview for when it drops.
     */
    void record(long timeInMailboxNanos, long processingNanos, long mailboxDepth, int weight) {
        int first = (int) Thread.currentThread().threadId();
        for (int i = 0; i < STRIPES; i++) {
            Stripe stripe = stripe((first + i) & (STRIPES - 1));
            if (stripe.tryClaim()) {
                try {
                    stripe.timeInMailbox.recordValueWithCount(Math.max(0, timeInMailboxNanos), weight);
                    if (processingNanos >= 0) {
                        stripe.processingTime.recordValueWithCount(processingNanos, weight);
                    }
                    stripe.mailboxDepths.recordValueWithCount(Math.max(0, mailboxDepth), weight);
                } finally {
                    stripe.release();
                }
                return;
            }
        }
        dropped.increment();
    }

    private Stripe stripe(int index) {
        Stripe stripe = stripes.get(index);
        if (stripe == null) {
            Stripe made = new Stripe();
            stripe = stripes.compareAndSet(index, null, made) ? made : stripes.get(index);
        }
        return stripe;
    }

    /**
     * Moves what every stripe holds into {@code into} (added to what it has) and empties the stripes. For one
     * reader at a time; waits for each stripe's writer to finish, which takes nanoseconds.
     */
    void takeInto(Taken into) {
        for (int i = 0; i < STRIPES; i++) {
            Stripe stripe = stripes.get(i);
            if (stripe == null) {
                continue;
            }
            while (!stripe.tryClaim()) {
                Thread.onSpinWait();
            }
            try {
                into.timeInMailbox().add(stripe.timeInMailbox);
                into.processingTime().add(stripe.processingTime);
                into.mailboxDepths().add(stripe.mailboxDepths);
                stripe.timeInMailbox.reset();
                stripe.processingTime.reset();
                stripe.mailboxDepths.reset();
            } finally {
                stripe.release();
            }
        }
    }

    /** Samples dropped because every stripe was held at that moment. */
    long dropped() {
        return dropped.sum();
    }
}
