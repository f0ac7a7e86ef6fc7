package dev.troupe.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletionStage;

/**
 * The offset store of a {@link SqliteStore} or {@link PostgresStore}, which can also change a read model in the
 * same database in the transaction that saves the offset: both happen, or neither. That is what gives an
 * {@link Projection#exactlyOnce exactly-once} projection its effect.
 *
 * <p><b>Threading.</b> Like {@link OffsetStore}. The update runs on the store's writer thread, inside the write
 * transaction of its group: keep it short, it holds up the store's other writes, and it must not commit, roll
 * back or close the connection. If another write of the group fails, the transaction is rolled back and the
 * update runs again in the next one: it must have no effects outside the database.
 */
public sealed interface JdbcOffsetStore extends OffsetStore permits dev.troupe.persistence.internal.JdbcOffsets {

    /** Work on the store's connection, inside a transaction that the store commits. */
    @FunctionalInterface
    interface Update {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code update}, then stores {@code offset} for {@code projectionId}, in one transaction. If
     * {@code update} throws, nothing of it is kept, the offset is not changed and the stage fails with what it
     * threw.
     *
     * @throws IllegalArgumentException if {@code projectionId} is blank or {@code offset} negative
     */
    CompletionStage<Void> saveAfter(String projectionId, long offset, Update update);
}
