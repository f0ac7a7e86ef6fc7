package dev.troupe.persistence.internal;

import dev.troupe.persistence.EventEnvelope;
import dev.troupe.persistence.Journal;
import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.PersistentEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A journal in maps, for tests. One lock guards everything, held for a map operation only, so calls return at
 * once with a completed stage; the single lock is what makes offsets grow in the order writes become visible.
 */
public final class InMemoryJournal implements Journal {
    private final Map<PersistenceId, Log> logs = new HashMap<>(); // guarded by this
    private final NavigableMap<Long, PersistentEvent> byOffset = new TreeMap<>(); // guarded by this
    private long lastOffset; // guarded by this

    private static final class Log {
        final NavigableMap<Long, Long> offsets = new TreeMap<>(); // sequence number -> offset
        long highest;
    }

    @Override
    public CompletionStage<Void> write(List<PersistentEvent> events) {
        PersistenceId id = Batches.checkBatch(events);
        synchronized (this) {
            Log log = logs.computeIfAbsent(id, any -> new Log());
            long first = events.getFirst().sequenceNr();
            if (first != log.highest + 1) {
                return CompletableFuture.failedFuture(Batches.misplaced(id, first, log.highest));
            }
            for (PersistentEvent event : events) {
                byOffset.put(++lastOffset, event);
                log.offsets.put(event.sequenceNr(), lastOffset);
            }
            log.highest = events.getLast().sequenceNr();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<List<PersistentEvent>> read(PersistenceId id, long fromSequenceNr, int max) {
        Batches.checkRead(id, fromSequenceNr, max);
        Log log = logs.get(id);
        if (log == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<PersistentEvent> page = new ArrayList<>();
        for (long offset : log.offsets.tailMap(fromSequenceNr, true).values()) {
            if (page.size() == max) {
                break;
            }
            page.add(byOffset.get(offset));
        }
        return CompletableFuture.completedFuture(List.copyOf(page));
    }

    @Override
    public synchronized CompletionStage<List<EventEnvelope>> eventsByTag(String tag, long afterOffset, int max) {
        Batches.checkTagQuery(tag, afterOffset, max);
        List<EventEnvelope> page = new ArrayList<>();
        for (Map.Entry<Long, PersistentEvent> entry : byOffset.tailMap(afterOffset, false).entrySet()) {
            if (page.size() == max) {
                break;
            }
            if (entry.getValue().tags().contains(tag)) {
                page.add(new EventEnvelope(entry.getKey(), entry.getValue()));
            }
        }
        return CompletableFuture.completedFuture(List.copyOf(page));
    }

    @Override
    public synchronized CompletionStage<Long> highestSequenceNr(PersistenceId id) {
        Objects.requireNonNull(id, "id");
        Log log = logs.get(id);
        return CompletableFuture.completedFuture(log == null ? 0L : log.highest);
    }

    @Override
    public synchronized CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr) {
        Batches.checkDelete(id, toSequenceNr);
        Log log = logs.get(id);
        if (log != null) {
            NavigableMap<Long, Long> deleted = log.offsets.headMap(toSequenceNr, true);
            deleted.values().forEach(byOffset::remove);
            deleted.clear();
        }
        return CompletableFuture.completedFuture(null);
    }
}
