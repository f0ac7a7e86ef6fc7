-- Troupe persistence: the tables of PostgresStore (troupe-persistence), schema version 1.
--
-- PostgresStore applies this script on start when PostgresSettings.withSchemaCreation(true) says so; otherwise
-- a DBA applies it beforehand, e.g. `psql -1 -v ON_ERROR_STOP=1 -f V1__troupe_journal.sql`, or hands it to
-- Flyway or Liquibase (the file name follows Flyway's convention). Every statement is idempotent, so applying it
-- again changes nothing. The tables go to the first schema of the connection's search_path: to use another
-- schema, create it and add `currentSchema=<name>` to the JDBC URL.
--
-- The role the application connects as needs SELECT, INSERT, UPDATE and DELETE on these tables; it does not
-- need to own them or create anything once the script has run.

-- The events: one row per stored event. The primary key (persistence_id, sequence_nr) is what rejects a second
-- writer of the same entity. ordering is the event's global offset, read by projections; the store's writer
-- takes a transaction-level advisory lock before it inserts, so offsets become visible in increasing order.
CREATE TABLE IF NOT EXISTS event_journal (
  ordering BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  persistence_id TEXT NOT NULL,
  sequence_nr BIGINT NOT NULL,
  type_name TEXT NOT NULL,      -- the serializer's stable type name (never a class name)
  type_version INTEGER NOT NULL, -- its schema version, for upcasters
  payload BYTEA NOT NULL,
  tags TEXT NOT NULL,            -- the event's tags, separated by the character U+001F
  written_at BIGINT NOT NULL,    -- milliseconds since the epoch
  PRIMARY KEY (persistence_id, sequence_nr)
);

-- One row per tag of an event, for queries by tag in offset order.
CREATE TABLE IF NOT EXISTS event_tag (
  tag TEXT NOT NULL,
  ordering BIGINT NOT NULL,
  persistence_id TEXT NOT NULL,
  sequence_nr BIGINT NOT NULL,
  PRIMARY KEY (tag, ordering)
);
CREATE INDEX IF NOT EXISTS event_tag_event ON event_tag (persistence_id, sequence_nr);

-- The highest deleted sequence number of an entity, so that numbers are never reused after a deletion.
CREATE TABLE IF NOT EXISTS journal_metadata (
  persistence_id TEXT PRIMARY KEY,
  deleted_to BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS snapshot_store (
  persistence_id TEXT NOT NULL,
  sequence_nr BIGINT NOT NULL,
  type_name TEXT NOT NULL,
  type_version INTEGER NOT NULL,
  payload BYTEA NOT NULL,
  written_at BIGINT NOT NULL,
  PRIMARY KEY (persistence_id, sequence_nr)
);

-- Where each projection has got to: the offset of the last event it processed.
CREATE TABLE IF NOT EXISTS projection_offset (
  projection_id TEXT PRIMARY KEY,
  last_offset BIGINT NOT NULL,
  written_at BIGINT NOT NULL
);
