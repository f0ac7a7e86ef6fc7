package dev.troupe.persistence;

import java.util.Arrays;
import java.util.Objects;

/**
 * An event or snapshot state as a store keeps it: a stable type name, the version of that type's schema, and
 * the bytes. Immutable: the bytes are copied in and out.
 *
 * @param typeName the registered name of the type, not the class name, so that classes can be renamed
 * @param version the schema version of the bytes, from 1, so that old bytes can be upcast
 * @param bytes the serialized form
 */
public record SerializedPayload(String typeName, int version, byte[] bytes) {
    /** @throws IllegalArgumentException if {@code typeName} is blank or {@code version} is not positive */
    public SerializedPayload {
        Objects.requireNonNull(typeName, "typeName");
        if (typeName.isBlank()) {
            throw new IllegalArgumentException("A type name must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("Versions start at 1, was " + version + " for " + typeName);
        }
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SerializedPayload that && typeName.equals(that.typeName) && version == that.version
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeName, version, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "SerializedPayload[" + typeName + " v" + version + ", " + bytes.length + " bytes]";
    }
}
