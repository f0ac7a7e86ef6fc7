package dev.troupe.remote.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.troupe.actor.ActorRef;
import dev.troupe.remote.MessageDeserializationException;
import dev.troupe.remote.internal.serialization.SerializationRoundTripTest.PointSerializer;
import dev.troupe.remote.internal.serialization.TestMessages.Counter;
import dev.troupe.remote.internal.serialization.TestMessages.Tree;
import dev.troupe.testkit.ActorTestKit;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input for {@link Serialization#deserialize}: random bytes under any manifest and serializer id, valid
 * payloads with random mutations, and random well-formed CBOR built from the field names and wire names of the
 * test messages (to get past the parser into data binding). Each try must end in a message or in
 * {@link MessageDeserializationException} - no other exception, no error - and allocate at most
 * {@value #ALLOCATION_BOUND} bytes (inputs are at most a few KiB; a reader trusting a declared length of
 * gigabytes would blow that). A message that is accepted must be sendable again.
 *
 * <p>Each property runs {@code troupe.fuzz.tries} tries, 10,000 by default (CI); the long mode is
 * {@code mvn -pl troupe-remote -am verify -Dtest=DeserializationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtroupe.fuzz.tries=1000000}. A summary line with the counts, the largest allocation and the time is printed.
 */
class DeserializationFuzzTest {
    /** Set with jqwik's own default by the pom (see troupe-remote/pom.xml), from {@code -Dtroupe.fuzz.tries}. */
    static final int TRIES = Integer.getInteger("troupe.fuzz.tries", 10_000);
    static final long ALLOCATION_BOUND = 16L * 1024 * 1024;
    private static final CBORMapper RAW = new CBORMapper();
    private static final MethodHandle ALLOCATED_BY_THIS_THREAD = allocatedByThisThread();

    private static final AtomicLong ACCEPTED = new AtomicLong();
    private static final AtomicLong REJECTED = new AtomicLong();
    private static final LongAccumulator MOST_ALLOCATED = new LongAccumulator(Math::max, 0);
    private static long startNanos;

    private static ActorTestKit testKit;
    private static Serialization serialization;
    private static List<SerializedMessage> valid;
    private static List<String> vocabulary;

    @BeforeContainer
    static void start() {
        testKit = ActorTestKit.create("fuzz");
        ActorRef<Integer> replies = testKit.<Integer>createTestProbe("replies").ref();
        ActorRef<String> member = testKit.<String>createTestProbe("member").ref();
        serialization = new Serialization(TestMessages.types(), List.of(new PointSerializer()),
                new MapRefResolver().know(replies, member));
        valid = samples(replies, member).stream().map(serialization::serialize).toList();
        List<String> words = new ArrayList<>(List.of("by", "replyTo", "reason", "first", "rest", "byKey", "last",
                "note", "admin", "name", "members", "byRole", "lead", "nested", "inner", "ids", "deep", "command",
                "label", "children", "value", "flag", "number", "huge", "exact", "id", "bytes", "at", "took", "day",
                "time", "stamp", "color", "counts", "byNumber", "words", "RED", "GREEN", "FAST", "SLOW",
                replies.path().toStringWithUid(), member.path().toStringWithUid(), "troupe://fuzz/user/x#1"));
        valid.forEach(message -> words.add(message.manifest()));
        vocabulary = List.copyOf(words);
        startNanos = System.nanoTime();
    }

    @AfterContainer
    static void stop() {
        System.out.printf("Deserialization fuzz: %,d tries per property, %,d accepted, %,d rejected with "
                        + "MessageDeserializationException, at most %,d bytes allocated by one try, %.1f s%n",
                TRIES, ACCEPTED.get(), REJECTED.get(), MOST_ALLOCATED.get(),
                (System.nanoTime() - startNanos) / 1e9);
        testKit.shutdown();
    }

    @Property(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
    void randomBytesUnderAnyManifestAndId(@ForAll("serializerIds") int id, @ForAll("manifests") String manifest,
                                          @ForAll @IntRange(max = 1024) int length, @ForAll long seed) {
        // Bytes from a seed rather than jqwik's byte[] arbitrary: the same coverage (no shrinking anyway) at a
        // fraction of the cost per try, which is what makes a million tries affordable.
        byte[] payload = new byte[length];
        new java.util.Random(seed).nextBytes(payload);
        onlyAMessageOrTheTypedException(id, manifest, payload);
    }

    @Property(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
    void mutatedValidPayloads(@ForAll("validMessages") SerializedMessage message,
                              @ForAll @Size(min = 1, max = 8) List<@From("mutations") Mutation> mutations,
                              @ForAll("manifests") String otherManifest, @ForAll boolean keepManifest) {
        byte[] payload = message.payload();
        for (Mutation mutation : mutations) {
            payload = mutation.applyTo(payload);
        }
        onlyAMessageOrTheTypedException(message.serializerId(), keepManifest ? message.manifest() : otherManifest,
                payload);
    }

    @Property(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
    void wellFormedCborOfTheWrongShape(@ForAll("validMessages") SerializedMessage message,
                                       @ForAll("structures") Object structure) throws JsonProcessingException {
        onlyAMessageOrTheTypedException(Serialization.JACKSON_CBOR_ID, message.manifest(),
                RAW.writeValueAsBytes(structure));
    }

    private static void onlyAMessageOrTheTypedException(int id, String manifest, byte[] payload) {
        long before = allocatedByThisThread(ALLOCATED_BY_THIS_THREAD);
        Object message = null;
        try {
            message = serialization.deserialize(id, manifest, payload);
        } catch (MessageDeserializationException expected) {
            REJECTED.incrementAndGet();
        }
        long allocated = allocatedByThisThread(ALLOCATED_BY_THIS_THREAD) - before;
        MOST_ALLOCATED.accumulate(allocated);
        assertThat(allocated).as("bytes allocated reading %d bytes", payload.length).isLessThan(ALLOCATION_BOUND);
        if (message != null) {
            ACCEPTED.incrementAndGet();
            SerializedMessage again = serialization.serialize(message);
            assertThat(serialization.deserialize(again.serializerId(), again.manifest(), again.payload()))
                    .hasSameClassAs(message);
        }
    }

    /**
     * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, by reflection: the tests are compiled
     * into the module dev.troupe.remote, which does not read jdk.management.
     */
    private static MethodHandle allocatedByThisThread() {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return MethodHandles.publicLookup().findVirtual(Class.forName("com.sun.management.ThreadMXBean"),
                    "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class)).bindTo(threads);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This JVM does not count allocated bytes per thread", e);
        }
    }

    private static long allocatedByThisThread(MethodHandle counter) {
        try {
            return (long) counter.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Integer> serializerIds() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Serialization.JACKSON_CBOR_ID)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(PointSerializer.ID)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers()));
    }

    @Provide
    Arbitrary<String> manifests() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(valid).map(SerializedMessage::manifest)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(300)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("java.lang.Runtime", "java.util.HashMap", "point", "",
                        "counter", "counter.Admin", Counter.class.getName())));
    }

    @Provide
    Arbitrary<SerializedMessage> validMessages() {
        return Arbitraries.of(valid);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Mutation.Kind.values()), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers()).as(Mutation::new);
    }

    /** Random CBOR values: scalars from the vocabulary and of every kind, lists, maps and [name, value] pairs. */
    @Provide
    Arbitrary<Object> structures() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.of(vocabulary).map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70))
                        .map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(Object.class::cast)).injectNull(0.05);
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(Object.class::cast),
                Combinators.combine(Arbitraries.of(vocabulary), inner).as(Field::new).list().ofMaxSize(3)
                        .map(DeserializationFuzzTest::toMap),
                Combinators.combine(Arbitraries.of(vocabulary), inner).as((name, value) -> (Object) Arrays.asList(
                        name, value))), 0, 4);
    }

    /** A map entry whose value may be null (CBOR null), which {@code Map.entry} refuses. */
    private record Field(String name, Object value) {}

    private static Object toMap(List<Field> fields) {
        Map<String, Object> map = new LinkedHashMap<>();
        fields.forEach(field -> map.put(field.name(), field.value()));
        return map;
    }

    /** One change to a payload; positions wrap around its length. */
    record Mutation(Kind kind, int position, int value) {
        enum Kind { FLIP_BIT, SET_BYTE, SET_LENGTH_HEADER, INSERT, DELETE, TRUNCATE, DUPLICATE }

        /** Bytes that start CBOR items with long or indefinite lengths, big tags and breaks. */
        private static final byte[] HEADERS = {0x1b, 0x3b, 0x5a, 0x5b, 0x5f, 0x7a, 0x7b, 0x7f, (byte) 0x9a,
            (byte) 0x9b, (byte) 0x9f, (byte) 0xba, (byte) 0xbb, (byte) 0xbf, (byte) 0xc2, (byte) 0xc3, (byte) 0xc4,
            (byte) 0xc5, (byte) 0xd9, (byte) 0xdb, (byte) 0xf9, (byte) 0xfa, (byte) 0xfb, (byte) 0xff};

        byte[] applyTo(byte[] payload) {
            if (payload.length == 0) {
                return new byte[] {(byte) value};
            }
            int at = position % payload.length;
            byte[] changed = payload.clone();
            return switch (kind) {
                case FLIP_BIT -> {
                    changed[at] ^= (byte) (1 << (value & 7));
                    yield changed;
                }
                case SET_BYTE -> {
                    changed[at] = (byte) value;
                    yield changed;
                }
                case SET_LENGTH_HEADER -> {
                    changed[at] = HEADERS[Math.floorMod(value, HEADERS.length)];
                    yield changed;
                }
                case INSERT -> {
                    byte[] longer = Arrays.copyOf(payload, payload.length + 1);
                    System.arraycopy(payload, at, longer, at + 1, payload.length - at);
                    longer[at] = (byte) value;
                    yield longer;
                }
                case DELETE -> {
                    byte[] shorter = Arrays.copyOf(payload, payload.length - 1);
                    System.arraycopy(payload, at + 1, shorter, at, payload.length - at - 1);
                    yield shorter;
                }
                case TRUNCATE -> Arrays.copyOf(payload, at);
                case DUPLICATE -> {
                    int length = Math.min(Math.floorMod(value, 16) + 1, payload.length - at);
                    byte[] longer = Arrays.copyOf(payload, payload.length + length);
                    System.arraycopy(payload, at, longer, at + length, payload.length - at);
                    yield longer;
                }
            };
        }
    }

    private static List<Object> samples(ActorRef<Integer> replies, ActorRef<String> member) {
        return List.of(new Counter.Increment(7), new Counter.Get(replies), new Counter.Reset(), Counter.Mode.FAST,
                new Counter.Admin.Shutdown("bye"),
                new TestMessages.Batch(new Counter.Increment(1), List.of(new Counter.Get(replies), Counter.Mode.SLOW),
                        Map.of("k", new Counter.Reset()), Optional.of(new Counter.Increment(2)), Optional.of("n"),
                        new Counter.Admin.Shutdown("now")),
                new TestMessages.Team("t", List.of(member), Map.of("r", member), Optional.of(member),
                        new TestMessages.Nested(new TestMessages.Inner(member, Counter.Mode.FAST),
                                Set.of(new UUID(1, 2)))),
                new TestMessages.Scalars(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6.0, 7,
                        BigInteger.TEN.pow(30), new java.math.BigDecimal("1.25"), new UUID(3, 4), new byte[] {1, 2},
                        java.time.Instant.EPOCH, java.time.Duration.ofSeconds(5), java.time.LocalDate.EPOCH,
                        java.time.LocalTime.NOON, java.time.LocalDateTime.of(2026, 1, 1, 0, 0),
                        TestMessages.Color.RED, Map.of(TestMessages.Color.GREEN, 1L), Map.of(1, "one"),
                        new String[] {"w"}),
                new Tree("root", List.of(new Tree("a", List.of(new Tree("b", List.of()))))),
                new TestMessages.Positive(5), TestMessages.Color.GREEN, "text", 42, 7L, 2.5, true,
                new SerializationRoundTripTest.Point(1, 2));
    }
}
