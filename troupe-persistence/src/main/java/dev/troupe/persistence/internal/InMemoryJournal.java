package dev.troupe.persistence.internal;

import dev.troupe.persistence.Journal;
import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.PersistentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journal in a map, for tests. Each log is guarded by its own lock, held for a map operation only, so calls
 * return at once with a completed stage.
 */
public final class InMemoryJournal implements Journal {
    private final Map<PersistenceId, Log> logs = new ConcurrentHashMap<>();

    private static final class Log {
        final NavigableMap<Long, PersistentEvent> events = new TreeMap<>();
        long highest;
    }

    @Override
    public CompletionStage<Void> write(List<PersistentEvent> events) {
        PersistenceId id = Batches.checkBatch(events);
        Log log = logs.computeIfAbsent(id, any -> new Log());
        synchronized (log) {
            long first = events.getFirst().sequenceNr();
            if (first != log.highest + 1) {
                return CompletableFuture.failedFuture(Batches.misplaced(id, first, log.highest));
            }
            for (PersistentEvent event : events) {
                log.events.put(event.sequenceNr(), event);
            }
            log.highest = events.getLast().sequenceNr();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<List<PersistentEvent>> read(PersistenceId id, long fromSequenceNr, int max) {
        Batches.checkRead(id, fromSequenceNr, max);
        Log log = logs.get(id);
        if (log == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<PersistentEvent> page = new ArrayList<>();
        synchronized (log) {
            for (PersistentEvent event : log.events.tailMap(fromSequenceNr, true).values()) {
                if (page.size() == max) {
                    break;
                }
                page.add(event);
            }
        }
        return CompletableFuture.completedFuture(List.copyOf(page));
    }

    @Override
    public CompletionStage<Long> highestSequenceNr(PersistenceId id) {
        Objects.requireNonNull(id, "id");
        Log log = logs.get(id);
        if (log == null) {
            return CompletableFuture.completedFuture(0L);
        }
        synchronized (log) {
            return CompletableFuture.completedFuture(log.highest);
        }
    }

    @Override
    public CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr) {
        Batches.checkDelete(id, toSequenceNr);
        Log log = logs.get(id);
        if (log != null) {
            synchronized (log) {
                log.events.headMap(toSequenceNr, true).clear();
            }
        }
        return CompletableFuture.completedFuture(null);
    }
}
