package dev.troupe.persistence;

import static dev.troupe.persistence.JournalContract.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.persistence.Shelf.Items;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SnapshotStore} must show; extend it with a factory for a fresh, empty store. */
abstract class SnapshotStoreContract {
    private static final PersistenceId A = PersistenceId.of("contract", "a");
    private static final PersistenceId B = PersistenceId.of("contract", "b");

    private SnapshotStore store;

    protected abstract SnapshotStore createStore() throws Exception;

    @BeforeEach
    void createTheStore() throws Exception {
        store = createStore();
    }

    private static Snapshot snapshot(PersistenceId id, long nr) {
        return new Snapshot(id, nr, new Items(List.of(id.value(), "at " + nr)));
    }

    @Test
    void theLatestSnapshotIsTheOneWithTheHighestSequenceNumber() {
        assertThat(await(store.loadLatest(A))).isEmpty();
        await(store.save(snapshot(A, 5)));
        await(store.save(snapshot(A, 9)));
        await(store.save(snapshot(A, 7)));
        await(store.save(snapshot(B, 100)));

        assertThat(await(store.loadLatest(A))).contains(snapshot(A, 9));
    }

    @Test
    void savingAgainAtTheSameSequenceNumberReplaces() {
        await(store.save(snapshot(A, 5)));
        Snapshot replacement = new Snapshot(A, 5, new Items(List.of("replaced")));
        await(store.save(replacement));

        assertThat(await(store.loadLatest(A))).contains(replacement);
    }

    @Test
    void deleteUpToRemovesOnlyThoseSnapshotsOfThatId() {
        await(store.save(snapshot(A, 3)));
        await(store.save(snapshot(A, 6)));
        await(store.save(snapshot(B, 3)));

        await(store.deleteUpTo(A, 6));
        assertThat(await(store.loadLatest(A))).isEmpty();
        assertThat(await(store.loadLatest(B))).contains(snapshot(B, 3));
        await(store.deleteUpTo(A, 6)); // again: no error
    }

    @Test
    void badArgumentsThrowAtTheCall() {
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.deleteUpTo(A, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.loadLatest(null)).isInstanceOf(NullPointerException.class);
    }
}
