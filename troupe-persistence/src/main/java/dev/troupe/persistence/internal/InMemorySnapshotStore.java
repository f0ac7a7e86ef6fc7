package dev.troupe.persistence.internal;

import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.Snapshot;
import dev.troupe.persistence.SnapshotStore;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Snapshots in a map, for tests; every call completes at once. */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final Map<PersistenceId, NavigableMap<Long, Snapshot>> snapshots = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Void> save(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        snapshots.computeIfAbsent(snapshot.persistenceId(), any -> new ConcurrentSkipListMap<>())
                .put(snapshot.sequenceNr(), snapshot);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<Snapshot>> loadLatest(PersistenceId id) {
        Objects.requireNonNull(id, "id");
        NavigableMap<Long, Snapshot> all = snapshots.get(id);
        var latest = all == null ? null : all.lastEntry();
        return CompletableFuture.completedFuture(Optional.ofNullable(latest).map(Map.Entry::getValue));
    }

    /** The sequence numbers of the snapshots held for {@code id}, ascending: for tests that check retention. */
    public List<Long> sequenceNrs(PersistenceId id) {
        NavigableMap<Long, Snapshot> all = snapshots.get(id);
        return all == null ? List.of() : List.copyOf(all.keySet());
    }

    @Override
    public CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr) {
        Batches.checkDelete(id, toSequenceNr);
        NavigableMap<Long, Snapshot> all = snapshots.get(id);
        if (all != null) {
            all.headMap(toSequenceNr, true).clear();
        }
        return CompletableFuture.completedFuture(null);
    }
}
