package dev.troupe.persistence;

class InMemorySnapshotStoreTest extends SnapshotStoreContract {
    @Override
    protected SnapshotStore createStore() {
        return SnapshotStore.inMemory();
    }
}
