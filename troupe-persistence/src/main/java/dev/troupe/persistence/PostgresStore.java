package dev.troupe.persistence;

import dev.troupe.persistence.internal.JdbcParts;
import dev.troupe.persistence.internal.PostgresConnections;
import java.util.Objects;

/**
 * The production journal and snapshot store, on a PostgreSQL server (version 12 or newer). Needs
 * {@code org.postgresql:postgresql} and {@code com.zaxxer:HikariCP} beside {@code troupe-persistence}, which
 * declares both optional.
 *
 * <pre>{@code
 * PostgresSettings settings = PostgresSettings.of("jdbc:postgresql://db:5432/orders", "orders", password,
 *         serializer);
 * try (PostgresStore store = PostgresStore.open(settings)) {
 *     Behavior<Command> account = EventSourcedBehavior.create(id, store.journal(), ...)
 *             .withSnapshots(store.snapshotStore(), 100).behavior();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Schema.</b> The tables come from the migration script {@code db/postgres/V1__troupe_journal.sql},
 * shipped in this module's jar: a DBA applies it, or {@link PostgresSettings#withSchemaCreation} makes
 * {@link #open} apply it (it is idempotent). {@link #open} checks that the tables exist either way.
 *
 * <p><b>How it works.</b> Like {@link SqliteStore}: one writer thread commits whatever writes are waiting in
 * one transaction (group commit); a rejected or conflicting write fails alone (the transaction is rolled back
 * and run again without it);
 * the primary key (persistence id, sequence number) rejects a second writer of an entity, also one in another
 * process. Each group's transaction first takes a transaction-level advisory lock, so that the transactions of
 * all processes writing to the database commit one after another and event offsets become visible in
 * increasing order (which is what lets a projection read on from the last offset it saw without missing one).
 * Reads run on their own threads with connections from a HikariCP pool, which also replaces connections the
 * server dropped. No call blocks its caller.
 *
 * <p><b>Threading.</b> {@link #open} and {@link #close} block (open connects, close waits for queued writes);
 * call them from the application's start and end, not from an actor. The journal and snapshot store may be
 * used from any thread.
 *
 * <p><b>Failures.</b> {@link #open} throws {@link PersistenceFailureException} if the server cannot be reached,
 * the schema is missing or a needed library is not on the class path. While the server is down, writes and
 * reads fail (after the pool's connection time-out of 30 seconds); event-sourced actors then fail with
 * {@link PersistenceFailureException}, and supervised with back-off they recover once it is back. After
 * {@link #close}, every call's stage fails with {@link IllegalStateException}.
 */
public final class PostgresStore extends JdbcStore {
    private PostgresStore(JdbcParts parts) {
        super(parts);
    }

    /** Connects to the server of {@code settings}, applying the schema first if the settings say so. */
    public static PostgresStore open(PostgresSettings settings) {
        return new PostgresStore(PostgresConnections.open(Objects.requireNonNull(settings, "settings")));
    }
}
