/**
 * Event-sourced actors for Troupe: {@link dev.troupe.persistence.EventSourcedBehavior} turns a command handler
 * and an event handler into an ordinary behavior whose state survives restarts, backed by an asynchronous
 * {@link dev.troupe.persistence.Journal} and {@link dev.troupe.persistence.SnapshotStore}
 * (in memory, SQLite or PostgreSQL).
 *
 * <p>The public API is the package {@code dev.troupe.persistence}; {@code dev.troupe.persistence.internal} is
 * the implementation and is not exported.
 */
module dev.troupe.persistence {
    requires transitive dev.troupe.actor;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires static com.zaxxer.hikari; // optional: only PostgresStore needs it (and the PostgreSQL driver)
    requires transitive com.fasterxml.jackson.databind; // Upcaster works on its JsonNode
    requires static com.fasterxml.jackson.dataformat.cbor; // optional: only JacksonSerializer.cbor needs it

    exports dev.troupe.persistence;
}
