package dev.troupe.persistence.internal;

import dev.troupe.persistence.PersistenceFailureException;
import dev.troupe.persistence.Serializer;
import java.sql.SQLException;

/**
 * What an open JDBC store is made of: one writer with group commit, the reader threads, and the journal,
 * snapshot store and offset store over them.
 */
public record JdbcParts(GroupCommitWriter writer, JdbcReaders readers, ConnectionSource writes,
                        ConnectionSource reads, JdbcJournal journal, JdbcSnapshotStore snapshotStore,
                        JdbcOffsets offsetStore, JdbcDialect dialect) {

    static JdbcParts start(ConnectionSource writes, ConnectionSource reads, int readThreads, int maxGroupSize,
                           Serializer serializer, JdbcDialect dialect, String threadName) {
        GroupCommitWriter writer = new GroupCommitWriter(writes, maxGroupSize, threadName + "-writer",
                dialect.beginGroup(), dialect.storeName());
        JdbcReaders readers = new JdbcReaders(reads, readThreads, threadName + "-reader", dialect.storeName());
        return new JdbcParts(writer, readers, writes, reads, new JdbcJournal(writer, readers, serializer, dialect),
                new JdbcSnapshotStore(writer, readers, serializer), new JdbcOffsets(writer, readers), dialect);
    }

    /** Commits the writes already queued, lets running reads finish, then closes the connections. */
    public void close() {
        writer.close();
        readers.close();
        try {
            writes.close();
            if (reads != writes) {
                reads.close();
            }
        } catch (SQLException e) {
            throw new PersistenceFailureException("Closing the " + dialect.storeName() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
