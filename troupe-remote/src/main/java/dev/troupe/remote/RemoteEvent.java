package dev.troupe.remote;

import dev.troupe.actor.ActorPath;
import java.util.Objects;

/**
 * What a {@link RemoteNode} publishes on its system's {@link dev.troupe.actor.EventStream}: subscribe to
 * {@code RemoteEvent.class} for all of them, or to one record type. Events are published on the node's I/O
 * threads or on the sending thread; subscribers get them in publication order per publishing thread.
 */
public sealed interface RemoteEvent {

    /**
     * The failure detector's phi for {@code node} (a root path such as {@code troupe://shop@10.0.0.7:25520/})
     * rose above the threshold: heartbeats stopped arriving.
     */
    record Unreachable(ActorPath node) implements RemoteEvent {
        public Unreachable {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Heartbeats from {@code node} arrive again after it was {@link Unreachable}. */
    record Reachable(ActorPath node) implements RemoteEvent {
        public Reachable {
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * This node gave up on incarnation {@code incarnation} of {@code node}: it was unreachable for longer than
     * the down-after period, or it restarted as a new incarnation. Watchers of its actors got
     * {@link dev.troupe.actor.Terminated}, messages to it go to dead letters, and it cannot connect again; a
     * restarted process (a new incarnation) can.
     */
    record Quarantined(ActorPath node, long incarnation, String reason) implements RemoteEvent {
        public Quarantined {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A connection to or from another node failed or was refused: TLS or Troupe handshake failure, a malformed
     * or oversized frame, or an I/O error. Outbound connections are retried with backoff.
     *
     * @param peer the other node's address ({@code troupe://shop@10.0.0.7:25520}), or for an inbound connection
     *     that failed before its handshake, the socket address it came from ({@code /10.0.0.7:41234})
     */
    record ConnectionFailed(String peer, String reason) implements RemoteEvent {
        public ConnectionFailed {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A message that arrived from {@code node} could not be delivered: its type is not registered, its bytes
     * could not be read, or its recipient is not a valid path. (A message to an actor that does not exist or is
     * not published becomes a {@link dev.troupe.actor.DeadLetter} instead.)
     */
    record DeliveryFailed(ActorPath node, String recipient, String reason) implements RemoteEvent {
        public DeliveryFailed {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
