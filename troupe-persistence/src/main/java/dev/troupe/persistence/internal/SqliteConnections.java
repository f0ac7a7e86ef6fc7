package dev.troupe.persistence.internal;

import dev.troupe.persistence.PersistenceFailureException;
import dev.troupe.persistence.SqliteSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteErrorCode;

/** Opens the connections of a SQLite store: the writer's (which creates the schema) and the readers'. */
public final class SqliteConnections {
    private SqliteConnections() {}

    static final JdbcDialect DIALECT = new JdbcDialect("SQLite store",
            e -> e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code, connection -> null);

    /** The writer and readers of the database in {@code settings}, schema created. Blocks while it opens. */
    public static JdbcParts open(SqliteSettings settings) {
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
            return JdbcParts.start(ConnectionSource.fixed(opened.subList(0, 1)),
                    ConnectionSource.fixed(opened.subList(1, opened.size())), settings.readConnections(),
                    settings.maxGroupSize(), settings.serializer(), DIALECT, name);
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
}
