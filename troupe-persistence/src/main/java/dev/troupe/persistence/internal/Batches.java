package dev.troupe.persistence.internal;

import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.PersistentEvent;
import java.util.List;
import java.util.Objects;

/** Argument checks every journal makes, so that all of them reject bad input alike. */
public final class Batches {
    private Batches() {}

    /**
     * The persistence id of {@code events}.
     *
     * @throws IllegalArgumentException if {@code events} is empty, mixes persistence ids or its sequence numbers
     *     are not consecutive
     */
    public static PersistenceId checkBatch(List<PersistentEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("A batch to write must hold at least one event");
        }
        PersistenceId id = events.getFirst().persistenceId();
        long expected = events.getFirst().sequenceNr();
        for (PersistentEvent event : events) {
            if (!event.persistenceId().equals(id)) {
                throw new IllegalArgumentException("A batch belongs to one persistence id; it mixes " + id + " and "
                        + event.persistenceId());
            }
            if (event.sequenceNr() != expected) {
                throw new IllegalArgumentException("The sequence numbers of a batch of " + id + " must be "
                        + "consecutive; expected " + expected + ", was " + event.sequenceNr());
            }
            expected++;
        }
        return id;
    }

    /** @throws IllegalArgumentException if {@code from} or {@code max} is not positive */
    public static void checkRead(PersistenceId id, long from, int max) {
        Objects.requireNonNull(id, "id");
        if (from < 1 || max < 1) {
            throw new IllegalArgumentException("Reading events of " + id + " needs from >= 1 and max >= 1, was from "
                    + from + ", max " + max);
        }
    }

    /** @throws IllegalArgumentException if {@code toSequenceNr} is negative */
    public static void checkDelete(PersistenceId id, long toSequenceNr) {
        Objects.requireNonNull(id, "id");
        if (toSequenceNr < 0) {
            throw new IllegalArgumentException("Deleting up to a negative sequence number (" + toSequenceNr
                    + ") of " + id);
        }
    }

    /**
     * @throws IllegalArgumentException if {@code tag} is blank, {@code afterOffset} negative or {@code max} not
     *     positive
     */
    public static void checkTagQuery(String tag, long afterOffset, int max) {
        Objects.requireNonNull(tag, "tag");
        if (tag.isBlank() || afterOffset < 0 || max < 1) {
            throw new IllegalArgumentException("Querying events by tag needs a tag that is not blank, an offset >= 0 "
                    + "and max >= 1, was \"" + tag + "\", " + afterOffset + ", " + max);
        }
    }

    /** @throws IllegalArgumentException if {@code projectionId} is blank or {@code offset} negative */
    public static void checkOffset(String projectionId, long offset) {
        Objects.requireNonNull(projectionId, "projectionId");
        if (projectionId.isBlank() || offset < 0) {
            throw new IllegalArgumentException("An offset needs a projection id that is not blank and a value >= 0, "
                    + "was \"" + projectionId + "\" and " + offset);
        }
    }

    /** The error for a batch whose first sequence number is not one past {@code highest}. */
    public static RuntimeException misplaced(PersistenceId id, long first, long highest) {
        if (first <= highest) {
            return new dev.troupe.persistence.SequenceConflictException("Sequence number " + first + " of " + id
                    + " is taken (the highest stored is " + highest + "): another writer persisted first");
        }
        return new IllegalArgumentException("A batch of " + id + " starting at " + first + " would leave a gap "
                + "after the highest stored sequence number " + highest);
    }
}
