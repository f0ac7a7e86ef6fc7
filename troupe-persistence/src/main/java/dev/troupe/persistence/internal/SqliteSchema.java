package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables of a SQLite store, created on open if missing. */
final class SqliteSchema {
    private SqliteSchema() {}

    /** Separates tags in the event row; tags may not contain control characters, so it cannot clash. */
    static final String TAG_SEPARATOR = "\u001f";

    private static final String[] STATEMENTS = {
        """
        CREATE TABLE IF NOT EXISTS event_journal (
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          type_name TEXT NOT NULL,
          type_version INTEGER NOT NULL,
          payload BLOB NOT NULL,
          tags TEXT NOT NULL,
          written_at INTEGER NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr))""",
        // One row per tag of an event, for queries by tag (projections) in write order.
        """
        CREATE TABLE IF NOT EXISTS event_tag (
          tag TEXT NOT NULL,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          PRIMARY KEY (tag, persistence_id, sequence_nr))""",
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
          PRIMARY KEY (persistence_id, sequence_nr))"""
    };

    /** WAL mode (readers do not wait for the writer), a durable commit, and the tables. */
    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            for (String sql : STATEMENTS) {
                statement.execute(sql);
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

    /** The highest sequence number of {@code id}, deleted events included. */
    static final String HIGHEST = """
            SELECT max(coalesce((SELECT max(sequence_nr) FROM event_journal WHERE persistence_id = ?1), 0),
                       coalesce((SELECT deleted_to FROM journal_metadata WHERE persistence_id = ?1), 0))""";
}
