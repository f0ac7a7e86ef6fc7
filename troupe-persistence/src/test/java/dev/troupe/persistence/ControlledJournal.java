package dev.troupe.persistence;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * An in-memory journal the test steers: reads and writes can be held back until released, writes can be made
 * to fail or be rejected, and the sequence numbers reads start from are recorded.
 */
final class ControlledJournal implements Journal {
    private final Journal store = Journal.inMemory();
    private final Queue<Long> readsFrom = new ConcurrentLinkedQueue<>();
    private volatile CompletableFuture<Void> readGate = CompletableFuture.completedFuture(null);
    private volatile CompletableFuture<Void> writeGate = CompletableFuture.completedFuture(null);
    private volatile Function<List<PersistentEvent>, RuntimeException> writeFault = batch -> null;

    /** Holds reads back until the returned future is completed. */
    CompletableFuture<Void> holdReads() {
        readGate = new CompletableFuture<>();
        return readGate;
    }

    /** Holds writes back until the returned future is completed. */
    CompletableFuture<Void> holdWrites() {
        writeGate = new CompletableFuture<>();
        return writeGate;
    }

    /** Fails each write for which {@code fault} returns an exception, without storing it. */
    void failWrites(Function<List<PersistentEvent>, RuntimeException> fault) {
        writeFault = fault;
    }

    List<Long> readsFrom() {
        return List.copyOf(readsFrom);
    }

    /** Everything stored for {@code id}, read synchronously (tests only). */
    List<PersistentEvent> events(PersistenceId id) {
        return store.read(id, 1, Integer.MAX_VALUE).toCompletableFuture().join();
    }

    @Override
    public CompletionStage<Void> write(List<PersistentEvent> events) {
        return writeGate.thenCompose(open -> {
            RuntimeException fault = writeFault.apply(events);
            return fault == null ? store.write(events) : CompletableFuture.failedFuture(fault);
        });
    }

    @Override
    public CompletionStage<List<PersistentEvent>> read(PersistenceId id, long fromSequenceNr, int max) {
        readsFrom.add(fromSequenceNr);
        return readGate.thenCompose(open -> store.read(id, fromSequenceNr, max));
    }

    @Override
    public CompletionStage<List<EventEnvelope>> eventsByTag(String tag, long afterOffset, int max) {
        return store.eventsByTag(tag, afterOffset, max);
    }

    @Override
    public CompletionStage<Long> highestSequenceNr(PersistenceId id) {
        return store.highestSequenceNr(id);
    }

    @Override
    public CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr) {
        return store.deleteUpTo(id, toSequenceNr);
    }
}
