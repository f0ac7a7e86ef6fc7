package dev.troupe.persistence;

import java.util.concurrent.CompletionStage;

/**
 * Where {@link Projection}s keep their offsets: per projection id, the offset of the last event it processed.
 * A service provider interface with the threading rules of {@link Journal}: any thread, never blocking, stages
 * complete on the store's threads. {@link #inMemory()} is for tests; {@link SqliteStore#offsetStore()} and
 * {@link PostgresStore#offsetStore()} keep offsets in the table {@code projection_offset} of their database.
 *
 * <p><b>Memory consistency.</b> A save whose stage completed happens-before a load issued after that completion,
 * and the load sees it. <b>Failures</b>: a failed stage leaves the stored offset unknown (the old or the new);
 * bad arguments throw {@link NullPointerException} or {@link IllegalArgumentException} at the call.
 */
public interface OffsetStore {

    /** A new, empty offset store held in memory. */
    static OffsetStore inMemory() {
        return new dev.troupe.persistence.internal.InMemoryOffsetStore();
    }

    /** The stored offset of {@code projectionId}; 0 if none was saved. */
    CompletionStage<Long> load(String projectionId);

    /**
     * Stores {@code offset} for {@code projectionId}, replacing the previous one.
     *
     * @throws IllegalArgumentException if {@code projectionId} is blank or {@code offset} negative
     */
    CompletionStage<Void> save(String projectionId, long offset);
}
