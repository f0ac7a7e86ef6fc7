package dev.troupe.examples.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The JSON form of {@link ClientFrame}s and {@link ServerFrame}s, for the server and for clients alike. Stateless
 * and safe on any thread.
 *
 * <p>Decoding a client frame validates it completely, so the server acts only on well-formed frames: a room is
 * 1 to {@value #MAX_ROOM_LENGTH} letters, digits, {@code -} or {@code _}; a name 1 to {@value #MAX_NAME_LENGTH}
 * characters without control characters; a text 1 character or more without control characters other than
 * newline and tab. Anything else throws {@link MalformedFrameException} saying what is wrong. The tree model is
 * used rather than data binding so that each missing or mistyped field gets its own message.
 */
public final class ChatCodec {

    /** The longest room name. */
    public static final int MAX_ROOM_LENGTH = 32;
    /** The longest member name. */
    public static final int MAX_NAME_LENGTH = 32;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ROOM_LENGTH + "}");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1," + MAX_NAME_LENGTH + "}");
    private static final Pattern TEXT = Pattern.compile("(?:[^\\p{Cntrl}]|[\\n\\t])+");

    private ChatCodec() {}

    /** Reads and validates a client frame. */
    public static ClientFrame decodeClient(String json) throws MalformedFrameException {
        JsonNode node = parseObject(json);
        String type = text(node, "type");
        return switch (type) {
            case "join" -> new ClientFrame.Join(room(node), matching(node, "name", NAME));
            case "say" -> new ClientFrame.Say(room(node), matching(node, "text", TEXT));
            case "leave" -> new ClientFrame.Leave(room(node));
            default -> throw new MalformedFrameException(
                    "unknown type '" + type + "': expected join, say or leave");
        };
    }

    /** Writes a client frame. */
    public static String encode(ClientFrame frame) {
        ObjectNode node = JSON.createObjectNode();
        switch (frame) {
            case ClientFrame.Join(String room, String name) -> node.put("type", "join").put("room", room)
                    .put("name", name);
            case ClientFrame.Say(String room, String text) -> node.put("type", "say").put("room", room)
                    .put("text", text);
            case ClientFrame.Leave(String room) -> node.put("type", "leave").put("room", room);
        }
        return node.toString();
    }

    /** Writes a server frame. */
    public static String encode(ServerFrame frame) {
        ObjectNode node = JSON.createObjectNode();
        switch (frame) {
            case ServerFrame.Joined(String room, String name, List<String> members, List<ServerFrame.Message> history) -> {
                node.put("type", "joined").put("room", room).put("name", name);
                ArrayNode memberArray = node.putArray("members");
                members.forEach(memberArray::add);
                ArrayNode historyArray = node.putArray("history");
                history.forEach(m -> putMessage(historyArray.addObject(), m));
            }
            case ServerFrame.Message message -> putMessage(node.put("type", "message"), message);
            case ServerFrame.Presence(String room, String name, ServerFrame.Presence.Change change) ->
                    node.put("type", "presence").put("room", room).put("name", name)
                            .put("change", change.name().toLowerCase(Locale.ROOT));
            case ServerFrame.Left(String room) -> node.put("type", "left").put("room", room);
            case ServerFrame.Dropped(long count) -> node.put("type", "dropped").put("count", count);
            case ServerFrame.Error(ServerFrame.ErrorCode code, String message) -> node.put("type", "error")
                    .put("code", code.name().toLowerCase(Locale.ROOT)).put("message", message);
        }
        return node.toString();
    }

    /** Reads a server frame (for clients: it trusts the server and checks only the shape). */
    public static ServerFrame decodeServer(String json) throws MalformedFrameException {
        JsonNode node = parseObject(json);
        String type = text(node, "type");
        return switch (type) {
            case "joined" -> {
                List<String> members = new ArrayList<>();
                array(node, "members").forEach(m -> members.add(m.asText()));
                List<ServerFrame.Message> history = new ArrayList<>();
                for (JsonNode m : array(node, "history")) {
                    history.add(message(m));
                }
                yield new ServerFrame.Joined(text(node, "room"), text(node, "name"), members, history);
            }
            case "message" -> message(node);
            case "presence" -> new ServerFrame.Presence(text(node, "room"), text(node, "name"),
                    constant(ServerFrame.Presence.Change.class, text(node, "change")));
            case "left" -> new ServerFrame.Left(text(node, "room"));
            case "dropped" -> new ServerFrame.Dropped(number(node, "count"));
            case "error" -> new ServerFrame.Error(constant(ServerFrame.ErrorCode.class, text(node, "code")),
                    text(node, "message"));
            default -> throw new MalformedFrameException("unknown server frame type '" + type + "'");
        };
    }

    private static void putMessage(ObjectNode node, ServerFrame.Message m) {
        node.put("room", m.room()).put("seq", m.seq()).put("from", m.from()).put("text", m.text());
    }

    private static ServerFrame.Message message(JsonNode node) throws MalformedFrameException {
        return new ServerFrame.Message(text(node, "room"), number(node, "seq"), text(node, "from"),
                text(node, "text"));
    }

    private static JsonNode parseObject(String json) throws MalformedFrameException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedFrameException("expected a JSON object");
        }
        return node;
    }

    private static String room(JsonNode node) throws MalformedFrameException {
        return matching(node, "room", ROOM);
    }

    private static String matching(JsonNode node, String field, Pattern valid) throws MalformedFrameException {
        String value = text(node, field);
        if (!valid.matcher(value).matches()) {
            throw new MalformedFrameException("invalid '" + field + "'" + switch (field) {
                case "room" -> ": 1 to " + MAX_ROOM_LENGTH + " letters, digits, '-' or '_'";
                case "name" -> ": 1 to " + MAX_NAME_LENGTH + " characters, no control characters";
                default -> ": not empty, no control characters";
            });
        }
        return value;
    }

    private static String text(JsonNode node, String field) throws MalformedFrameException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedFrameException("missing string field '" + field + "'");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) throws MalformedFrameException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new MalformedFrameException("missing number field '" + field + "'");
        }
        return value.longValue();
    }

    private static JsonNode array(JsonNode node, String field) throws MalformedFrameException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new MalformedFrameException("missing array field '" + field + "'");
        }
        return value;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) throws MalformedFrameException {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("unknown " + type.getSimpleName() + " '" + name + "'");
        }
    }
}
