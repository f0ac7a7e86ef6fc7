package dev.troupe.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store against the contract suites (entities, journal, snapshots, projections), each test on a fresh
 * file.
 */
class SqliteContractTest extends JdbcStoreContracts {
    @TempDir
    Path directory;

    @Override
    protected SqliteStore open(Serializer serializer) {
        // tag::sqlite[]
        SqliteSettings settings = SqliteSettings.of(directory.resolve("troupe.db"), serializer);
        SqliteStore store = SqliteStore.open(settings);
        // end::sqlite[]
        return store;
    }

    @Override
    protected Connection connect() throws SQLException {
        store(); // creates the tables
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("troupe.db"));
    }
}
