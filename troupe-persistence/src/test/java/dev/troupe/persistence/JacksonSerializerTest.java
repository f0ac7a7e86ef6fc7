package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.persistence.Shelf.Event;
import dev.troupe.persistence.Shelf.Items;
import dev.troupe.persistence.Upcaster.Upcast;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JacksonSerializerTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    /** An event of an older release: two items at once. Retired since; stored ones are split on reading. */
    record PlacedPair(String first, String second) {}

    private static final TypeRegistry CURRENT = TypeRegistry.empty()
            .register(Event.Placed.class, "shelf.placed", 1)
            .register(Items.class, "shelf.items", 1);

    // tag::upcasters[]
    // Version 1 of "shelf.placed" called the field "name"; version 2 calls it "item".
    // "shelf.pair" is retired: each stored pair becomes two "shelf.placed" events.
    static final TypeRegistry EVOLVED = TypeRegistry.empty()
            .register(Event.Placed.class, "shelf.placed", 2)
            .register(Items.class, "shelf.items", 1)
            .withUpcaster("shelf.placed", 1, tree -> {
                ObjectNode fields = (ObjectNode) tree;
                fields.set("item", fields.remove("name"));
                return List.of(new Upcast("shelf.placed", 2, fields));
            })
            .withUpcaster("shelf.pair", 1, tree -> List.of(
                    new Upcast("shelf.placed", 2, item(tree.get("first"))),
                    new Upcast("shelf.placed", 2, item(tree.get("second")))));

    static JsonNode item(JsonNode value) {
        return JsonNodeFactory.instance.objectNode().set("item", value);
    }
    // end::upcasters[]

    static Stream<JacksonSerializer> formats() {
        return Stream.of(JacksonSerializer.json(CURRENT), JacksonSerializer.cbor(CURRENT));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void registeredEventsAndStatesRoundTrip(JacksonSerializer serializer) {
        Event.Placed event = new Event.Placed("apple");
        Items state = new Items(List.of("apple", "fig"));

        assertThat(serializer.deserialize(serializer.serialize(event))).isEqualTo(event);
        assertThat(serializer.deserialize(serializer.serialize(state))).isEqualTo(state);
        assertThat(serializer.serialize(event).typeName()).isEqualTo("shelf.placed");
        assertThat(serializer.serialize(event).version()).isEqualTo(1);
    }

    @Test
    void jsonStoresTheFieldsUnderTheRegisteredNameNotTheClassName() {
        SerializedPayload payload = JacksonSerializer.json(CURRENT).serialize(new Event.Placed("apple"));

        assertThat(new String(payload.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"item\":\"apple\"}");
        assertThat(JacksonSerializer.cbor(CURRENT).serialize(new Event.Placed("apple")).bytes().length)
                .isLessThan(payload.bytes().length);
    }

    @Test
    void anUnregisteredClassIsRefused() {
        assertThatThrownBy(() -> JacksonSerializer.json(CURRENT).serialize(new PlacedPair("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not registered");
    }

    @Test
    void anUpcasterRenamesAField() {
        SerializedPayload v1 = new SerializedPayload("shelf.placed", 1, utf8("{\"name\":\"apple\"}"));

        assertThat(JacksonSerializer.json(EVOLVED).deserialize(v1)).isEqualTo(new Event.Placed("apple"));
    }

    @Test
    void anUpcasterSplitsAnEvent() {
        SerializedPayload pair = new SerializedPayload("shelf.pair", 1, utf8("{\"first\":\"fig\",\"second\":\"kiwi\"}"));
        JacksonSerializer serializer = JacksonSerializer.json(EVOLVED);

        assertThat(serializer.deserializeEvents(pair))
                .containsExactly(new Event.Placed("fig"), new Event.Placed("kiwi"));
        assertThatThrownBy(() -> serializer.deserialize(pair)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upcasts to 2 values");
    }

    @Test
    void unknownNamesAndVersionsFailNamingThem() {
        JacksonSerializer serializer = JacksonSerializer.json(CURRENT);

        assertThatThrownBy(() -> serializer.deserialize(new SerializedPayload("shelf.gone", 1, utf8("{}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown type name \"shelf.gone\"");
        assertThatThrownBy(() -> serializer.deserialize(new SerializedPayload("shelf.placed", 7, utf8("{}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stored at version 7");
        assertThatThrownBy(() -> serializer.deserialize(new SerializedPayload("shelf.placed", 1, utf8("{oops"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unreadable bytes");
    }

    @Test
    void registeringTwiceIsRefused() {
        assertThatThrownBy(() -> CURRENT.register(Event.Placed.class, "other", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CURRENT.register(PlacedPair.class, "shelf.placed", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EVOLVED.withUpcaster("shelf.pair", 1, tree -> List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CURRENT.register(PlacedPair.class, " ", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEntityRecoversFromEventsOfOlderSchemas(@TempDir Path directory) {
        Path file = directory.resolve("evolving.db");
        PersistenceId id = PersistenceId.of("shelf", "evolving");
        TypeRegistry old = TypeRegistry.empty().register(OldPlaced.class, "shelf.placed", 1)
                .register(PlacedPair.class, "shelf.pair", 1);
        try (SqliteStore store = SqliteStore.open(SqliteSettings.of(file, JacksonSerializer.json(old)))) {
            JournalContract.await(store.journal().write(List.of(
                    new PersistentEvent(id, 1, new OldPlaced("apple"), Set.of()),
                    new PersistentEvent(id, 2, new PlacedPair("fig", "kiwi"), Set.of()),
                    new PersistentEvent(id, 3, new OldPlaced("lime"), Set.of()))));
        }

        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();
        try (SqliteStore store = SqliteStore.open(SqliteSettings.of(file, JacksonSerializer.json(EVOLVED)))) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("evolving", store.journal())
                    .withSignalHandler((state, signal) -> signals.ref().tell(signal)).behavior());
            signals.expectMessage(new RecoveryCompleted(3));
            shelf.tell(new Command.Put("plum", replies.ref()));
            replies.expectMessage(List.of("apple", "fig", "kiwi", "lime", "plum"));
            assertThat(JournalContract.await(store.journal().read(id, 4, 10))).extracting(PersistentEvent::event)
                    .containsExactly(new Event.Placed("plum"));
        }
    }

    /** Version 1 of the placed event, as an older release wrote it. */
    record OldPlaced(String name) {}

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
