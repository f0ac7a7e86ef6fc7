package dev.troupe.remote.internal.wire;

/**
 * The connections from one node to another: each lane is its own TCP connection, so that a large payload or a
 * busy stream of ordinary messages never queues in front of heartbeats and death watch.
 */
public enum Lane {
    /** Handshakes, heartbeats, watch, unwatch and death notifications. */
    CONTROL,
    /** Ordinary messages. */
    ORDINARY,
    /** Messages whose payload is above the large-message threshold. */
    LARGE;

    private static final Lane[] BY_ID = values();

    byte id() {
        return (byte) ordinal();
    }

    /** The lane with the given wire id, or null. */
    static Lane byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
