package dev.troupe.remote.internal.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.remote.MessageDeserializationException;
import dev.troupe.remote.MessageTypes;
import dev.troupe.remote.NotSerializableMessageException;
import dev.troupe.remote.RemoteSerializer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Messages to bytes and back, for one node: the types of {@link MessageTypes} with Jackson CBOR (serializer id
 * {@value #JACKSON_CBOR_ID}, the wire name as manifest), the classes of each custom {@link RemoteSerializer} with
 * that serializer. Refs inside messages go through the node's {@link RefResolver}.
 *
 * <p><b>Threading.</b> Immutable after construction and thread-safe: any thread may serialize and deserialize
 * at the same time. Everything a thread did before {@code serialize(m)} that {@code m} shows is in the bytes;
 * nothing else is shared.
 *
 * <p><b>Bad input.</b> The constructor throws {@link IllegalArgumentException} for a custom serializer with a
 * reserved or duplicate id, or a class claimed twice (by two serializers, or by one and {@link MessageTypes}).
 * {@link #serialize} throws {@link NotSerializableMessageException} and {@link #deserialize} throws
 * {@link MessageDeserializationException} - for any failure, and nothing else (short of a JVM error): whatever
 * the bytes, the manifest or the serializer id, the caller gets a value or that exception, with work and memory
 * bounded by the payload's length (see {@link CborMessages}). Neither ever returns {@code null}.
 */
public final class Serialization {
    /** The id of the default serializer, Jackson CBOR. */
    public static final int JACKSON_CBOR_ID = 1;

    private final MessageTypes types;
    private final CborMessages cbor;
    private final Map<Integer, RemoteSerializer> customById;
    private final Map<Class<?>, RemoteSerializer> customByType;

    public Serialization(MessageTypes types, List<RemoteSerializer> custom, RefResolver refs) {
        this.types = Objects.requireNonNull(types, "types");
        this.cbor = new CborMessages(types, Objects.requireNonNull(refs, "refs"));
        Map<Integer, RemoteSerializer> byId = new HashMap<>();
        Map<Class<?>, RemoteSerializer> byType = new HashMap<>();
        for (RemoteSerializer serializer : List.copyOf(custom)) {
            int id = serializer.id();
            if (id <= RemoteSerializer.MAX_RESERVED_ID) {
                throw new IllegalArgumentException("Serializer " + serializer.getClass().getName() + " has id " + id
                        + ", but ids up to " + RemoteSerializer.MAX_RESERVED_ID + " are reserved for Troupe");
            }
            RemoteSerializer other = byId.putIfAbsent(id, serializer);
            if (other != null) {
                throw new IllegalArgumentException("Serializers " + other.getClass().getName() + " and "
                        + serializer.getClass().getName() + " have the same id " + id);
            }
            for (Class<?> type : serializer.types()) {
                claim(type, serializer, byType);
            }
        }
        this.customById = Map.copyOf(byId);
        this.customByType = Map.copyOf(byType);
    }

    private void claim(Class<?> type, RemoteSerializer serializer, Map<Class<?>, RemoteSerializer> byType) {
        RemoteSerializer other = byType.putIfAbsent(type, serializer);
        if (other != null) {
            throw new IllegalArgumentException(type.getName() + " is claimed by serializers " + other.id() + " and "
                    + serializer.id() + "; a class has one serializer");
        }
        if (types.nameOf(type).isPresent()) {
            throw new IllegalArgumentException(type.getName() + " is in MessageTypes and also claimed by serializer "
                    + serializer.id() + "; a class has one serializer");
        }
    }

    /**
     * The message as bytes with the id of the serializer that wrote them and its manifest.
     *
     * @throws NotSerializableMessageException if no serializer allows the message's class, or it fails
     * @throws NullPointerException if {@code message} is null
     */
    public SerializedMessage serialize(Object message) {
        Objects.requireNonNull(message, "message");
        Class<?> type = message instanceof Enum<?> e ? e.getDeclaringClass() : message.getClass();
        RemoteSerializer custom = customByType.get(type);
        if (custom != null) {
            return serializeCustom(custom, type, message);
        }
        String name = types.nameOf(type).orElseThrow(() -> new NotSerializableMessageException(type,
                "it is not in MessageTypes and no RemoteSerializer handles it; register it on both nodes", null));
        try {
            return new SerializedMessage(JACKSON_CBOR_ID, name, cbor.write(message));
        } catch (IOException | RuntimeException e) {
            throw new NotSerializableMessageException(type, "Jackson CBOR failed: " + reason(e), e);
        }
    }

    private static SerializedMessage serializeCustom(RemoteSerializer custom, Class<?> type, Object message) {
        String manifest;
        byte[] payload;
        try {
            manifest = custom.manifest(message);
            payload = custom.toBinary(message);
        } catch (RuntimeException e) {
            throw new NotSerializableMessageException(type, "serializer " + custom.id() + " failed: " + reason(e),
                    e);
        }
        if (manifest == null || payload == null) {
            throw new NotSerializableMessageException(type, "serializer " + custom.id() + " returned a null "
                    + (manifest == null ? "manifest" : "payload"), null);
        }
        return new SerializedMessage(custom.id(), manifest, payload);
    }

    /**
     * The message that {@link #serialize} wrote, on whichever node.
     *
     * @throws MessageDeserializationException for an unknown serializer id or manifest, malformed bytes, a value
     *     the message type rejects, or a reader limit exceeded
     * @throws NullPointerException if {@code manifest} or {@code payload} is null
     */
    public Object deserialize(int serializerId, String manifest, byte[] payload) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(payload, "payload");
        if (serializerId == JACKSON_CBOR_ID) {
            return deserializeCbor(manifest, payload);
        }
        RemoteSerializer custom = customById.get(serializerId);
        if (custom == null) {
            throw new MessageDeserializationException(serializerId, manifest, "no serializer has this id here "
                    + "(known: " + JACKSON_CBOR_ID + " and " + customById.keySet() + ")", null);
        }
        Object message;
        try {
            message = custom.fromBinary(payload, manifest);
        } catch (RuntimeException e) {
            throw new MessageDeserializationException(serializerId, manifest, "the serializer rejected the bytes: "
                    + reason(e), e);
        }
        if (message == null || customByType.get(message.getClass()) != custom) {
            throw new MessageDeserializationException(serializerId, manifest, "the serializer returned "
                    + (message == null ? "null" : "a " + message.getClass().getName() + ", not one of its types"),
                    null);
        }
        return message;
    }

    private Object deserializeCbor(String manifest, byte[] payload) {
        Class<?> type = types.typeNamed(manifest).orElseThrow(() -> new MessageDeserializationException(
                JACKSON_CBOR_ID, manifest, "no message type has this wire name here; register it in MessageTypes",
                null));
        Object message;
        try {
            message = cbor.read(type, payload);
        } catch (IOException | RuntimeException e) {
            throw new MessageDeserializationException(JACKSON_CBOR_ID, manifest, reason(e), e);
        }
        if (message == null) {
            throw new MessageDeserializationException(JACKSON_CBOR_ID, manifest, "the payload is null, not a "
                    + type.getName(), null);
        }
        return message;
    }

    /** Jackson's own message without its location and its path through the value, which can be long. */
    private static String reason(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getName() : message;
    }
}
