package dev.troupe.remote.internal.transport;

import dev.troupe.remote.internal.wire.Frame;

/** Where frames that arrived on an inbound connection go once its handshake is done. */
public interface Delivery {
    /**
     * Delivers a {@link Frame.Message}, {@link Frame.Watch}, {@link Frame.Unwatch} or {@link Frame.Terminated}
     * from {@code from}, in the order the frames arrived on their connection: on the event loop for a control
     * connection (so it must not block), on a delivery thread for the others. Must not throw.
     */
    void deliver(Association from, Frame frame);
}
