package dev.troupe.persistence;

import dev.troupe.persistence.internal.JdbcParts;

/**
 * What the database-backed stores, {@link SqliteStore} and {@link PostgresStore}, have in common: a journal, a
 * snapshot store and an offset store over one database, written by one thread with group commit. See each for
 * how it is opened and how it works.
 *
 * <p><b>Threading.</b> The stores it hands out may be used from any thread and never block the caller;
 * {@link #close} blocks until the queued writes are committed. After {@link #close}, every call's stage fails
 * with {@link IllegalStateException}.
 */
public abstract sealed class JdbcStore implements AutoCloseable permits SqliteStore, PostgresStore {
    private final JdbcParts parts;

    JdbcStore(JdbcParts parts) {
        this.parts = parts;
    }

    public final Journal journal() {
        return parts.journal();
    }

    public final SnapshotStore snapshotStore() {
        return parts.snapshotStore();
    }

    /** The offsets of projections, in this database: with a read model here too, projections are exactly-once. */
    public final JdbcOffsetStore offsetStore() {
        return parts.offsetStore();
    }

    /** Transactions committed so far: with {@link #writesCommitted()}, how well group commit groups. */
    public final long transactionsCommitted() {
        return parts.writer().transactions();
    }

    /** Writes (event batches, snapshot saves, deletions, offsets) run in committed transactions so far. */
    public final long writesCommitted() {
        return parts.writer().tasks();
    }

    /**
     * Commits the writes already queued, lets running reads finish, then closes the database connections.
     * Closing again does nothing.
     *
     * @throws PersistenceFailureException if closing the connections failed
     */
    @Override
    public final void close() {
        parts.close();
    }
}
