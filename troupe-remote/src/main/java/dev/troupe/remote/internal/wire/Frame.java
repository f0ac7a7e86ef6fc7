package dev.troupe.remote.internal.wire;

import java.util.Objects;

/**
 * What travels in one length-prefixed frame. The encoding is in {@link FrameCodec}; docs/remote.md describes
 * the wire format.
 */
public sealed interface Frame {

    /** The first frame on every connection, sent by the connecting side. */
    record Handshake(Lane lane, String from, long incarnation, String to) implements Frame {
        public Handshake {
            Objects.requireNonNull(lane, "lane");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The accepting side's answer to a handshake it took: its address and incarnation. */
    record HandshakeAccepted(String address, long incarnation) implements Frame {
        public HandshakeAccepted {
            Objects.requireNonNull(address, "address");
        }
    }

    /** The accepting side's answer to a handshake it refused, just before it closes the connection. */
    record HandshakeRejected(String reason) implements Frame {
        public HandshakeRejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Sent on the control lane at every heartbeat interval; answered with {@link HeartbeatAck}. */
    record Heartbeat() implements Frame {}

    /** The answer to a {@link Heartbeat}, on the same connection. */
    record HeartbeatAck() implements Frame {}

    /** A user message: the recipient's path with uid and the serialized message. */
    record Message(String recipient, int serializerId, String manifest, byte[] payload) implements Frame {
        public Message {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** {@code watcher} (on the sending node) watches {@code watchee} (on the receiving node). */
    record Watch(String watchee, String watcher) implements Frame {
        public Watch {
            Objects.requireNonNull(watchee, "watchee");
            Objects.requireNonNull(watcher, "watcher");
        }
    }

    /** {@code watcher} (on the sending node) no longer watches {@code watchee}. */
    record Unwatch(String watchee, String watcher) implements Frame {
        public Unwatch {
            Objects.requireNonNull(watchee, "watchee");
            Objects.requireNonNull(watcher, "watcher");
        }
    }

    /** {@code actor} (on the sending node) has stopped; {@code watcher} (on the receiving node) watched it. */
    record Terminated(String actor, String watcher) implements Frame {
        public Terminated {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(watcher, "watcher");
        }
    }
}
