package dev.troupe.persistence;

import java.util.Objects;

/**
 * An event as a query by tag returns it: with its offset, the position of the stored event in the journal's
 * global order. Offsets grow in the order the events became visible, so a reader that remembers the last offset
 * it processed and asks for the events after it misses none; they need not be consecutive (a rejected write
 * leaves a hole). The parts of a stored event that an upcaster split share its offset.
 *
 * @param offset the event's position in the journal, from 1
 * @param event the event with its persistence id, sequence number and tags
 */
public record EventEnvelope(long offset, PersistentEvent event) {
    /** @throws IllegalArgumentException if {@code offset} is not positive */
    public EventEnvelope {
        Objects.requireNonNull(event, "event");
        if (offset < 1) {
            throw new IllegalArgumentException("Offsets start at 1, was " + offset + " for event "
                    + event.sequenceNr() + " of " + event.persistenceId());
        }
    }
}
