package dev.troupe.persistence;

import java.util.List;

/**
 * Turns events and snapshot states into {@link SerializedPayload}s and back, for stores that keep bytes (such
 * as {@link SqliteStore}). A service provider interface; it should map each type to a registered, stable name
 * rather than rely on class names, and must never use Java serialization.
 *
 * <p><b>Threading.</b> Called from any thread, concurrently: from the actor that persists (serialize) and from
 * the store's reader threads (deserialize). Implementations must be thread-safe and must not block.
 *
 * <p><b>Failures.</b> {@link #serialize} throws (any {@link RuntimeException}) for a value it cannot serialize;
 * the store then rejects the write with {@link EventRejectedException}. {@link #deserialize} throws for bytes it
 * cannot read (an unknown type name or version); the read fails, and an actor recovering from it fails.
 */
public interface Serializer {

    /** The stored form of {@code value}. */
    SerializedPayload serialize(Object value);

    /** The value {@code payload} was made from, upcast to the current schema where needed. */
    Object deserialize(SerializedPayload payload);

    /**
     * The events a stored event stands for today: usually the one {@link #deserialize} returns, several if an
     * upcaster split it. A journal gives them all the stored event's sequence number.
     */
    default List<Object> deserializeEvents(SerializedPayload payload) {
        return List.of(deserialize(payload));
    }
}
