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
 * Batching: a send only adds its frame to `queue` and, if no drain is scheduled yet, schedules one on the
 * channel's event loop (`drainScheduled`). The drain takes up to DRAIN_BATCH frames under the lock, writes them
 * outside it (so senders never wait for encoding or encryption) and flushes once; if frames remain and the
 * channel is still writable it schedules itself again, letting reads and heartbeats run in between. So a busy
 * lane pays one task and one system call per batch, not per message, and an idle lane's single message goes out
 * at once. A channel above its high water mark is drained again by `writable`.
 *
 * Order: frames leave `queue` in the order the senders took the lock, and only drains (all on the one event
 * loop, one at a time) take them out, so they are written in that order; `sendIfConnected` (heartbeats, which
 * carry no order) is the one write that bypasses the queue.
 */

/** One connection from this node to another, with its queue and reconnect backoff. Thread-safe. */
final class OutboundLane {
    /** Frames written per drain at most, so that one busy lane cannot hold its event loop for long. */
    private static final int DRAIN_BATCH = 512;

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
    /** A drain task is scheduled on the channel's event loop and has not yet taken its batch. */
    private boolean drainScheduled;

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

    /** Queues {@code out} for the next drain (scheduling one if needed), or dead-letters it with the reason. */
    void send(Outgoing out) {
        String refusal;
        boolean connect = false;
        Channel drainOn = null;
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
                        drainOn = scheduleDrainLocked();
                    } else {
                        connect = startConnectingLocked();
                    }
                }
            }
        }
        if (refusal != null) {
            association.undeliverable(out, refusal);
        } else if (drainOn != null) {
            Channel ch = drainOn;
            ch.eventLoop().execute(() -> drain(ch));
        } else if (connect) {
            association.transport().connect(this);
        }
    }

    /** The channel to schedule a drain on, or null if one is scheduled already. */
    private Channel scheduleDrainLocked() {
        if (drainScheduled) {
            return null;
        }
        drainScheduled = true;
        return channel;
    }

    /**
     * Writes a batch of what waits and flushes once; schedules the next batch if more waits and the channel
     * takes it. On {@code ch}'s event loop.
     */
    private void drain(Channel ch) {
        List<Frame> batch;
        List<Outgoing> refused = new ArrayList<>(0);
        boolean more;
        synchronized (this) {
            if (channel != ch || !ch.isWritable()) {
                drainScheduled = false; // a newer channel drains for itself; an unwritable one is drained by writable()
                return;
            }
            batch = new ArrayList<>(Math.min(queue.size(), DRAIN_BATCH));
            for (int taken = 0; taken < DRAIN_BATCH && !queue.isEmpty(); taken++) {
                Outgoing out = queue.poll();
                if (refusal(out) == null) {
                    batch.add(out.frame());
                } else {
                    refused.add(out);
                }
            }
            more = !queue.isEmpty();
            drainScheduled = more;
        }
        for (Frame frame : batch) {
            ch.write(frame, ch.voidPromise());
        }
        if (!batch.isEmpty()) {
            ch.flush();
        }
        if (more) {
            // On the event loop, so writable() cannot run between the check and what follows it.
            if (ch.isWritable()) {
                ch.eventLoop().execute(() -> drain(ch));
            } else {
                synchronized (this) {
                    drainScheduled = false;
                }
            }
        }
        refused.forEach(out -> association.undeliverable(out, refusal(out)));
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
            drainScheduled = true;
        }
        drain(ch);
    }

    /** The channel has room again: write what waited. */
    void writable(Channel ch) {
        boolean schedule;
        synchronized (this) {
            schedule = channel == ch && !drainScheduled && !queue.isEmpty();
            drainScheduled |= schedule;
        }
        if (schedule) {
            ch.eventLoop().execute(() -> drain(ch));
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
