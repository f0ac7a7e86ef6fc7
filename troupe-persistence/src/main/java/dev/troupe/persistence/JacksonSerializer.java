package dev.troupe.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default {@link Serializer}: Jackson, as JSON ({@link #json}) or as the more compact binary CBOR
 * ({@link #cbor}, which needs {@code jackson-dataformat-cbor} on the class path). Only the types of its
 * {@link TypeRegistry} are written or read, under their registered names and versions; Jackson's polymorphic
 * default typing is never enabled and Java serialization never used. Records work as they are.
 *
 * <p><b>Schema evolution.</b> Bytes stored under an older version (or a retired name) are passed through the
 * registry's {@link Upcaster}s until they reach a registered type at its current version. An event may thus be
 * split: {@link #deserializeEvents} then returns several, which share the stored event's sequence number.
 *
 * <p><b>Threading.</b> Immutable and thread-safe. <b>Failures:</b> an unregistered class, or a value Jackson
 * cannot write, throws {@link IllegalArgumentException} (a store rejects that write); unreadable bytes, an
 * unknown name or a version without upcaster throw {@link IllegalArgumentException} naming them.
 */
public final class JacksonSerializer implements Serializer {
    private static final int MAX_UPCAST_DEPTH = 32;

    private final ObjectMapper mapper;
    private final TypeRegistry types;

    private JacksonSerializer(ObjectMapper mapper, TypeRegistry types) {
        this.mapper = mapper;
        this.types = Objects.requireNonNull(types, "types");
    }

    /** JSON, readable in the database. */
    public static JacksonSerializer json(TypeRegistry types) {
        return new JacksonSerializer(JsonMapper.builder().build(), types);
    }

    /** CBOR: binary, smaller and faster. Needs {@code com.fasterxml.jackson.dataformat:jackson-dataformat-cbor}. */
    public static JacksonSerializer cbor(TypeRegistry types) {
        return new JacksonSerializer(com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper.builder().build(),
                types);
    }

    @Override
    public SerializedPayload serialize(Object value) {
        Objects.requireNonNull(value, "value");
        TypeRegistry.Registration registration = types.forClass(value.getClass()).orElseThrow(() ->
                new IllegalArgumentException(value.getClass().getName() + " is not registered for serialization; "
                        + "add it to the TypeRegistry with a stable name"));
        try {
            return new SerializedPayload(registration.name(), registration.version(), mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("Jackson cannot write " + registration.name() + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException also if the payload upcasts to several values (only events may split) */
    @Override
    public Object deserialize(SerializedPayload payload) {
        List<Object> values = deserializeEvents(payload);
        if (values.size() != 1) {
            throw new IllegalArgumentException(payload + " upcasts to " + values.size() + " values where one is "
                    + "expected");
        }
        return values.getFirst();
    }

    @Override
    public List<Object> deserializeEvents(SerializedPayload payload) {
        JsonNode tree;
        try {
            tree = mapper.readTree(payload.bytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable bytes for " + payload + ": " + e.getMessage(), e);
        }
        List<Object> values = new ArrayList<>(1);
        resolve(payload.typeName(), payload.version(), tree, 0, values);
        return List.copyOf(values);
    }

    private void resolve(String name, int version, JsonNode tree, int depth, List<Object> into) {
        if (depth > MAX_UPCAST_DEPTH) {
            throw new IllegalArgumentException("Upcasting " + name + " v" + version + " did not end after "
                    + MAX_UPCAST_DEPTH + " steps: do the upcasters form a cycle?");
        }
        var upcaster = types.upcaster(name, version);
        if (upcaster.isPresent()) {
            for (Upcaster.Upcast next : upcaster.get().upcast(tree.deepCopy())) {
                resolve(next.typeName(), next.version(), next.tree(), depth + 1, into);
            }
            return;
        }
        TypeRegistry.Registration registration = types.forName(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown type name \"" + name + "\" (version " + version + "): register it or add an upcaster"));
        if (registration.version() != version) {
            throw new IllegalArgumentException("\"" + name + "\" was stored at version " + version + ", the current "
                    + "version is " + registration.version() + ", and no upcaster reads version " + version);
        }
        try {
            into.add(mapper.treeToValue(tree, registration.type()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read \"" + name + "\" v" + version + " as "
                    + registration.type().getName() + ": " + e.getMessage(), e);
        }
    }
}
