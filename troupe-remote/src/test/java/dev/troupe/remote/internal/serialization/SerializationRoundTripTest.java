package dev.troupe.remote.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.remote.MessageTypes;
import dev.troupe.remote.RemoteSerializer;
import dev.troupe.remote.internal.serialization.TestMessages.Batch;
import dev.troupe.remote.internal.serialization.TestMessages.Color;
import dev.troupe.remote.internal.serialization.TestMessages.Counter;
import dev.troupe.remote.internal.serialization.TestMessages.Inner;
import dev.troupe.remote.internal.serialization.TestMessages.Nested;
import dev.troupe.remote.internal.serialization.TestMessages.Scalars;
import dev.troupe.remote.internal.serialization.TestMessages.Team;
import dev.troupe.remote.internal.serialization.TestMessages.Tree;
import dev.troupe.testkit.ActorTestKit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SerializationRoundTripTest {
    private static ActorTestKit testKit;
    private static ActorRef<String> alice;
    private static ActorRef<String> bob;
    private static ActorRef<Integer> replies;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("serialization");
        alice = testKit.<String>createTestProbe("alice").ref();
        bob = testKit.<String>createTestProbe("bob").ref();
        replies = testKit.<Integer>createTestProbe("replies").ref();
        serialization = new Serialization(TestMessages.types(), List.of(new PointSerializer()),
                new MapRefResolver().know(alice, bob, replies));
    }

    @AfterAll
    static void stop() {
        testKit.shutdown();
    }

    private static Object roundTrip(Object message) {
        SerializedMessage wire = serialization.serialize(message);
        return serialization.deserialize(wire.serializerId(), wire.manifest(), wire.payload());
    }

    @Test
    void everyRecordAndEnumOfASealedProtocolComesBackEqualUnderItsPrefixedName() {
        List<Counter> protocol = List.of(new Counter.Increment(7), new Counter.Get(replies), new Counter.Reset(),
                Counter.Mode.SLOW, new Counter.Admin.Shutdown("maintenance"));

        for (Counter message : protocol) {
            assertThat(roundTrip(message)).isEqualTo(message);
        }
        assertThat(protocol).extracting(message -> serialization.serialize(message).manifest()).containsExactly(
                "counter.Increment", "counter.Get", "counter.Reset", "counter.Mode", "counter.Admin.Shutdown");
    }

    @Test
    void sealedInterfaceValuesInsideRecordsListsMapsAndOptionalsKeepTheirConcreteTypes() {
        Batch batch = new Batch(new Counter.Increment(1),
                List.of(new Counter.Get(replies), Counter.Mode.FAST, new Counter.Admin.Shutdown("later")),
                Map.of("a", new Counter.Reset(), "b", new Counter.Increment(-3)),
                Optional.of(new Counter.Increment(2)), Optional.empty(), new Counter.Admin.Shutdown("now"));

        assertThat(roundTrip(batch)).isEqualTo(batch);
    }

    @Test
    void refsAnywhereInAMessageGoOutAsAddressesAndComeBackAsTheSameRefs() {
        Team team = new Team("core", List.of(alice, bob), Map.of("lead", alice), Optional.of(bob),
                new Nested(new Inner(bob, new Counter.Get(replies)), Set.of(UUID.randomUUID())));

        SerializedMessage wire = serialization.serialize(team);
        Team back = (Team) serialization.deserialize(wire.serializerId(), wire.manifest(), wire.payload());

        assertThat(back).isEqualTo(team);
        assertThat(back.nested().inner().deep()).isSameAs(bob);
        assertThat(new String(wire.payload(), StandardCharsets.ISO_8859_1))
                .contains(alice.path().toStringWithUid(), bob.path().toStringWithUid());
    }

    @Test
    void nullComponentsStayNull() {
        Team team = new Team(null, List.of(), Map.of(), Optional.empty(), new Nested(new Inner(null, null), Set.of()));

        assertThat(roundTrip(team)).isEqualTo(team);
    }

    @Test
    void scalarsTimesEnumsMapsAndArraysComeBackEqual() {
        Scalars scalars = new Scalars(true, (byte) -7, (short) 300, 'ß', Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f,
                Math.PI, 42, new BigInteger("123456789012345678901234567890"), new BigDecimal("-0.000123456789"),
                UUID.randomUUID(), new byte[] {0, 1, -1, 127}, Instant.parse("2026-12-01T10:15:30.123456789Z"),
                Duration.ofMillis(1500), LocalDate.of(2026, 12, 1), LocalTime.of(23, 59, 58),
                LocalDateTime.of(2026, 2, 28, 12, 0), Color.GREEN, Map.of(Color.RED, 3L), Map.of(7, "seven"),
                new String[] {"a", "b"});

        assertThat(roundTrip(scalars)).usingRecursiveComparison().isEqualTo(scalars);
    }

    @Test
    void aRecursiveStructureComesBackWhole() {
        Tree tree = new Tree("root", List.of(new Tree("a", List.of(new Tree("a1", List.of()))),
                new Tree("b", List.of())));

        assertThat(roundTrip(tree)).isEqualTo(tree);
    }

    @Test
    void stringsAndBoxedPrimitivesAreAllowedWithoutRegistration() {
        List<Object> builtIns = List.of("text", 42, 7L, (short) 3, (byte) 1, 2.5, 1.25f, true, 'x');

        for (Object message : builtIns) {
            assertThat(roundTrip(message)).isEqualTo(message);
            assertThat(serialization.serialize(message).manifest()).isEqualTo(message.getClass().getName());
        }
    }

    @Test
    void aTypeOfACustomSerializerUsesThatSerializerItsIdAndItsManifest() {
        Point point = new Point(3, -4);

        SerializedMessage wire = serialization.serialize(point);

        assertThat(wire.serializerId()).isEqualTo(PointSerializer.ID);
        assertThat(wire.manifest()).isEqualTo("point");
        assertThat(wire.payload()).hasSize(8);
        assertThat(serialization.deserialize(wire.serializerId(), wire.manifest(), wire.payload())).isEqualTo(point);
    }

    @Test
    void twoNodesWithTheSameTypesReadEachOthersBytes() {
        MessageTypes sameTypes = TestMessages.types();
        Serialization otherNode = new Serialization(sameTypes, List.of(), new MapRefResolver().know(replies));
        SerializedMessage wire = serialization.serialize(new Counter.Get(replies));

        assertThat(otherNode.deserialize(wire.serializerId(), wire.manifest(), wire.payload()))
                .isEqualTo(new Counter.Get(replies));
    }

    /** A plain final class, serialized by hand: what a user's own format looks like. */
    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Point p && p.x == x && p.y == y;
        }

        @Override
        public int hashCode() {
            return 31 * x + y;
        }
    }

    // tag::custom-serializer[]
    static final class PointSerializer implements RemoteSerializer {
        static final int ID = 100;

        @Override
        public int id() {
            return ID;
        }

        @Override
        public Set<Class<?>> types() {
            return Set.of(Point.class);
        }

        @Override
        public String manifest(Object message) {
            return "point";
        }

        @Override
        public byte[] toBinary(Object message) {
            Point point = (Point) message;
            return ByteBuffer.allocate(8).putInt(point.x).putInt(point.y).array();
        }

        @Override
        public Object fromBinary(byte[] payload, String manifest) {
            if (!manifest.equals("point") || payload.length != 8) {
                throw new IllegalArgumentException("not a point: " + manifest + ", " + payload.length + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            return new Point(buffer.getInt(), buffer.getInt());
        }
    }
    // end::custom-serializer[]
}
