package dev.troupe.bench;

import dev.troupe.bench.PersistenceRounds.Total;

/**
 * The checks of the persistence rounds: a round whose check fails throws {@link Failed} instead of reporting a
 * time, so a broken store or a broken recovery cannot produce a figure. Stateless; any thread.
 */
final class BenchCheck {
    private BenchCheck() {}

    /** A round measured something other than what it claims. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super("Check failed, no figure: " + message);
        }
    }

    static void that(boolean holds, String failure) {
        if (!holds) {
            throw new Failed(failure);
        }
    }

    /**
     * A counter that was sent the amounts 1..{@code expected} replied with their count and sum, and the journal
     * holds exactly that many of its events.
     */
    static void persisted(String counter, long expected, Total lastReply, long stored) {
        that(lastReply.equals(Total.ofFirst(expected)) && stored == expected, counter + " replied " + lastReply
                + " with " + stored + " events stored, expected " + Total.ofFirst(expected) + " and " + expected
                + " events");
    }

    /**
     * An entity with the events 1..{@code events} recovered their fold, replaying {@code expectedReplays} of them
     * (all, or those after the snapshot).
     */
    static void recovered(long events, long expectedReplays, Total state, long replayed) {
        that(state.equals(Total.ofFirst(events)), "recovered " + state + ", expected the fold of " + events
                + " events, " + Total.ofFirst(events));
        that(replayed == expectedReplays, "replayed " + replayed + " events, expected " + expectedReplays);
    }
}
