package dev.troupe.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store against the contract suites (journal, snapshots, projections), each test on a fresh file. */
class SqliteContractTest extends JdbcStoreContracts {
    @TempDir
    Path directory;
    private SqliteStore store;

    @Override
    protected SqliteStore store() {
        if (store == null) {
            store = SqliteStore.open(SqliteSettings.of(file(), new TextSerializer()));
        }
        return store;
    }

    private Path file() {
        return directory.resolve("contract.db");
    }

    @AfterEach
    void closeTheStore() {
        store.close();
        store = null;
    }

    @Override
    protected Connection connect() throws SQLException {
        store();
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }
}
