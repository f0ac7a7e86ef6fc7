package dev.troupe.persistence.internal;

import dev.troupe.persistence.PersistentEvent;
import dev.troupe.persistence.Snapshot;
import java.util.List;

/**
 * What the stores answer an event-sourced actor, delivered to it through {@code pipeToSelf} next to its
 * commands. Each reply names the incarnation that asked, so that an answer arriving after a restart is ignored
 * by the new incarnation. Exactly one of the result and {@code failure} is set.
 */
sealed interface JournalReply {
    Object incarnation();

    record SnapshotLoaded(Object incarnation, Snapshot snapshot, Throwable failure) implements JournalReply {}

    record EventsRead(Object incarnation, List<PersistentEvent> events, Throwable failure) implements JournalReply {}

    record EventsWritten(Object incarnation, Throwable failure) implements JournalReply {}
}
