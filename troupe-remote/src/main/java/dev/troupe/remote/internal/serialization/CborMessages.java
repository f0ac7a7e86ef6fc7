package dev.troupe.remote.internal.serialization;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.troupe.remote.MessageTypes;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default serializer: Jackson CBOR over the types of {@link MessageTypes}, with polymorphism only through
 * {@link RegisteredNames}, refs through {@link RefModule}, and the reader bounded by {@link StreamReadConstraints}
 * so that hostile bytes cost at most their own length in work and memory. Strict on input: unknown, missing or
 * repeated record components, nulls for primitives, trailing bytes and coercions between scalar kinds (a string
 * where a number belongs, a float into an int) are errors, not guesses. Thread-safe once built.
 */
final class CborMessages {
    /** Deep enough for any sensible message; a recursive structure from the wire cannot overflow the stack. */
    static final int MAX_NESTING_DEPTH = 200;
    /** Longer numbers are refused before they are parsed (BigInteger/BigDecimal parsing is superlinear). */
    static final int MAX_NUMBER_LENGTH = 1_000;
    static final int MAX_NAME_LENGTH = 1_000;
    /** A bound in characters; the transport's frame limit bounds the payload as a whole. */
    static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    private final ObjectMapper mapper;
    /** Readers are immutable and thread-safe; making one per message was a tenth of the receiving work. */
    private final ConcurrentHashMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    CborMessages(MessageTypes types, RefResolver refs) {
        CBORFactory factory = CBORFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = CBORMapper.builder(factory)
                .annotationIntrospector(new RegisteredNames(types))
                .addModule(new RefModule(refs))
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    byte[] write(Object message) throws IOException {
        return mapper.writeValueAsBytes(message);
    }

    Object read(Class<?> type, byte[] payload) throws IOException {
        return readers.computeIfAbsent(type, mapper::readerFor).readValue(payload);
    }
}
