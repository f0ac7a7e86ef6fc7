package dev.troupe.persistence;

import dev.troupe.persistence.Shelf.Event;
import dev.troupe.persistence.Shelf.Items;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Serializes the test entity's events and state as text; refuses the item "poison", as a broken event. */
final class TextSerializer implements Serializer {
    @Override
    public SerializedPayload serialize(Object value) {
        return switch (value) {
            case Event.Placed(String item) when item.equals("poison") ->
                    throw new IllegalArgumentException("poison does not serialize");
            case Event.Placed(String item) -> new SerializedPayload("placed", 1, utf8(item));
            case Items(List<String> items) -> new SerializedPayload("items", 1, utf8(String.join("\n", items)));
            default -> throw new IllegalArgumentException("Not registered: " + value.getClass().getName());
        };
    }

    @Override
    public Object deserialize(SerializedPayload payload) {
        String text = new String(payload.bytes(), StandardCharsets.UTF_8);
        return switch (payload.typeName()) {
            case "placed" -> new Event.Placed(text);
            case "items" -> new Items(text.isEmpty() ? List.of() : Arrays.asList(text.split("\n")));
            default -> throw new IllegalArgumentException("Unknown type " + payload.typeName());
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
