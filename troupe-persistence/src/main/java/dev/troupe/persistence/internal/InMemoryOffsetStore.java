package dev.troupe.persistence.internal;

import dev.troupe.persistence.OffsetStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Offsets in a map, for tests; every call completes at once. */
public final class InMemoryOffsetStore implements OffsetStore {
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Long> load(String projectionId) {
        Batches.checkOffset(projectionId, 0);
        return CompletableFuture.completedFuture(offsets.getOrDefault(projectionId, 0L));
    }

    @Override
    public CompletionStage<Void> save(String projectionId, long offset) {
        Batches.checkOffset(projectionId, offset);
        offsets.put(projectionId, offset);
        return CompletableFuture.completedFuture(null);
    }
}
