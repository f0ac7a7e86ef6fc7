package dev.troupe.actor.internal;

import java.util.Arrays;

/*
 * Why a thief waits. Taking a mailbox from another worker's ring moves the actor to another core: its state, its
 * queue and every message it exchanges afterwards with the actors left behind cross between caches. For the tiny
 * handlers of a hub workload (one arbiter or mall that every message goes through) that costs more than the
 * work: on the 2-core bench machine, `philosophers` and `chameneos` ran 2-3 times faster on one worker than on
 * two that stole eagerly, and the slow runs were the ones with hundreds of thousands of steals. A ring whose
 * owner clears it quickly does not need help. So a thief takes from a ring only
 *   - what has waited there for PATIENCE_LOOKS of the thief's looks (about 2 us) while the ring's owner did
 *     not get to it: the owner is in a long turn, or its backlog grows faster than it shrinks; or
 *   - at once, if BACKLOG mailboxes or more wait there: a backlog that is worth sharing.
 *
 * How "has waited" is told without a clock. At a look that finds the ring non-empty and no entry under
 * watch, the thief notes the ring's offered() count: every entry below it is queued now. At a later look, if
 * taken() is still below that count, an entry that was queued at the noted look is still there; after
 * PATIENCE_LOOKS such looks the thief takes one. If taken() has reached the count, the owner took everything that
 * was watched and the watch starts again from the entries queued now. An empty ring ends the watch.
 *
 * The counts only grow (RunQueue), so a stale read can only make the thief wait longer or take a mailbox the
 * owner would have run soon; either is a question of speed, never of correctness: taking still goes through
 * RunQueue.poll's CAS, and an entry the thief leaves is run by its owner.
 */

/**
 * One thief's watch over the other workers' rings: whether a look should take a mailbox now. Confined to the
 * thief's thread.
 */
final class StealPatience {
    /** Looks during which a watched entry must still wait before it is taken. */
    static final int PATIENCE_LOOKS = 8;
    /** A ring with this many waiting mailboxes is shared at once. */
    static final int BACKLOG = 8;
    private static final long NOT_WATCHING = -1;

    /** Per ring: its offered() count when the watch started, or NOT_WATCHING. */
    private final long[] watchedBelow;
    /** Per ring: looks since the watch started. */
    private final int[] looks;

    StealPatience(int rings) {
        watchedBelow = new long[rings];
        looks = new int[rings];
        Arrays.fill(watchedBelow, NOT_WATCHING);
    }

    /**
     * A look at ring {@code ring}, which has {@code taken} and {@code offered} as its counts: true if a mailbox
     * should be taken from it now. After a true, the watch of that ring starts over.
     */
    boolean shouldTake(int ring, long taken, long offered) {
        if (taken >= offered) {
            watchedBelow[ring] = NOT_WATCHING;
            return false;
        }
        long below = watchedBelow[ring];
        boolean take;
        if (below == NOT_WATCHING || taken >= below) {
            watchedBelow[ring] = offered;
            looks[ring] = 0;
            take = offered - taken >= BACKLOG;
        } else {
            take = ++looks[ring] >= PATIENCE_LOOKS || offered - taken >= BACKLOG;
        }
        if (take) {
            watchedBelow[ring] = NOT_WATCHING;
        }
        return take;
    }
}
