package dev.troupe.examples.chat.internal;

import dev.troupe.actor.AbstractBehavior;
import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import dev.troupe.examples.chat.ChatSettings;
import dev.troupe.examples.chat.ServerFrame.ErrorCode;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat server's guardian: it spawns a {@link Connection} for every new channel and a {@link Room} for every
 * room name on its first join, and routes joins to rooms. Only joins pass through it; says go from a connection
 * straight to the room it joined, so this actor is not on the path of the message traffic.
 *
 * <p>Connections are named {@code conn-<channel id>} and rooms {@code room-<name>} (room names are valid actor
 * names by the protocol's rules), so the actor tree reads like the server's state.
 */
public final class Directory extends AbstractBehavior<Directory.Message> {

    /** The messages of the directory. */
    public sealed interface Message {
        /** A channel became active: spawn its connection actor. */
        record Open(Channel channel) implements Message {}

        /** A connection asks to join a room, spawning it if needed. */
        record JoinRoom(String room, String name, ActorRef<Connection.Message> member) implements Message {}

        /** Asks for the live connection actors. */
        record GetConnections(ActorRef<List<ActorRef<Connection.Message>>> replyTo) implements Message {}

        /** Asks for the member names of a room; an unknown room has none. */
        record GetMembers(String room, ActorRef<List<String>> replyTo) implements Message {}

        /** A connection actor stopped. */
        record ConnectionStopped(ActorRef<Connection.Message> connection) implements Message {}
    }

    private final ChatSettings settings;
    private final Map<ActorRef<Connection.Message>, Channel> connections = new LinkedHashMap<>();
    private final Map<String, ActorRef<Room.Message>> rooms = new HashMap<>();

    private Directory(ActorContext<Message> ctx, ChatSettings settings) {
        super(ctx);
        this.settings = settings;
    }

    /** The guardian behavior of a chat server with {@code settings}. */
    public static Behavior<Message> behavior(ChatSettings settings) {
        return Behaviors.setup(ctx -> new Directory(ctx, settings));
    }

    @Override
    public Behavior<Message> onMessage(Message message) {
        switch (message) {
            case Message.Open(Channel channel) -> {
                ActorRef<Connection.Message> connection = getContext().spawn(
                        Connection.behavior(channel, getContext().self(), settings),
                        "conn-" + channel.id().asShortText(), Props.empty().withActorType("chat-connection"));
                connections.put(connection, channel);
                getContext().watchWith(connection, new Message.ConnectionStopped(connection));
            }
            case Message.JoinRoom(String room, String name, ActorRef<Connection.Message> member) -> {
                ActorRef<Room.Message> roomRef = rooms.get(room);
                if (roomRef == null && rooms.size() >= settings.maxRooms()) {
                    member.tell(new Connection.Message.JoinRefused(room, ErrorCode.LIMIT_REACHED,
                            "the server holds " + settings.maxRooms() + " rooms, its maximum"));
                    return this;
                }
                if (roomRef == null) {
                    roomRef = getContext().spawn(Room.behavior(room, settings.historySize()), "room-" + room,
                            Props.empty().withActorType("chat-room"));
                    rooms.put(room, roomRef);
                }
                roomRef.tell(new Room.Message.Join(name, member));
            }
            case Message.GetConnections(ActorRef<List<ActorRef<Connection.Message>>> replyTo) ->
                    replyTo.tell(List.copyOf(connections.keySet()));
            case Message.GetMembers(String room, ActorRef<List<String>> replyTo) -> {
                ActorRef<Room.Message> roomRef = rooms.get(room);
                if (roomRef == null) {
                    replyTo.tell(List.of());
                } else {
                    roomRef.tell(new Room.Message.GetMembers(replyTo));
                }
            }
            case Message.ConnectionStopped(ActorRef<Connection.Message> connection) ->
                    // Closed already if the client went; if the actor failed, the client must not hang on.
                    connections.remove(connection).close();
        }
        return this;
    }
}
