package dev.troupe.actor.internal;

import java.util.List;

/*
 * Tick k covers the instant k * tickNanos (nanoseconds since the scheduler's origin). An entry with deadline d
 * is linked in the bucket of tick t = ceil(d / tickNanos), the first tick not before its deadline, at index
 * t mod buckets. The wheel does not count rounds: a bucket holds entries of every round that maps to it, and
 * expire() takes only those whose deadline has passed, so an entry is never taken early, however far away
 * its deadline is. Visiting tick t at time now >= t * tickNanos >= d takes it, so it is taken on the first
 * visit of its bucket at or after its tick.
 */

/**
 * The buckets of a hashed timer wheel: doubly linked lists of {@link TimerEntry}, so that linking, unlinking
 * and expiring are O(1) per entry. Not thread-safe: owned by the scheduler's timer thread.
 */
final class TimerWheel {
    private final TimerEntry[] heads;
    private final TimerEntry[] tails;
    private final int mask;
    private final long tickNanos;
    private int size;

    /** @param buckets a power of two */
    TimerWheel(int buckets, long tickNanos) {
        if (buckets < 1 || Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("wheel size must be a power of two, was " + buckets);
        }
        this.heads = new TimerEntry[buckets];
        this.tails = new TimerEntry[buckets];
        this.mask = buckets - 1;
        this.tickNanos = tickNanos;
    }

    int buckets() {
        return heads.length;
    }

    /** Entries linked in the wheel. */
    int size() {
        return size;
    }

    /** The first tick at or after {@code deadline}. */
    long tickOf(long deadline) {
        return deadline / tickNanos + (deadline % tickNanos == 0 ? 0 : 1);
    }

    /** Appends {@code e} (not linked) to the bucket of {@code tick}. */
    void link(TimerEntry e, long tick) {
        int b = (int) (tick & mask);
        e.bucket = b;
        e.next = null;
        e.prev = tails[b];
        if (tails[b] == null) {
            heads[b] = e;
        } else {
            tails[b].next = e;
        }
        tails[b] = e;
        size++;
    }

    /** Removes {@code e}, which must be linked. */
    void unlink(TimerEntry e) {
        int b = e.bucket;
        if (e.prev == null) {
            heads[b] = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tails[b] = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.bucket = -1;
        size--;
    }

    /** Moves every entry of the bucket of {@code tick} whose deadline is not after {@code now} to {@code due}. */
    void expire(long tick, long now, List<TimerEntry> due) {
        TimerEntry e = heads[(int) (tick & mask)];
        while (e != null) {
            TimerEntry next = e.next;
            if (e.deadline <= now) {
                unlink(e);
                due.add(e);
            }
            e = next;
        }
    }

    /** Unlinks everything and hands each entry to {@link TimerEntry#drop()}. */
    void clear() {
        for (int b = 0; b < heads.length; b++) {
            TimerEntry e = heads[b];
            while (e != null) {
                TimerEntry next = e.next;
                e.drop();
                e = next;
            }
            heads[b] = null;
            tails[b] = null;
        }
        size = 0;
    }
}
