package dev.troupe.persistence.internal;

import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.SerializedPayload;
import dev.troupe.persistence.Serializer;
import dev.troupe.persistence.Snapshot;
import dev.troupe.persistence.SnapshotStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The snapshot store of a JDBC store (SQLite or PostgreSQL); states are serialized on the caller's thread. */
public final class JdbcSnapshotStore implements SnapshotStore {
    private final GroupCommitWriter writer;
    private final JdbcReaders readers;
    private final Serializer serializer;

    JdbcSnapshotStore(GroupCommitWriter writer, JdbcReaders readers, Serializer serializer) {
        this.writer = writer;
        this.readers = readers;
        this.serializer = serializer;
    }

    @Override
    public CompletionStage<Void> save(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        SerializedPayload payload;
        try {
            payload = serializer.serialize(snapshot.state());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer.submit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO snapshot_store "
                    + "(persistence_id, sequence_nr, type_name, type_version, payload, written_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET "
                    + "type_name = excluded.type_name, type_version = excluded.type_version, "
                    + "payload = excluded.payload, written_at = excluded.written_at")) {
                insert.setString(1, snapshot.persistenceId().value());
                insert.setLong(2, snapshot.sequenceNr());
                insert.setString(3, payload.typeName());
                insert.setInt(4, payload.version());
                insert.setBytes(5, payload.bytes());
                insert.setLong(6, System.currentTimeMillis());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Optional<Snapshot>> loadLatest(PersistenceId id) {
        Objects.requireNonNull(id, "id");
        return readers.submit(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT sequence_nr, type_name, type_version, "
                    + "payload FROM snapshot_store WHERE persistence_id = ? ORDER BY sequence_nr DESC LIMIT 1")) {
                query.setString(1, id.value());
                try (ResultSet result = query.executeQuery()) {
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    Object state = serializer.deserialize(new SerializedPayload(result.getString(2),
                            result.getInt(3), result.getBytes(4)));
                    return Optional.of(new Snapshot(id, result.getLong(1), state));
                }
            }
        });
    }

    @Override
    public CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr) {
        Batches.checkDelete(id, toSequenceNr);
        return writer.submit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM snapshot_store WHERE persistence_id = ? AND sequence_nr <= ?")) {
                delete.setString(1, id.value());
                delete.setLong(2, toSequenceNr);
                delete.executeUpdate();
            }
            return null;
        });
    }
}
