package dev.troupe.remote.internal.transport;

import dev.troupe.remote.internal.wire.Frame;
import dev.troupe.remote.internal.wire.Lane;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/*
 * One lane (one TCP connection) from this node to another. States, guarded by `this`:
 *   idle        channel == null, !connecting, no reconnect scheduled
 *   connecting  a connect (TCP, TLS, Troupe handshake) is under way on `attempt`, or a reconnect is scheduled
 *   connected   channel != null: handshake accepted by the peer, incarnation known
 * Sends while not connected, or while the channel is not writable (Netty's pending bytes above the high
 * water mark), wait in `queue`, up to the outbound buffer size; more go to dead letters. So memory per lane
 * is bounded by the buffer size in messages plus the channel's high water mark in bytes.
 *
 * Order: every write is submitted to the channel's event loop while holding the lock, so the event loop runs
 * them in the order the senders took the lock; a write that would start on the event loop itself is submitted
 * as a task too, so that it cannot overtake writes submitted before it. Queued frames are written before any
 * later send, because a send writes directly only when the queue is empty.
 */

/** One connection from this node to another, with its queue and reconnect backoff. Thread-safe. */
final class OutboundLane {
    private final Association association;
    private final Lane lane;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private Channel channel;
    private long channelIncarnation;
    private boolean connecting;
    /** The channel of the connect under way; only its outcome counts, so a closed older channel is ignored. */
    private Channel attempt;
    private int failures;
    private boolean closed;

    OutboundLane(Association association, Lane lane) {
        this.association = association;
        this.lane = lane;
    }

    Lane lane() {
        return lane;
    }

    Association association() {
        return association;
    }

    /** Writes {@code out} now, queues it, or dead-letters it with the reason. */
    void send(Outgoing out) {
        String refusal;
        boolean connect = false;
        synchronized (this) {
            refusal = refusal(out);
            if (refusal == null) {
                if (channel != null && queue.isEmpty() && channel.isWritable()) {
                    write(channel, out.frame());
                    return;
                }
                if (queue.size() >= association.settings().outboundBufferSize()) {
                    refusal = "the outbound buffer of " + association.settings().outboundBufferSize() + " messages on"
                            + " the " + lane + " lane to " + association.node() + " is full"
                            + (channel == null ? " (the node is not connected)" : " (the node does not read fast enough)");
                } else {
                    queue.add(out);
                    connect = startConnectingLocked();
                }
            }
        }
        if (refusal != null) {
            association.undeliverable(out, refusal);
        } else if (connect) {
            association.transport().connect(this);
        }
    }

    /** Sends {@code frame} if connected, or does nothing: for heartbeats, which must not pile up. */
    boolean sendIfConnected(Frame frame) {
        synchronized (this) {
            if (channel == null || !channel.isWritable()) {
                return false;
            }
            write(channel, frame);
            return true;
        }
    }

    /** Connects if idle, so that the lane is up before it is needed (the control lane, for heartbeats). */
    void ensureConnected() {
        boolean connect;
        synchronized (this) {
            connect = startConnectingLocked();
        }
        if (connect) {
            association.transport().connect(this);
        }
    }

    /** Whether this lane is connected, connecting, or has frames waiting. */
    synchronized boolean isBusy() {
        return channel != null || connecting || !queue.isEmpty();
    }

    private boolean startConnectingLocked() {
        if (channel != null || connecting || closed) {
            return false;
        }
        connecting = true;
        return true;
    }

    private String refusal(Outgoing out) {
        if (closed) {
            return "the remote node of this system is closed";
        }
        long incarnation = out.incarnation();
        if (incarnation != 0 && association.isQuarantined(incarnation)) {
            return "incarnation " + Long.toHexString(incarnation) + " of " + association.node() + " is quarantined";
        }
        if (channel != null && incarnation != 0 && incarnation != channelIncarnation) {
            return "it was for incarnation " + Long.toHexString(incarnation) + " of " + association.node()
                    + ", which now runs incarnation " + Long.toHexString(channelIncarnation);
        }
        return null;
    }

    /** A connect was started on {@code ch}. */
    synchronized void attempting(Channel ch) {
        attempt = ch;
    }

    /** The peer accepted the handshake on {@code ch}: write what waited, in order. On the event loop. */
    void connected(Channel ch, long incarnation) {
        List<Outgoing> refused = new ArrayList<>();
        synchronized (this) {
            if (closed || ch != attempt) {
                ch.close();
                return;
            }
            attempt = null;
            channel = ch;
            channelIncarnation = incarnation;
            connecting = false;
            failures = 0;
            drainLocked(refused);
        }
        refused.forEach(out -> association.undeliverable(out, refusal(out)));
    }

    /** The channel has room again: write what waited. */
    void writable(Channel ch) {
        ch.eventLoop().execute(() -> {
            List<Outgoing> refused = new ArrayList<>();
            synchronized (this) {
                if (channel == ch) {
                    drainLocked(refused);
                }
            }
            refused.forEach(out -> association.undeliverable(out, refusal(out)));
        });
    }

    private void drainLocked(List<Outgoing> refused) {
        boolean wrote = false;
        while (!queue.isEmpty() && channel.isWritable()) {
            Outgoing out = queue.poll();
            if (refusal(out) != null) {
                refused.add(out);
            } else {
                channel.write(out.frame(), channel.voidPromise());
                wrote = true;
            }
        }
        if (wrote) {
            channel.flush();
        }
    }

    /**
     * The connection (or the attempt) ended. Reconnects after a backoff if anything waits or the association
     * wants this lane up.
     */
    void disconnected(Channel ch) {
        boolean reconnect;
        long delayNanos;
        synchronized (this) {
            if (ch == channel) {
                channel = null;
            } else if (ch == attempt) {
                attempt = null;
            } else {
                return; // a channel this lane already let go of (closed on quarantine, or stale)
            }
            connecting = false;
            if (closed) {
                return;
            }
            failures++;
            reconnect = !queue.isEmpty() || association.wantsLane(lane);
            delayNanos = backoffNanos();
            connecting = reconnect;
        }
        if (reconnect) {
            association.transport().scheduleReconnect(this, delayNanos);
        }
    }

    private long backoffNanos() {
        Duration min = association.settings().minBackoff();
        Duration max = association.settings().maxBackoff();
        long nanos = min.toNanos() << Math.min(failures - 1, 20);
        return Math.min(nanos, max.toNanos());
    }

    /**
     * Closes the connection and hands back what waited, for dead letters: on quarantine ({@code forGood}
     * false: a later send may connect again) or when the node closes ({@code forGood} true).
     */
    List<Outgoing> close(boolean forGood) {
        Channel ch;
        Channel pending;
        List<Outgoing> waiting;
        synchronized (this) {
            closed |= forGood;
            ch = channel;
            channel = null;
            pending = forGood ? attempt : null;
            waiting = new ArrayList<>(queue);
            queue.clear();
        }
        if (ch != null) {
            ch.close();
        }
        if (pending != null) {
            pending.close();
        }
        return waiting;
    }

    /** Hands back what waited, for dead letters, keeping the connection (attempt) as it is. */
    synchronized List<Outgoing> drop() {
        List<Outgoing> waiting = new ArrayList<>(queue);
        queue.clear();
        return waiting;
    }

    private static void write(Channel ch, Frame frame) {
        if (ch.eventLoop().inEventLoop()) {
            ch.eventLoop().execute(() -> ch.writeAndFlush(frame, ch.voidPromise()));
        } else {
            ch.writeAndFlush(frame, ch.voidPromise());
        }
    }
}
