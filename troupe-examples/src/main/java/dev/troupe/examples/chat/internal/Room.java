package dev.troupe.examples.chat.internal;

import dev.troupe.actor.AbstractBehavior;
import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.examples.chat.ChatCodec;
import dev.troupe.examples.chat.ServerFrame;
import dev.troupe.examples.chat.ServerFrame.ErrorCode;
import dev.troupe.examples.chat.ServerFrame.Presence.Change;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actor of one chat room: its members, its message sequence and its last messages.
 *
 * <p><b>Order.</b> Every message of the room passes through this one actor, which numbers it and tells it to
 * every member in that order; a member's connection writes what it is told in order. So all members see the
 * room's messages in one order, and each sender's messages in the order it sent them.
 *
 * <p><b>Presence.</b> A joiner gets a {@link ServerFrame.Joined} with the member list and the history; the
 * others get a {@link ServerFrame.Presence}. The room watches each member, so a connection that stops without
 * leaving (its client vanished) is removed and announced as left just the same.
 *
 * <p><b>Lifetime.</b> A room lives as long as the server, empty or not, so that its history greets later
 * joiners; the {@link Directory} bounds how many rooms there are. Each message is encoded to JSON once, here,
 * and the same string goes to every member.
 */
final class Room extends AbstractBehavior<Room.Message> {

    /** The messages of a room actor. */
    sealed interface Message {
        /** A connection asks to enter as {@code name}; answered with RoomJoined or JoinRefused. */
        record Join(String name, ActorRef<Connection.Message> member) implements Message {}

        /** A member posts a text. */
        record Post(ActorRef<Connection.Message> member, String text) implements Message {}

        /** A member leaves; answered with a {@link ServerFrame.Left}. */
        record Leave(ActorRef<Connection.Message> member) implements Message {}

        /** A member's connection actor stopped. */
        record MemberGone(ActorRef<Connection.Message> member) implements Message {}

        /** Asks for the members' names, in order of joining. */
        record GetMembers(ActorRef<List<String>> replyTo) implements Message {}
    }

    private final String name;
    private final int historySize;
    private final Map<ActorRef<Connection.Message>, String> members = new LinkedHashMap<>();
    private final ArrayDeque<ServerFrame.Message> history = new ArrayDeque<>();
    private long seq;

    private Room(ActorContext<Message> ctx, String name, int historySize) {
        super(ctx);
        this.name = name;
        this.historySize = historySize;
    }

    static Behavior<Message> behavior(String name, int historySize) {
        return Behaviors.setup(ctx -> new Room(ctx, name, historySize));
    }

    @Override
    public Behavior<Message> onMessage(Message message) {
        switch (message) {
            case Message.Join(String memberName, ActorRef<Connection.Message> member) -> join(memberName, member);
            case Message.Post(ActorRef<Connection.Message> member, String text) -> post(member, text);
            case Message.Leave(ActorRef<Connection.Message> member) -> {
                getContext().unwatch(member);
                remove(member);
                member.tell(deliver(new ServerFrame.Left(name)));
            }
            case Message.MemberGone(ActorRef<Connection.Message> member) -> remove(member);
            case Message.GetMembers(ActorRef<List<String>> replyTo) -> replyTo.tell(List.copyOf(members.values()));
        }
        return this;
    }

    private void join(String memberName, ActorRef<Connection.Message> member) {
        if (members.containsValue(memberName)) {
            member.tell(new Connection.Message.JoinRefused(name, ErrorCode.NAME_TAKEN,
                    "'" + memberName + "' is already in room '" + name + "'"));
            return;
        }
        tellAll(deliver(new ServerFrame.Presence(name, memberName, Change.JOINED)));
        members.put(member, memberName);
        getContext().watchWith(member, new Message.MemberGone(member));
        String joined = ChatCodec.encode(new ServerFrame.Joined(name, memberName, new ArrayList<>(members.values()),
                new ArrayList<>(history)));
        member.tell(new Connection.Message.RoomJoined(name, getContext().self(), joined));
    }

    private void post(ActorRef<Connection.Message> member, String text) {
        String from = members.get(member);
        if (from == null) { // left while the post was on its way
            member.tell(new Connection.Message.Posted(null));
            return;
        }
        ServerFrame.Message frame = new ServerFrame.Message(name, ++seq, from, text);
        if (historySize > 0) {
            if (history.size() == historySize) {
                history.poll();
            }
            history.add(frame);
        }
        String json = ChatCodec.encode(frame);
        Connection.Message.Deliver deliver = new Connection.Message.Deliver(json);
        for (ActorRef<Connection.Message> m : members.keySet()) {
            m.tell(m.equals(member) ? new Connection.Message.Posted(json) : deliver); // the poster's frame counts as done
        }
    }

    private void remove(ActorRef<Connection.Message> member) {
        String memberName = members.remove(member);
        if (memberName != null) {
            tellAll(deliver(new ServerFrame.Presence(name, memberName, Change.LEFT)));
        }
    }

    private void tellAll(Connection.Message.Deliver deliver) {
        members.keySet().forEach(m -> m.tell(deliver));
    }

    private static Connection.Message.Deliver deliver(ServerFrame frame) {
        return new Connection.Message.Deliver(ChatCodec.encode(frame));
    }
}
