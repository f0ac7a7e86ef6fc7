package dev.troupe.examples.chat;

import java.util.List;

/**
 * What the chat server sends: one JSON object per WebSocket text frame, its {@code type} naming the record.
 * {@link ChatCodec} reads and writes them. Immutable values, safe on any thread.
 */
public sealed interface ServerFrame {

    /**
     * The answer to a join: who is in the room now (the joiner included) and the room's last messages, oldest
     * first. Every later message of the room reaches the joiner after this frame.
     */
    record Joined(String room, String name, List<String> members, List<Message> history) implements ServerFrame {
        public Joined {
            members = List.copyOf(members);
            history = List.copyOf(history);
        }
    }

    /**
     * A message posted to a room. {@code seq} numbers the room's messages from 1 without gaps; every member
     * sees them in that one order, so two members never disagree about what was said first.
     */
    record Message(String room, long seq, String from, String text) implements ServerFrame {}

    /** Someone else entered or left a room this connection is in. */
    record Presence(String room, String name, Change change) implements ServerFrame {

        /** The kind of presence change. */
        public enum Change { JOINED, LEFT }
    }

    /** The answer to a leave: no message of {@code room} follows. */
    record Left(String room) implements ServerFrame {}

    /**
     * This connection read too slowly and the server dropped its {@code count} oldest pending frames (policy
     * {@link SlowConsumerPolicy#DROP_OLDEST}); the frames after this one are the newest that were kept.
     */
    record Dropped(long count) implements ServerFrame {}

    /** A frame of this client was refused; the connection stays open. {@code code} is one of {@link ErrorCode}. */
    record Error(ErrorCode code, String message) implements ServerFrame {}

    /** Why a client frame was refused. */
    enum ErrorCode {
        /** Not JSON, not an object, an unknown type, a missing or invalid field. */
        MALFORMED,
        /** Longer than the server's maximum frame size. */
        TOO_LONG,
        /** A binary or fragmented WebSocket frame: the protocol is whole text frames only. */
        UNSUPPORTED_FRAME,
        /** A say or leave for a room this connection is not in (it may not even exist). */
        NOT_JOINED,
        /** A join for a room this connection is already in, or is joining. */
        ALREADY_JOINED,
        /** Another member of the room has that name. */
        NAME_TAKEN,
        /** This connection is in as many rooms as it may be, or the server holds as many rooms as it may. */
        LIMIT_REACHED
    }
}
