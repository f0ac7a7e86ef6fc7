package dev.troupe.persistence.internal;

import dev.troupe.persistence.EventEnvelope;
import dev.troupe.persistence.EventRejectedException;
import dev.troupe.persistence.Journal;
import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.PersistentEvent;
import dev.troupe.persistence.SequenceConflictException;
import dev.troupe.persistence.SerializedPayload;
import dev.troupe.persistence.Serializer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The journal of a JDBC store (SQLite or PostgreSQL: the SQL is the same, see the schemas). Events are
 * serialized on the caller's thread (so a serialization error is a rejection of that batch alone, before
 * anything is queued); writes go through the store's single writer and its group commit, which runs the event
 * writes of a group as one statement batch, and reads go to its reader threads. The database numbers each stored event (its offset, the ordering column) in commit order.
 */
public final class JdbcJournal implements Journal {
    /** Separates tags in the event row; tags may not contain control characters, so it cannot clash. */
    static final String TAG_SEPARATOR = "\u001f";

    /** The highest sequence number of an id (two parameters, both the id), deleted events included. */
    private static final String HIGHEST = "SELECT coalesce(max(n), 0) FROM ("
            + "SELECT max(sequence_nr) AS n FROM event_journal WHERE persistence_id = ? "
            + "UNION ALL SELECT deleted_to FROM journal_metadata WHERE persistence_id = ?) AS known";

    private final GroupCommitWriter writer;
    private final JdbcReaders readers;
    private final Serializer serializer;
    private final JdbcDialect dialect;

    JdbcJournal(GroupCommitWriter writer, JdbcReaders readers, Serializer serializer, JdbcDialect dialect) {
        this.writer = writer;
        this.readers = readers;
        this.serializer = serializer;
        this.dialect = dialect;
    }

    private record Row(PersistentEvent event, SerializedPayload payload) {}

    @Override
    public CompletionStage<Void> write(List<PersistentEvent> events) {
        PersistenceId id = Batches.checkBatch(events);
        List<Row> rows = new ArrayList<>(events.size());
        for (PersistentEvent event : events) {
            try {
                rows.add(new Row(event, serializer.serialize(event.event())));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new EventRejectedException("Event " + event.sequenceNr()
                        + " of " + id + " (" + event.event().getClass().getName() + ") cannot be serialized: "
                        + e.getMessage(), e));
            }
        }
        return writer.submit(new EventWrite(id, rows));
    }

    /**
     * One write of events: run together with the other writes of its group by {@link #batcher} (one round trip
     * for all), or alone when a group is run one task at a time.
     */
    private final class EventWrite implements BatchedWork {
        private final PersistenceId id;
        private final List<Row> rows;

        EventWrite(PersistenceId id, List<Row> rows) {
            this.id = id;
            this.rows = rows;
        }

        @Override
        public Batcher batcher() {
            return batcher;
        }

        @Override
        public Void run(Connection connection) throws SQLException {
            Failed failed;
            try {
                failed = insert(connection, List.of(this));
            } catch (SQLException e) {
                if (dialect.isDuplicateKey().test(e)) {
                    throw new SequenceConflictException("Sequence numbers from " + rows.getFirst().event().sequenceNr()
                            + " of " + id + " are taken: " + e.getMessage());
                }
                throw e;
            }
            if (failed.index() >= 0) {
                throw failed.failure();
            }
            return null;
        }
    }

    private final BatchedWork.Batcher batcher = (connection, works) -> insert(connection, works);

    /**
     * Inserts one event if its sequence number is one past the highest of its id (parameters: the seven
     * columns, the sequence number again, the id twice). So one round trip per batch both checks and stores,
     * where a query for the highest number first would add a second round trip to every write.
     */
    private static final String INSERT_NEXT = "INSERT INTO event_journal (persistence_id, sequence_nr, type_name, "
            + "type_version, payload, tags, written_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE ? = 1 + (" + HIGHEST + ")";

    /**
     * The writer's statements, prepared once per connection: only the writer thread touches them (confined, so
     * unguarded), and they close with their connection. SQLite's writer keeps one connection, so they are
     * prepared once; a pool's connection handle is new per group, and the driver caches the preparation.
     */
    private record WriterStatements(Connection connection, PreparedStatement event, PreparedStatement tag) {}

    private WriterStatements writerStatements;

    private WriterStatements writerStatements(Connection connection) throws SQLException {
        if (writerStatements == null || writerStatements.connection() != connection) {
            writerStatements = new WriterStatements(connection, connection.prepareStatement(INSERT_NEXT),
                    connection.prepareStatement("INSERT INTO event_tag (tag, ordering, persistence_id, sequence_nr) "
                            + "SELECT ?, ordering, persistence_id, sequence_nr FROM event_journal "
                            + "WHERE persistence_id = ? AND sequence_nr = ?"));
        }
        return writerStatements;
    }

    /**
     * Inserts the events of {@code writes} (all {@link EventWrite}s) in one batch, and their tags in a second one.
     * A write whose first event is not next to its stored events fails alone; the writer rolls back the rows
     * inserted meanwhile with the transaction.
     */
    private BatchedWork.Failed insert(Connection connection, List<? extends BatchedWork> writes) throws SQLException {
        WriterStatements statements = writerStatements(connection);
        long now = System.currentTimeMillis();
        PreparedStatement event = statements.event();
        PreparedStatement tag = statements.tag();
        boolean tagged = false;
        int[] inserted;
        try {
            for (BatchedWork work : writes) {
                EventWrite write = (EventWrite) work;
                for (Row row : write.rows) {
                    event.setString(1, write.id.value());
                    event.setLong(2, row.event().sequenceNr());
                    event.setString(3, row.payload().typeName());
                    event.setInt(4, row.payload().version());
                    event.setBytes(5, row.payload().bytes());
                    event.setString(6, String.join(TAG_SEPARATOR, row.event().tags()));
                    event.setLong(7, now);
                    event.setLong(8, row.event().sequenceNr());
                    event.setString(9, write.id.value());
                    event.setString(10, write.id.value());
                    event.addBatch();
                    for (String name : row.event().tags()) {
                        tag.setString(1, name);
                        tag.setString(2, write.id.value());
                        tag.setLong(3, row.event().sequenceNr());
                        tag.addBatch();
                        tagged = true;
                    }
                }
            }
            inserted = event.executeBatch();
        } catch (SQLException e) {
            event.clearBatch();
            tag.clearBatch();
            throw e;
        }
        int row = 0;
        for (int index = 0; index < writes.size(); index++) {
            EventWrite write = (EventWrite) writes.get(index);
            for (Row written : write.rows) {
                if (inserted[row++] == 0) {
                    tag.clearBatch();
                    return new BatchedWork.Failed(index, Batches.misplaced(write.id, written.event().sequenceNr(),
                            highest(connection, write.id)));
                }
            }
        }
        if (tagged) {
            try {
                tag.executeBatch();
            } catch (SQLException e) {
                tag.clearBatch();
                throw e;
            }
        }
        return BatchedWork.Failed.NONE;
    }

    static long highest(Connection connection, PersistenceId id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(HIGHEST)) {
            return highest(query, id);
        }
    }

    private static long highest(PreparedStatement query, PersistenceId id) throws SQLException {
        query.setString(1, id.value());
        query.setString(2, id.value());
        try (ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    public CompletionStage<List<PersistentEvent>> read(PersistenceId id, long fromSequenceNr, int max) {
        Batches.checkRead(id, fromSequenceNr, max);
        return readers.submit(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT sequence_nr, type_name, type_version, "
                    + "payload, tags FROM event_journal WHERE persistence_id = ? AND sequence_nr >= ? "
                    + "ORDER BY sequence_nr LIMIT ?")) {
                query.setString(1, id.value());
                query.setLong(2, fromSequenceNr);
                query.setInt(3, max);
                List<PersistentEvent> events = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        events.addAll(decode(id, result.getLong(1), result, 2));
                    }
                }
                return List.copyOf(events);
            }
        });
    }

    /** The event(s) of one row: type name, version, payload and tags in the columns from {@code column} on. */
    private List<PersistentEvent> decode(PersistenceId id, long sequenceNr, ResultSet row, int column)
            throws SQLException {
        String tags = row.getString(column + 3);
        Set<String> tagSet = tags.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(tags.split(TAG_SEPARATOR)));
        List<PersistentEvent> events = new ArrayList<>(1);
        for (Object event : serializer.deserializeEvents(new SerializedPayload(row.getString(column),
                row.getInt(column + 1), row.getBytes(column + 2)))) {
            events.add(new PersistentEvent(id, sequenceNr, event, tagSet));
        }
        return events;
    }

    @Override
    public CompletionStage<List<EventEnvelope>> eventsByTag(String tag, long afterOffset, int max) {
        Batches.checkTagQuery(tag, afterOffset, max);
        return readers.submit(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT t.ordering, t.persistence_id, "
                    + "t.sequence_nr, j.type_name, j.type_version, j.payload, j.tags FROM event_tag t "
                    + "JOIN event_journal j ON j.ordering = t.ordering "
                    + "WHERE t.tag = ? AND t.ordering > ? ORDER BY t.ordering LIMIT ?")) {
                query.setString(1, tag);
                query.setLong(2, afterOffset);
                query.setInt(3, max);
                List<EventEnvelope> envelopes = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        long offset = result.getLong(1);
                        for (PersistentEvent event : decode(PersistenceId.of(result.getString(2)), result.getLong(3),
                                result, 4)) {
                            envelopes.add(new EventEnvelope(offset, event));
                        }
                    }
                }
                return List.copyOf(envelopes);
            }
        });
    }

    @Override
    public CompletionStage<Long> highestSequenceNr(PersistenceId id) {
        Objects.requireNonNull(id, "id");
        return readers.submit(connection -> highest(connection, id));
    }

    @Override
    public CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr) {
        Batches.checkDelete(id, toSequenceNr);
        return writer.submit(connection -> {
            long upTo = Math.min(toSequenceNr, highest(connection, id));
            for (String table : List.of("event_tag", "event_journal")) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE persistence_id = ? AND sequence_nr <= ?")) {
                    delete.setString(1, id.value());
                    delete.setLong(2, upTo);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement mark = connection.prepareStatement("INSERT INTO journal_metadata (persistence_id, "
                    + "deleted_to) VALUES (?, ?) ON CONFLICT (persistence_id) DO UPDATE SET deleted_to = "
                    + "excluded.deleted_to WHERE journal_metadata.deleted_to < excluded.deleted_to")) {
                mark.setString(1, id.value());
                mark.setLong(2, upTo);
                mark.executeUpdate();
            }
            return null;
        });
    }
}
