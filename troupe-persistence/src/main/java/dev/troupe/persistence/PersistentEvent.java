package dev.troupe.persistence;

import java.util.Objects;
import java.util.Set;

/**
 * One event as a journal stores it: under its persistence id, at its sequence number, with its tags.
 * Immutable (the tags are copied); the event itself should be immutable too, since an in-memory journal
 * hands the same instance back on replay.
 *
 * @param persistenceId the entity the event belongs to
 * @param sequenceNr its position in the entity's log, from 1, without gaps (the parts of a stored event that an
 *     upcaster split share its number)
 * @param event the event, never null
 * @param tags labels for later queries by tag (projections); empty if none
 */
public record PersistentEvent(PersistenceId persistenceId, long sequenceNr, Object event, Set<String> tags) {
    /**
     * @throws IllegalArgumentException if {@code sequenceNr} is not positive, or a tag is blank or contains a
     *     control character
     */
    public PersistentEvent {
        Objects.requireNonNull(persistenceId, "persistenceId");
        Objects.requireNonNull(event, "event");
        tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
        if (sequenceNr < 1) {
            throw new IllegalArgumentException("Sequence numbers start at 1, was " + sequenceNr + " for "
                    + persistenceId);
        }
        for (String tag : tags) {
            if (tag.isBlank() || tag.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("A tag must not be blank or contain control characters, was \""
                        + tag.replaceAll("\\p{Cntrl}", "?") + "\" (event " + sequenceNr + " of " + persistenceId + ")");
            }
        }
    }
}
