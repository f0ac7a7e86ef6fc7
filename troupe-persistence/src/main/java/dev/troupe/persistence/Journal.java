package dev.troupe.persistence;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where event-sourced actors store their events: an append-only log per {@link PersistenceId}. This is a
 * service provider interface; {@link #inMemory()} is one implementation, {@code SqliteStore} another, and
 * {@code JournalContract} (in the test sources) is the test suite every implementation must pass.
 *
 * <p><b>Threading.</b> Every method may be called from any thread, concurrently, and must not block the
 * caller: work happens elsewhere and the returned stage completes on a thread of the journal's choosing.
 * Callers must therefore not run long work in callbacks on the stage.
 *
 * <p><b>Ordering and memory consistency.</b> For one persistence id, a write whose stage completed
 * successfully happens-before every read (of events or of the highest sequence number) that is issued after
 * that completion, and those reads see its events.
 *
 * <p><b>Failures.</b> A stage completes exceptionally with
 * <ul>
 *   <li>{@link EventRejectedException} when a batch cannot be stored because of what is in it (for example an
 *       event that does not serialize): nothing of the batch was stored and the journal is healthy;</li>
 *   <li>{@link SequenceConflictException} when a batch's sequence numbers are taken (another writer got there
 *       first): nothing of the batch was stored;</li>
 *   <li>anything else when the journal failed: the outcome of a write is then unknown.</li>
 * </ul>
 * Methods throw {@link NullPointerException} or {@link IllegalArgumentException} for bad arguments at the call.
 */
public interface Journal {

    /** A new, empty journal held in memory: fast, for tests; its contents are lost with it. */
    static Journal inMemory() {
        return new dev.troupe.persistence.internal.InMemoryJournal();
    }

    /**
     * Appends {@code events}, all of one persistence id with consecutive sequence numbers, atomically: all are
     * stored or none. The first sequence number must be one more than the highest stored one, else the stage
     * fails with {@link SequenceConflictException} (a duplicate) or {@link IllegalArgumentException} (a gap).
     *
     * @throws IllegalArgumentException if {@code events} is empty, mixes persistence ids or its sequence
     *     numbers are not consecutive
     */
    CompletionStage<Void> write(List<PersistentEvent> events);

    /**
     * Up to {@code max} stored events of {@code id} with sequence numbers from {@code fromSequenceNr} on, in
     * order; fewer than {@code max} only when there are no more. Deleted events are not returned. A stored event
     * that an upcaster split ({@link Serializer#deserializeEvents}) is returned as its parts, in order, all with
     * its sequence number.
     *
     * @throws IllegalArgumentException if {@code fromSequenceNr} or {@code max} is not positive
     */
    CompletionStage<List<PersistentEvent>> read(PersistenceId id, long fromSequenceNr, int max);

    /**
     * Up to {@code max} stored events tagged {@code tag} whose offset is greater than {@code afterOffset}, in
     * offset order; fewer than {@code max} only when there are no more. A stored event that an upcaster split
     * counts once and is returned as all its parts, which share its offset. An event is returned once its write
     * has completed; one whose write completes later gets a greater offset than every event already returned,
     * so reading on from the last offset seen misses nothing. Deleted events are not returned. This is what {@link Projection}s read.
     *
     * @param afterOffset 0 for the first events
     * @throws IllegalArgumentException if {@code tag} is blank, {@code afterOffset} is negative or {@code max}
     *     is not positive
     */
    CompletionStage<List<EventEnvelope>> eventsByTag(String tag, long afterOffset, int max);

    /**
     * The highest sequence number ever written for {@code id}, also if those events were deleted since; 0 if
     * none was.
     */
    CompletionStage<Long> highestSequenceNr(PersistenceId id);

    /**
     * Deletes the events of {@code id} with sequence numbers up to and including {@code toSequenceNr}
     * (events not yet written are not affected). Deleting again, or beyond the highest, is no error.
     *
     * @throws IllegalArgumentException if {@code toSequenceNr} is negative
     */
    CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr);
}
