package dev.troupe.persistence;

/** At-least-once projections over the in-memory journal and offset store. */
class InMemoryProjectionTest extends ProjectionContract {
    private final Journal journal = Journal.inMemory();
    private final OffsetStore offsets = OffsetStore.inMemory();

    @Override
    protected Journal journal() {
        return journal;
    }

    @Override
    protected OffsetStore offsetStore() {
        return offsets;
    }
}
