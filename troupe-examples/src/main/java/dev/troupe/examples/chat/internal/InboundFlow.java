package dev.troupe.examples.chat.internal;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Back-pressure from a connection's actor to its socket, so that a client that floods the server fills its own
 * TCP window rather than the server's heap. The handler counts each frame it hands to the actor; the actor
 * counts a frame finished once it is done with it, and a post only when its room has taken it (the room answers
 * the poster with {@link Connection.Message.Posted}), so posts waiting in a room's mailbox count against their
 * sender too. At {@link #PAUSE_AT} unfinished frames the channel stops reading; below {@link #RESUME_BELOW} it
 * reads again. A read already under way still delivers what its buffer holds, so the bound is those frames plus
 * one socket read.
 *
 * <p><b>Threads.</b> {@link #read} runs on the channel's event loop, {@link #finished} on the actor's thread.
 * Pausing and resuming happen only on the event loop. The flag is written before the count is read again (by
 * {@code read}) and the count before the flag is read (by {@code finished}), both through volatile accesses, so
 * whichever of the two comes second sees the other: a pause is never left in place once the actor has caught up.
 */
final class InboundFlow {
    static final int PAUSE_AT = 64;
    static final int RESUME_BELOW = 16;

    private final Channel channel;
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile boolean paused;
    private volatile int maxUnfinished;

    InboundFlow(Channel channel) {
        this.channel = channel;
    }

    /** A frame was handed to the actor. Event loop only. */
    void read() {
        int now = unfinished.incrementAndGet();
        if (now > maxUnfinished) {
            maxUnfinished = now;
        }
        if (now >= PAUSE_AT && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
            resumeIfCaughtUp(); // the actor may have finished frames between the count and the flag
        }
    }

    /** The actor is done with {@code frames} frames. The actor's thread. */
    void finished(int frames) {
        if (frames > 0 && unfinished.addAndGet(-frames) < RESUME_BELOW && paused) {
            channel.eventLoop().execute(this::resumeIfCaughtUp);
        }
    }

    /** The most frames that were unfinished at once. Any thread. */
    int maxUnfinished() {
        return maxUnfinished;
    }

    private void resumeIfCaughtUp() {
        if (paused && unfinished.get() < RESUME_BELOW) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }
}
