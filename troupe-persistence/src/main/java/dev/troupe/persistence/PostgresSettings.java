package dev.troupe.persistence;

import java.util.Objects;

/**
 * How to open a {@link PostgresStore}: the server, the credentials, the serializer, the group commit and pool
 * sizes, and whether the store applies its schema script on start. Immutable and safe to share; {@code with…}
 * returns a changed copy. Bad values throw at once. {@link #toString} does not show the password.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example.com:5432/orders}
 * @param user the role to connect as
 * @param password its password; empty for none
 * @param serializer turns events and snapshots into bytes
 * @param maxGroupSize the most writes committed in one transaction (default {@value #DEFAULT_MAX_GROUP_SIZE})
 * @param readConnections connections (and threads) for reads (default {@value #DEFAULT_READ_CONNECTIONS}); the
 *     pool holds one more, for the writer
 * @param createSchema whether {@link PostgresStore#open} applies {@code db/postgres/V1__troupe_journal.sql}
 *     (idempotent) before it starts (default false: a DBA applied it)
 */
public record PostgresSettings(String jdbcUrl, String user, String password, Serializer serializer,
                               int maxGroupSize, int readConnections, boolean createSchema) {
    public static final int DEFAULT_MAX_GROUP_SIZE = 512;
    public static final int DEFAULT_READ_CONNECTIONS = 4;

    /**
     * @throws IllegalArgumentException if the URL is not a {@code jdbc:postgresql:} one or a size is not
     *     positive
     */
    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(serializer, "serializer");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("A PostgreSQL JDBC URL starts with jdbc:postgresql:, was " + jdbcUrl);
        }
        if (maxGroupSize < 1 || readConnections < 1) {
            throw new IllegalArgumentException("maxGroupSize and readConnections must be positive, were "
                    + maxGroupSize + " and " + readConnections);
        }
    }

    /** The server at {@code jdbcUrl} with the default sizes, its schema applied by a DBA. */
    public static PostgresSettings of(String jdbcUrl, String user, String password, Serializer serializer) {
        return new PostgresSettings(jdbcUrl, user, password, serializer, DEFAULT_MAX_GROUP_SIZE,
                DEFAULT_READ_CONNECTIONS, false);
    }

    public PostgresSettings withMaxGroupSize(int size) {
        return new PostgresSettings(jdbcUrl, user, password, serializer, size, readConnections, createSchema);
    }

    public PostgresSettings withReadConnections(int connections) {
        return new PostgresSettings(jdbcUrl, user, password, serializer, maxGroupSize, connections, createSchema);
    }

    /** Whether {@link PostgresStore#open} applies the schema script itself. */
    public PostgresSettings withSchemaCreation(boolean create) {
        return new PostgresSettings(jdbcUrl, user, password, serializer, maxGroupSize, readConnections, create);
    }

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password.isEmpty() ? ""
                : "***") + ", serializer=" + serializer + ", maxGroupSize=" + maxGroupSize + ", readConnections="
                + readConnections + ", createSchema=" + createSchema + "]";
    }
}
