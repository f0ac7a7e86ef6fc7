package dev.troupe.persistence.internal;

import dev.troupe.persistence.PersistenceFailureException;
import dev.troupe.persistence.SqliteSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Opens the connections of a SQLite store: the writer's (which creates the schema) and the readers'. */
public final class SqliteConnections {
    private SqliteConnections() {}

    /** The writer and readers of the database in {@code settings}, schema created. Blocks while it opens. */
    public static SqliteParts open(SqliteSettings settings) {
        String url = "jdbc:sqlite:" + settings.file().toAbsolutePath();
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writing = DriverManager.getConnection(url);
            opened.add(writing);
            SqliteSchema.configure(writing);
            SqliteSchema.create(writing);
            for (int i = 0; i < settings.readConnections(); i++) {
                Connection reading = DriverManager.getConnection(url);
                opened.add(reading);
                SqliteSchema.configure(reading);
            }
            String name = "troupe-sqlite-" + settings.file().getFileName();
            SqliteWriter writer = new SqliteWriter(writing, settings.maxGroupSize(), name + "-writer");
            SqliteReaders readers = new SqliteReaders(opened.subList(1, opened.size()), name + "-reader");
            return new SqliteParts(writer, readers,
                    new SqliteJournal(writer, readers, settings.serializer()),
                    new SqliteSnapshotStore(writer, readers, settings.serializer()));
        } catch (SQLException e) {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new PersistenceFailureException("Could not open the SQLite store " + settings.file() + ": "
                    + e.getMessage(), e);
        }
    }

    /** What an open store is made of. */
    public record SqliteParts(SqliteWriter writer, SqliteReaders readers, SqliteJournal journal,
                              SqliteSnapshotStore snapshotStore) {}
}
