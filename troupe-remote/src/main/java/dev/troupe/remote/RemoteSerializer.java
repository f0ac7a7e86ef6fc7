package dev.troupe.remote;

import java.util.Set;

/**
 * A user's own wire format for some message types (Protocol Buffers, a hand-made binary layout...), used instead
 * of the default Jackson CBOR serializer for exactly the classes in {@link #types()}. The bytes travel with the
 * serializer's {@link #id()} and a {@link #manifest} that tells {@link #fromBinary} what to build. Troupe never
 * uses Java serialization, and neither should an implementation.
 *
 * <p><b>Ids.</b> Ids 0 to {@value #MAX_RESERVED_ID} are Troupe's; a user serializer takes a larger one. Every
 * node must run the same serializer under the same id. A class is handled either by one serializer or by
 * {@link MessageTypes}, never by both.
 *
 * <p><b>Threading.</b> One instance serves a whole node: {@link #toBinary} and {@link #fromBinary} are called
 * concurrently from many threads and must be thread-safe; they should not block.
 *
 * <p><b>Bad input.</b> {@link #fromBinary} receives bytes from the network: on anything it does not accept (an
 * unknown manifest, malformed bytes) it throws any {@link RuntimeException}, which Troupe reports as a
 * {@link MessageDeserializationException}; it must never return {@code null} or an object of a class outside
 * {@link #types()} (that is reported the same way). An exception from {@link #toBinary} becomes a
 * {@link NotSerializableMessageException} on the sending node.
 */
public interface RemoteSerializer {
    /** The largest id reserved for Troupe's own serializers. */
    int MAX_RESERVED_ID = 99;

    /** The id written with every message this serializer wrote; greater than {@link #MAX_RESERVED_ID}. */
    int id();

    /** The exact classes this serializer handles (not their subclasses); fixed for the life of the node. */
    Set<Class<?>> types();

    /** What {@link #fromBinary} needs to know besides the bytes; by default the message's class name. */
    default String manifest(Object message) {
        return message.getClass().getName();
    }

    /** The message as bytes; {@code message} is an instance of one of {@link #types()}. */
    byte[] toBinary(Object message);

    /** The message that {@link #toBinary} wrote as {@code payload} with {@code manifest}. */
    Object fromBinary(byte[] payload, String manifest);
}
