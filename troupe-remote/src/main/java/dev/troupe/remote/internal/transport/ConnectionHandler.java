package dev.troupe.remote.internal.transport;

import dev.troupe.remote.internal.wire.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What both ends of a connection share: the handshake deadline, and failing the connection with its reason
 * reported once (TLS may already have closed the channel when its exception arrives). One per channel; runs on
 * its event loop.
 */
abstract class ConnectionHandler extends SimpleChannelInboundHandler<Frame> {
    private final Transport transport;
    private ScheduledFuture<?> handshakeTimeout;
    private boolean failed;

    ConnectionHandler(Transport transport) {
        this.transport = transport;
    }

    /** Who is at the other end, for the log and the event. */
    abstract String peer(ChannelHandlerContext ctx);

    /** Fails the connection unless {@link #handshakeDone} comes within the handshake timeout. */
    final void startHandshakeTimer(ChannelHandlerContext ctx, String waitingFor) {
        Duration timeout = transport.settings().handshakeTimeout();
        handshakeTimeout = ctx.executor().schedule(() -> fail(ctx, "no " + waitingFor + " within "
                + timeout.toMillis() + " ms"), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    final void handshakeDone() {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
    }

    /** Reports the first failure of this connection and closes it. */
    final void fail(ChannelHandlerContext ctx, String reason) {
        if (!failed) {
            failed = true;
            transport.connectionFailed(peer(ctx), reason);
        }
        ctx.close();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, Failures.describe(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshakeDone();
        ctx.fireChannelInactive();
    }
}
