package dev.troupe.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a {@link SqliteStore}: the database file, the serializer, and the sizes of its group commit and
 * reader pool. Immutable and safe to share; {@code with…} returns a changed copy. Bad values throw at once.
 *
 * @param file the database file, created with its schema if missing
 * @param serializer turns events and snapshots into bytes
 * @param maxGroupSize the most writes committed in one transaction (default {@value #DEFAULT_MAX_GROUP_SIZE})
 * @param readConnections connections (and threads) for reads (default {@value #DEFAULT_READ_CONNECTIONS})
 */
public record SqliteSettings(Path file, Serializer serializer, int maxGroupSize, int readConnections) {
    public static final int DEFAULT_MAX_GROUP_SIZE = 512;
    public static final int DEFAULT_READ_CONNECTIONS = 2;

    /** @throws IllegalArgumentException if a size is not positive */
    public SqliteSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(serializer, "serializer");
        if (maxGroupSize < 1 || readConnections < 1) {
            throw new IllegalArgumentException("maxGroupSize and readConnections must be positive, were "
                    + maxGroupSize + " and " + readConnections);
        }
    }

    /** The database {@code file} with the default sizes. */
    public static SqliteSettings of(Path file, Serializer serializer) {
        return new SqliteSettings(file, serializer, DEFAULT_MAX_GROUP_SIZE, DEFAULT_READ_CONNECTIONS);
    }

    public SqliteSettings withMaxGroupSize(int size) {
        return new SqliteSettings(file, serializer, size, readConnections);
    }

    public SqliteSettings withReadConnections(int connections) {
        return new SqliteSettings(file, serializer, maxGroupSize, connections);
    }
}
