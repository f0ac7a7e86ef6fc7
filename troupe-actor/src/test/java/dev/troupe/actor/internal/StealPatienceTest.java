package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a thief takes from another worker's ring: after its entries have waited, or from a backlog. */
class StealPatienceTest {
    private static final int RING = 1;

    /** Looks at a ring whose counts stay (taken, offered) until the thief decides to take; the looks it took. */
    private static int looksUntilTaken(StealPatience patience, long taken, long offered) {
        for (int look = 1; look <= 1_000; look++) {
            if (patience.shouldTake(RING, taken, offered)) {
                return look;
            }
        }
        return -1;
    }

    @Test
    void anEntryTheOwnerDoesNotGetToIsTakenAfterThePatience() {
        StealPatience patience = new StealPatience(2);

        assertThat(looksUntilTaken(patience, 10, 11)).isEqualTo(StealPatience.PATIENCE_LOOKS + 1);
        assertThat(looksUntilTaken(patience, 11, 12)).as("after a take, the watch starts over")
                .isEqualTo(StealPatience.PATIENCE_LOOKS + 1);
    }

    @Test
    void anOwnerThatKeepsUpIsNeverRobbed() {
        StealPatience patience = new StealPatience(2);
        // Each look finds new entries, but the owner has taken all those of the look before.
        long taken = 0;
        for (int look = 0; look < 1_000; look++) {
            long offered = taken + 3;
            assertThat(patience.shouldTake(RING, taken, offered)).as("look %d", look).isFalse();
            assertThat(patience.shouldTake(RING, taken + 1, offered + 1)).isFalse(); // one of them still waits
            taken = offered + 1;
        }
    }

    @Test
    void entriesStillWaitingCountEvenIfTheOwnerTookSomeOfThem() {
        StealPatience patience = new StealPatience(2);
        assertThat(patience.shouldTake(RING, 0, 4)).isFalse(); // watching entries 0..3
        for (int look = 1; look < StealPatience.PATIENCE_LOOKS; look++) {
            assertThat(patience.shouldTake(RING, 3, 6)).as("entry 3 still waits").isFalse();
        }
        assertThat(patience.shouldTake(RING, 3, 6)).isTrue();
    }

    @Test
    void aBacklogIsSharedAtOnce() {
        StealPatience patience = new StealPatience(2);

        assertThat(patience.shouldTake(RING, 0, StealPatience.BACKLOG - 1)).isFalse();
        assertThat(patience.shouldTake(RING, 0, StealPatience.BACKLOG)).isTrue();
        assertThat(patience.shouldTake(RING, 100, 100 + StealPatience.BACKLOG)).as("on a first look too").isTrue();
    }

    @Test
    void anEmptyRingEndsTheWatchAndEachRingIsWatchedOnItsOwn() {
        StealPatience patience = new StealPatience(3);
        for (int look = 0; look < StealPatience.PATIENCE_LOOKS; look++) {
            assertThat(patience.shouldTake(RING, 5, 6)).isFalse();
        }
        assertThat(patience.shouldTake(2, 0, 1)).as("another ring's watch is its own").isFalse();
        assertThat(patience.shouldTake(RING, 6, 6)).as("empty").isFalse();
        assertThat(looksUntilTaken(patience, 6, 7)).as("a new watch").isEqualTo(StealPatience.PATIENCE_LOOKS + 1);
    }
}
