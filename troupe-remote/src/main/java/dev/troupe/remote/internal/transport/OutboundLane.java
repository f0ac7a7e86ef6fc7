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
 * Every send waits in `queue` (up to the outbound buffer size; more go to dead letters) and, when connected,
 * schedules one drain task on the channel's event loop unless one is scheduled already. The drain takes the
 * whole queue, writes it and flushes once: under load many messages share one task, one TLS record and one
 * system call. It stops while the channel is not writable (Netty's pending bytes above the high water mark);
 * the writability event drains again. So memory per lane is bounded by twice the buffer size in messages plus
 * the high water mark in bytes.
 *
 * Order: the queue is FIFO under the lock and only drain tasks, one at a time on the event loop, take from
 * it, so frames leave in the order senders took the lock.
 */

/** One connection from this node to another, with its queue and reconnect backoff. Thread-safe. */
final class OutboundLane {
    private final Association association;
    private final Lane lane;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private Channel channel;
    private long channelIncarnation;
    private boolean connecting;
    private boolean drainScheduled;
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

    /** Queues {@code out} for writing, or dead-letters it with the reason. */
    void send(Outgoing out) {
        String refusal;
        boolean connect = false;
        synchronized (this) {
            refusal = refusal(out);
            if (refusal == null) {
                if (queue.size() >= association.settings().outboundBufferSize()) {
                    refusal = "the outbound buffer of " + association.settings().outboundBufferSize() + " messages on"
                            + " the " + lane + " lane to " + association.node() + " is full"
                            + (channel == null ? " (the node is not connected)" : " (the node does not read fast enough)");
                } else {
                    queue.add(out);
                    if (channel != null) {
                        scheduleDrainLocked();
                    } else {
                        connect = startConnectingLocked();
                    }
                }
            }
        }
        if (refusal != null) {
            association.undeliverable(out, refusal);
        } else if (connect) {
            association.transport().connect(this);
        }
    }

    private void scheduleDrainLocked() {
        if (!drainScheduled) {
            drainScheduled = true;
            Channel ch = channel;
            ch.eventLoop().execute(() -> drain(ch));
        }
    }

    /** Writes what waits on {@code ch}, if it is still this lane's channel and writable. On its event loop. */
    private void drain(Channel ch) {
        List<Outgoing> batch = new ArrayList<>();
        List<Outgoing> refused = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        synchronized (this) {
            drainScheduled = false;
            if (channel != ch) {
                if (channel != null && !queue.isEmpty()) {
                    scheduleDrainLocked(); // a newer channel came while this drain was scheduled for the old one
                }
                return;
            }
            if (!ch.isWritable()) {
                return; // the writability event drains again
            }
            for (Outgoing out; (out = queue.poll()) != null; ) {
                String refusal = refusal(out);
                if (refusal == null) {
                    batch.add(out);
                } else {
                    refused.add(out);
                    reasons.add(refusal);
                }
            }
        }
        for (Outgoing out : batch) {
            ch.write(out.frame(), ch.voidPromise());
        }
        ch.flush();
        for (int i = 0; i < refused.size(); i++) {
            association.undeliverable(refused.get(i), reasons.get(i));
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
            scheduleDrainLocked();
        }
    }

    /** The channel has room again: write what waited. */
    synchronized void writable(Channel ch) {
        if (channel == ch && !queue.isEmpty()) {
            scheduleDrainLocked();
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
     * Incarnation {@code gone} of the peer is quarantined: closes this lane's connection if it is to that
     * incarnation, and takes out of the queue, for dead letters, what was for it; what was tied to no
     * incarnation goes too unless the peer {@code restarted} (then it waits for the new one, in its place in the
     * queue). A connection already handshaken with a newer incarnation stays: another lane may have seen the
     * restart first, and closing this one could lose what it was writing.
     */
    List<Outgoing> quarantined(long gone, boolean restarted) {
        Channel ch = null;
        boolean connect;
        List<Outgoing> dropped = new ArrayList<>();
        synchronized (this) {
            if (channel != null && channelIncarnation == gone) {
                ch = channel;
                channel = null;
            }
            queue.removeIf(out -> {
                boolean drop = out.incarnation() == gone || (out.incarnation() == 0 && !restarted);
                if (drop) {
                    dropped.add(out);
                }
                return drop;
            });
            // what stays waits for the new incarnation: connect again (the closed channel's end will not)
            connect = ch != null && !queue.isEmpty() && startConnectingLocked();
        }
        if (ch != null) {
            ch.close();
        }
        if (connect) {
            association.transport().connect(this);
        }
        return dropped;
    }

    /** Closes the connection for good, when the node closes, and hands back what waited, for dead letters. */
    List<Outgoing> close() {
        Channel ch;
        Channel pending;
        List<Outgoing> waiting;
        synchronized (this) {
            closed = true;
            ch = channel;
            channel = null;
            pending = attempt;
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
