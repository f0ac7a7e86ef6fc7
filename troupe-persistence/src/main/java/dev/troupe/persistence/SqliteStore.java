package dev.troupe.persistence;

import dev.troupe.persistence.internal.JdbcParts;
import dev.troupe.persistence.internal.SqliteConnections;
import java.util.Objects;

/**
 * The embedded journal and snapshot store: one SQLite database file, no server.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.open(SqliteSettings.of(Path.of("data/troupe.db"), serializer))) {
 *     Behavior<Command> account = EventSourcedBehavior.create(id, store.journal(), ...)
 *             .withSnapshots(store.snapshotStore(), 100).behavior();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>How it works.</b> The file is opened in WAL mode with its tables created if missing (events with the
 * primary key (persistence id, sequence number), their tags, and snapshots). All writes go to one writer
 * thread that commits whatever is waiting in one transaction (group commit); a rejected or conflicting write
 * fails alone (the transaction is rolled back and run again without it); each commit is synced to disk before its writes are
 * acknowledged. Reads run on their own connections and threads. No call blocks its caller: an actor's thread
 * only serializes its events and enqueues them.
 *
 * <p><b>Threading.</b> {@link #open} and {@link #close} block (open creates the schema, close waits for queued
 * writes); call them from the application's start and end, not from an actor. The journal and snapshot store
 * may be used from any thread.
 *
 * <p><b>Failures.</b> {@link #open} throws {@link PersistenceFailureException} if the database cannot be opened.
 * After {@link #close}, every call's stage fails with {@link IllegalStateException}. One process should open a
 * file at a time: the single-writer check on sequence numbers spans all writers of one store, and SQLite's own
 * locking keeps two processes from corrupting the file.
 */
public final class SqliteStore extends JdbcStore {
    private SqliteStore(JdbcParts parts) {
        super(parts);
    }

    /** Opens (or creates) the database of {@code settings}. */
    public static SqliteStore open(SqliteSettings settings) {
        return new SqliteStore(SqliteConnections.open(Objects.requireNonNull(settings, "settings")));
    }
}
