package dev.troupe.remote.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.troupe.actor.ActorRef;
import dev.troupe.remote.MessageDeserializationException;
import dev.troupe.remote.MessageTypes;
import dev.troupe.remote.NotSerializableMessageException;
import dev.troupe.remote.RemoteSerializer;
import dev.troupe.remote.internal.serialization.TestMessages.Batch;
import dev.troupe.remote.internal.serialization.TestMessages.Counter;
import dev.troupe.remote.internal.serialization.TestMessages.Positive;
import dev.troupe.remote.internal.serialization.TestMessages.Tree;
import dev.troupe.remote.internal.serialization.TestMessages.Unregistered;
import dev.troupe.testkit.ActorTestKit;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SerializationRejectionTest {
    private static final int CBOR = Serialization.JACKSON_CBOR_ID;
    /** Writes arbitrary structures, standing in for a hostile or buggy peer. */
    private static final CBORMapper RAW = new CBORMapper();

    private static ActorTestKit testKit;
    private static ActorRef<Integer> published;
    private static ActorRef<Integer> unpublished;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("rejection");
        published = testKit.<Integer>createTestProbe("published").ref();
        unpublished = testKit.<Integer>createTestProbe("unpublished").ref();
        serialization = new Serialization(TestMessages.types(), List.of(new Strict(101, "x")),
                new MapRefResolver().know(published));
    }

    @AfterAll
    static void stop() {
        testKit.shutdown();
    }

    private static byte[] raw(Object structure) throws IOException {
        return RAW.writeValueAsBytes(structure);
    }

    private static MessageDeserializationException readFails(int id, String manifest, byte[] payload) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> serialization.deserialize(id, manifest, payload));
        assertThat(thrown).isInstanceOf(MessageDeserializationException.class);
        return (MessageDeserializationException) thrown;
    }

    // --- sending side ---

    @Test
    void aTypeNotOnTheAllowListIsNotSent() {
        assertThatThrownBy(() -> serialization.serialize(new Unregistered("x")))
                .isInstanceOf(NotSerializableMessageException.class)
                .hasMessageContaining(Unregistered.class.getName())
                .hasMessageContaining("not in MessageTypes")
                .satisfies(e -> assertThat(((NotSerializableMessageException) e).messageType())
                        .isEqualTo(Unregistered.class));
        assertThatThrownBy(() -> serialization.serialize(new StringBuilder("a class")))
                .isInstanceOf(NotSerializableMessageException.class);
        assertThatThrownBy(() -> serialization.serialize(List.of(1, 2)))
                .isInstanceOf(NotSerializableMessageException.class);
    }

    @Test
    void aRefTheResolverRefusesFailsTheSendWithTheResolversReason() {
        assertThatThrownBy(() -> serialization.serialize(new Counter.Get(unpublished)))
                .isInstanceOf(NotSerializableMessageException.class)
                .hasMessageContaining("not published");
    }

    @Test
    void aRefWithoutAnAddressFailsTheSend() {
        Serialization noAddresses = new Serialization(TestMessages.types(), List.of(), new RefResolver() {
            @Override
            public String toWire(ActorRef<?> ref) {
                return null;
            }

            @Override
            public ActorRef<?> fromWire(String text) {
                throw new AssertionError("not called");
            }
        });

        assertThatThrownBy(() -> noAddresses.serialize(new Counter.Get(published)))
                .isInstanceOf(NotSerializableMessageException.class).hasMessageContaining("no address");
    }

    @Test
    void aFailingCustomSerializerFailsTheSend() {
        Serialization failing = new Serialization(TestMessages.types(), List.of(new Strict(102, "x") {
            @Override
            public byte[] toBinary(Object message) {
                throw new IllegalStateException("disk full");
            }
        }), new MapRefResolver());

        assertThatThrownBy(() -> failing.serialize(new Note("text")))
                .isInstanceOf(NotSerializableMessageException.class)
                .hasMessageContaining("serializer 102 failed: disk full");
    }

    @Test
    void aNullMessageIsAProgrammingError() {
        assertThatThrownBy(() -> serialization.serialize(null)).isInstanceOf(NullPointerException.class);
    }

    // --- receiving side ---

    @Test
    void anUnknownSerializerIdIsRejected() throws IOException {
        assertThat(readFails(77, "x", new byte[0]).serializerId()).isEqualTo(77);
        assertThat(readFails(-1, "x", new byte[0])).hasMessageContaining("no serializer has this id");
    }

    @Test
    void aManifestThatIsNotARegisteredWireNameIsRejectedWithoutLoadingAClass() throws IOException {
        byte[] empty = raw(Map.of());

        assertThat(readFails(CBOR, Unregistered.class.getName(), empty)).hasMessageContaining("no message type");
        assertThat(readFails(CBOR, "java.lang.ProcessBuilder", raw(List.of("sh")))).hasMessageContaining(
                "no message type");
        // The default name of a type registered under an explicit name is not a name at all.
        assertThat(readFails(CBOR, Counter.Reset.class.getName(), empty).manifest())
                .isEqualTo(Counter.Reset.class.getName());
    }

    @Test
    void malformedTruncatedAndTrailingBytesAreRejected() {
        byte[] valid = serialization.serialize(new Counter.Increment(5)).payload();

        readFails(CBOR, "counter.Increment", new byte[0]);
        readFails(CBOR, "counter.Increment", Arrays.copyOf(valid, valid.length - 1));
        readFails(CBOR, "counter.Increment", Arrays.copyOf(valid, valid.length + 1));
        readFails(CBOR, "counter.Increment", new byte[] {(byte) 0xff, 0x00, 0x13});
        readFails(CBOR, "counter.Increment", new byte[] {(byte) 0xf6}); // CBOR null
    }

    @Test
    void bytesOfOneTypeAreNotAcceptedAsAnotherNorWithMissingOrExtraComponents() throws IOException {
        byte[] increment = serialization.serialize(new Counter.Increment(5)).payload();

        readFails(CBOR, "counter.Get", increment);
        readFails(CBOR, "counter.Increment", raw(Map.of()));
        readFails(CBOR, "counter.Increment", raw(Map.of("by", 1, "extra", 2)));
        readFails(CBOR, "counter.Increment", raw(Map.of("by", "5")));
        readFails(CBOR, "counter.Increment", raw(Map.of("by", 5.5)));
        byte[] twice = {(byte) 0xa2, 0x62, 'b', 'y', 0x01, 0x62, 'b', 'y', 0x02}; // {"by": 1, "by": 2}
        assertThat(readFails(CBOR, "counter.Increment", twice)).hasMessageContaining("Duplicate");
        readFails(CBOR, "counter.Mode", raw("MEDIUM"));
        readFails(CBOR, "java.lang.Integer", raw("5"));
    }

    @Test
    void aRecordsOwnValidationRejectsBadValuesFromTheWire() throws IOException {
        assertThat(readFails(CBOR, "positive", raw(Map.of("value", -1)))).hasMessageContaining("must be positive");
    }

    @Test
    void aPolymorphicValueMustNameARegisteredSubtypeOfTheDeclaredInterface() throws IOException {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("first", List.of("counter.Increment", Map.of("by", 1)));
        batch.put("rest", List.of());
        batch.put("byKey", Map.of());
        batch.put("last", null);
        batch.put("note", null);
        batch.put("admin", List.of("counter.Admin.Shutdown", Map.of("reason", "r")));
        assertThat(serialization.deserialize(CBOR, Batch.class.getName(), raw(batch))).isInstanceOf(Batch.class);

        for (Object hostile : List.of(
                List.of("java.util.HashMap", Map.of()),                  // a class name, not a wire name
                List.of(Unregistered.class.getName(), Map.of("text", "")), // an unregistered record
                List.of("tree", Map.of("label", "t", "children", List.of())), // registered, but not a Counter
                Map.of("by", 1))) {                                      // no type id at all
            batch.put("first", hostile);
            readFails(CBOR, Batch.class.getName(), raw(batch));
        }
        batch.put("first", List.of("counter.Increment", Map.of("by", 1)));
        batch.put("admin", List.of("counter.Reset", Map.of())); // a Counter, but not a Counter.Admin
        readFails(CBOR, Batch.class.getName(), raw(batch));
    }

    @Test
    void anAddressTheResolverCannotReadIsRejected() throws IOException {
        assertThat(readFails(CBOR, "counter.Get", raw(Map.of("replyTo", "troupe://nowhere/user/x#1"))))
                .hasMessageContaining("not an actor address");
        readFails(CBOR, "counter.Get", raw(Map.of("replyTo", 42)));
        readFails(CBOR, "counter.Get", raw(Map.of("replyTo", Map.of("path", "x"))));
    }

    @Test
    void nestingBeyondTheLimitIsRejectedWithoutOverflowingTheStack() throws IOException {
        Tree shallow = nest(CborMessages.MAX_NESTING_DEPTH / 4);
        SerializedMessage ok = serialization.serialize(shallow);
        assertThat(serialization.deserialize(ok.serializerId(), ok.manifest(), ok.payload())).isEqualTo(shallow);

        assertThat(readFails(CBOR, "tree", deepTree(100_000))).hasMessageContaining("nesting depth");
        byte[] deepArrays = new byte[100_000];
        Arrays.fill(deepArrays, (byte) 0x81); // [[[[...
        readFails(CBOR, "tree", deepArrays);
        assertThatThrownBy(() -> serialization.serialize(nest(100_000)))
                .isInstanceOf(NotSerializableMessageException.class);
    }

    @Test
    void lengthsDeclaredBeyondThePayloadAreRejectedWithoutAllocatingThem() {
        // Map {"label": <text string of 2^31-1 bytes>} with nothing behind the header; likewise a byte string,
        // an array and a map of 2^63-1 entries.
        byte[] longText = {(byte) 0xa1, 0x65, 'l', 'a', 'b', 'e', 'l', 0x7a, 0x7f, (byte) 0xff, (byte) 0xff,
            (byte) 0xff};
        byte[] longBytes = {(byte) 0xa1, 0x65, 'l', 'a', 'b', 'e', 'l', 0x5a, 0x7f, (byte) 0xff, (byte) 0xff,
            (byte) 0xff};
        byte[] longArray = {(byte) 0xa2, 0x65, 'l', 'a', 'b', 'e', 'l', 0x61, 'x', 0x68, 'c', 'h', 'i', 'l', 'd',
            'r', 'e', 'n', (byte) 0x9b, 0x7f, -1, -1, -1, -1, -1, -1, -1};
        byte[] longMap = {(byte) 0xbb, 0x7f, -1, -1, -1, -1, -1, -1, -1};

        for (byte[] payload : List.of(longText, longBytes, longArray, longMap)) {
            readFails(CBOR, "tree", payload);
            readFails(CBOR, "positive", payload);
        }
    }

    @Test
    void numbersLongerThanTheLimitAreRejected() throws IOException {
        String digits = "9".repeat(CborMessages.MAX_NUMBER_LENGTH + 1);
        // {"value": 1 * 10^(2^31 - 1)} as tag 4 (decimal fraction): must fail fast, not compute 10^2147483647
        byte[] hugeExponent = {(byte) 0xa1, 0x65, 'v', 'a', 'l', 'u', 'e', (byte) 0xc4, (byte) 0x82, 0x1a, 0x7f,
            -1, -1, -1, 0x01};

        assertThat(readFails(CBOR, "positive", hugeExponent)).hasMessageContaining("Floating-point");
        readFails(CBOR, "positive", raw(Map.of("value", new java.math.BigInteger(digits))));
    }

    @Test
    void aCustomSerializersRejectionNullOrForeignResultIsRejected() throws IOException {
        Serialization sloppy = new Serialization(MessageTypes.builder().build(), List.of(
                new Strict(103, "x"), new Strict(104, "x") {
                    @Override
                    public Set<Class<?>> types() {
                        return Set.of(Unregistered.class);
                    }

                    @Override
                    public Object fromBinary(byte[] payload, String manifest) {
                        return manifest.equals("null") ? null : List.of();
                    }
                }), new MapRefResolver());

        assertThat(sloppy.deserialize(103, "x", new byte[] {'o', 'k'})).isEqualTo(new Note("ok"));
        assertThatThrownBy(() -> sloppy.deserialize(103, "y", new byte[0]))
                .isInstanceOf(MessageDeserializationException.class).hasMessageContaining("rejected the bytes");
        assertThatThrownBy(() -> sloppy.deserialize(104, "null", new byte[0]))
                .isInstanceOf(MessageDeserializationException.class).hasMessageContaining("returned null");
        assertThatThrownBy(() -> sloppy.deserialize(104, "list", new byte[0]))
                .isInstanceOf(MessageDeserializationException.class).hasMessageContaining("not one of its types");
    }

    @Test
    void aLongOrUnprintableManifestIsShownShortAndEscaped() {
        String manifest = "\u001b[31m" + "x".repeat(10_000);

        MessageDeserializationException e = readFails(CBOR, manifest, new byte[0]);

        assertThat(e.getMessage()).doesNotContain("\u001b").contains("\\u001b").contains("(10005 characters)")
                .hasSizeLessThan(400);
        assertThat(e.manifest()).isEqualTo(manifest);
    }

    // --- configuration ---

    @Test
    void customSerializersNeedAFreeUnreservedIdAndTheirOwnTypes() {
        MessageTypes types = TestMessages.types();
        MapRefResolver refs = new MapRefResolver();

        assertThatThrownBy(() -> new Serialization(types, List.of(new Strict(99, "x")), refs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> new Serialization(types, List.of(new Strict(100, "x"), new Strict(100, "y")), refs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same id 100");
        assertThatThrownBy(() -> new Serialization(types, List.of(new Strict(100, "x"), new Strict(101, "y")), refs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claimed by serializers");
        assertThatThrownBy(() -> new Serialization(types, List.of(new Strict(100, "x") {
            @Override
            public Set<Class<?>> types() {
                return Set.of(Counter.Increment.class);
            }
        }), refs)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in MessageTypes");
    }

    private static Tree nest(int depth) {
        Tree tree = new Tree("leaf", List.of());
        for (int i = 0; i < depth; i++) {
            tree = new Tree("n" + i, List.of(tree));
        }
        return tree;
    }

    /** {"label": "n", "children": [ ... ]} nested {@code depth} times, written byte by byte. */
    private static byte[] deepTree(int depth) {
        byte[] level = {(byte) 0xa2, 0x65, 'l', 'a', 'b', 'e', 'l', 0x61, 'n', 0x68, 'c', 'h', 'i', 'l', 'd', 'r',
            'e', 'n', (byte) 0x81};
        byte[] leaf = {(byte) 0xa2, 0x65, 'l', 'a', 'b', 'e', 'l', 0x61, 'n', 0x68, 'c', 'h', 'i', 'l', 'd', 'r',
            'e', 'n', (byte) 0x80};
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            bytes.writeBytes(level);
        }
        bytes.writeBytes(leaf);
        return bytes.toByteArray();
    }

    record Note(String text) {}

    /** Writes a Note as UTF-8 bytes, accepts only the manifest "x" (a custom serializer of the tests). */
    static class Strict implements RemoteSerializer {
        private final int id;
        private final String type;

        Strict(int id, String type) {
            this.id = id;
            this.type = type;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public Set<Class<?>> types() {
            return Set.of(Note.class);
        }

        @Override
        public String manifest(Object message) {
            return type;
        }

        @Override
        public byte[] toBinary(Object message) {
            return ((Note) message).text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public Object fromBinary(byte[] payload, String manifest) {
            if (!manifest.equals("x")) {
                throw new IllegalArgumentException("unknown manifest " + manifest);
            }
            return new Note(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
