package dev.troupe.persistence.internal;

import dev.troupe.persistence.JdbcOffsetStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** The offset store of a JDBC store: the table projection_offset, written through the store's writer. */
public final class JdbcOffsets implements JdbcOffsetStore {
    private final GroupCommitWriter writer;
    private final JdbcReaders readers;

    JdbcOffsets(GroupCommitWriter writer, JdbcReaders readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public CompletionStage<Long> load(String projectionId) {
        Batches.checkOffset(projectionId, 0);
        return readers.submit(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT last_offset FROM projection_offset WHERE projection_id = ?")) {
                query.setString(1, projectionId);
                try (ResultSet result = query.executeQuery()) {
                    return result.next() ? result.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public CompletionStage<Void> save(String projectionId, long offset) {
        return saveAfter(projectionId, offset, connection -> {});
    }

    @Override
    public CompletionStage<Void> saveAfter(String projectionId, long offset, Update update) {
        Batches.checkOffset(projectionId, offset);
        Objects.requireNonNull(update, "update");
        return writer.submit(connection -> {
            update.run(connection);
            store(connection, projectionId, offset);
            return null;
        });
    }

    private static void store(Connection connection, String projectionId, long offset) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO projection_offset (projection_id, "
                + "last_offset, written_at) VALUES (?, ?, ?) ON CONFLICT (projection_id) DO UPDATE SET "
                + "last_offset = excluded.last_offset, written_at = excluded.written_at")) {
            upsert.setString(1, projectionId);
            upsert.setLong(2, offset);
            upsert.setLong(3, System.currentTimeMillis());
            upsert.executeUpdate();
        }
    }
}
