package dev.troupe.examples.chat;

/**
 * What the server does with a client that reads slower than its rooms talk, once that client's outbound queue
 * ({@link ChatSettings#outboundCapacity()}) is full. Either way the memory one slow client can hold is bounded.
 */
public enum SlowConsumerPolicy {
    /**
     * Drop the oldest pending frame to make room for the new one; when the client catches up it first gets a
     * {@link ServerFrame.Dropped} saying how many it missed. For chat rooms, where the newest messages matter.
     */
    DROP_OLDEST,
    /**
     * Close the connection (WebSocket close code 1008, "slow consumer"). For clients that must never miss a
     * message: they reconnect and rejoin, replaying the room's history.
     */
    DISCONNECT
}
