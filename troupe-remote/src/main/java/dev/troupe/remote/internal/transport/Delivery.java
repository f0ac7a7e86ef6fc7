package dev.troupe.remote.internal.transport;

import dev.troupe.remote.internal.wire.Frame;

/** Where frames that arrived on an inbound connection go once its handshake is done. */
public interface Delivery {
    /**
     * Delivers a {@link Frame.Message}, {@link Frame.Watch}, {@link Frame.Unwatch} or {@link Frame.Terminated}
     * from {@code from}. Called on the connection's event-loop thread, in the order the frames arrived; must
     * not block and must not throw.
     */
    void deliver(Association from, Frame frame);
}
