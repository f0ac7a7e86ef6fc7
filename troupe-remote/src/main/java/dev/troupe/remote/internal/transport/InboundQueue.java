package dev.troupe.remote.internal.transport;

import dev.troupe.remote.internal.wire.Frame;
import dev.troupe.remote.internal.wire.FrameCodec;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The frames of an ordinary or large inbound connection are delivered off the event loop, so that deserializing
 * them (a big payload, or a user's slow serializer) never holds up an I/O thread, which may also be serving a
 * control connection's heartbeats and death watch. Control frames are delivered on the event loop itself: they
 * are small, and Troupe's own.
 *
 * The event loop appends each frame; at most one drain task at a time runs on the delivery executor and
 * delivers them in arrival order, so per-connection order holds. States, guarded by `this`:
 *   idle      draining == false: nothing scheduled; the next frame schedules a drain
 *   draining  one drain is scheduled or running; it takes frames until none are left, then goes idle (under the
 *             lock, so a frame appended meanwhile is either taken or schedules a new drain)
 * A drain delivers at most DRAIN_BATCH frames and then schedules itself again, so that one busy connection
 * does not keep the other connections sharing its executor waiting.
 *
 * Memory is bounded: above maxPendingBytes (or MAX_PENDING_FRAMES) waiting, the connection stops reading, so TCP
 * pushes back on the sender, whose outbound buffer then fills to its own bound; reading resumes once the drain
 * has brought both below half. The decoder may still cut the frames of the read in hand: at most one read's
 * bytes more.
 */

/** The frames of one inbound connection on their way to delivery. Thread-safe. */
final class InboundQueue {
    static final int MAX_PENDING_FRAMES = 8192;
    private static final int DRAIN_BATCH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(InboundQueue.class);

    private final Association from;
    private final Delivery delivery;
    private final Channel channel;
    private final Executor executor;
    private final long maxPendingBytes;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private long pendingBytes;
    private boolean draining;
    private boolean paused;

    InboundQueue(Association from, Delivery delivery, Channel channel, Executor executor, long maxPendingBytes) {
        this.from = from;
        this.delivery = delivery;
        this.channel = channel;
        this.executor = executor;
        this.maxPendingBytes = maxPendingBytes;
    }

    /** Queues {@code frame} for delivery after those before it. On the connection's event loop. */
    void add(Frame frame) {
        boolean schedule;
        synchronized (this) {
            frames.add(frame);
            pendingBytes += FrameCodec.estimatedSize(frame);
            if (!paused && (pendingBytes > maxPendingBytes || frames.size() > MAX_PENDING_FRAMES)) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            schedule = !draining;
            draining = true;
        }
        if (schedule) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        for (int delivered = 0; ; delivered++) {
            Frame frame;
            boolean resume = false;
            synchronized (this) {
                if (delivered == DRAIN_BATCH && !frames.isEmpty()) {
                    executor.execute(this::drain); // still draining: let the executor's other connections in
                    return;
                }
                frame = frames.poll();
                if (frame == null) {
                    draining = false;
                    return;
                }
                pendingBytes -= FrameCodec.estimatedSize(frame);
                if (paused && pendingBytes <= maxPendingBytes / 2 && frames.size() <= MAX_PENDING_FRAMES / 2) {
                    paused = false;
                    resume = true;
                }
            }
            if (resume) {
                channel.config().setAutoRead(true);
            }
            try {
                delivery.deliver(from, frame);
            } catch (RuntimeException e) {
                LOG.error("Delivering a frame from {} failed", from.node(), e); // Delivery must not throw: a bug
            }
        }
    }

    /** Frames waiting (for tests and diagnostics). */
    synchronized int size() {
        return frames.size();
    }
}
