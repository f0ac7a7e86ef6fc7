package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of a SQLite store, created on open if missing; the same tables and columns as the PostgreSQL
 * migration script (db/postgres/V1__troupe_journal.sql), so that both stores share their SQL.
 */
final class SqliteSchema {
    private SqliteSchema() {}

    private static final String[] STATEMENTS = {
        // The ordering (the event's offset) is the rowid: AUTOINCREMENT never reuses one, not even after the
        // newest events were deleted. In SQLite a composite primary key is a unique index beside the rowid, so
        // the unique constraint on (persistence_id, sequence_nr) is that primary key, under another name.
        """
        CREATE TABLE IF NOT EXISTS event_journal (
          ordering INTEGER PRIMARY KEY AUTOINCREMENT,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          type_name TEXT NOT NULL,
          type_version INTEGER NOT NULL,
          payload BLOB NOT NULL,
          tags TEXT NOT NULL,
          written_at INTEGER NOT NULL,
          UNIQUE (persistence_id, sequence_nr))""",
        // One row per tag of an event, for queries by tag (projections) in offset order.
        """
        CREATE TABLE IF NOT EXISTS event_tag (
          tag TEXT NOT NULL,
          ordering INTEGER NOT NULL,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          PRIMARY KEY (tag, ordering))""",
        "CREATE INDEX IF NOT EXISTS event_tag_event ON event_tag (persistence_id, sequence_nr)",
        // The highest deleted sequence number: keeps the highest known after its events were deleted.
        """
        CREATE TABLE IF NOT EXISTS journal_metadata (
          persistence_id TEXT PRIMARY KEY,
          deleted_to INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS snapshot_store (
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          type_name TEXT NOT NULL,
          type_version INTEGER NOT NULL,
          payload BLOB NOT NULL,
          written_at INTEGER NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr))""",
        // Where each projection has got to.
        """
        CREATE TABLE IF NOT EXISTS projection_offset (
          projection_id TEXT PRIMARY KEY,
          last_offset INTEGER NOT NULL,
          written_at INTEGER NOT NULL)"""
    };

    /** WAL mode (readers do not wait for the writer), a durable commit, and the tables. */
    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
            try (ResultSet columns = statement.executeQuery(
                    "SELECT count(*) FROM pragma_table_info('event_journal') WHERE name = 'ordering'")) {
                columns.next();
                if (columns.getInt(1) == 0) {
                    throw new SQLException("its event_journal table has no ordering column: the file was made by a "
                            + "development version of Troupe from before projections; start from a new file");
                }
            }
        }
    }

    /** Settings of every connection: wait for locks rather than fail, and fsync each commit. */
    static void configure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            statement.execute("PRAGMA synchronous=FULL");
        }
    }
}
