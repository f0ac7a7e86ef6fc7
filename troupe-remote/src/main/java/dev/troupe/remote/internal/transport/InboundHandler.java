package dev.troupe.remote.internal.transport;

import dev.troupe.actor.ActorPath;
import dev.troupe.remote.internal.wire.Frame;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The accepting side of a connection: checks the handshake (the peer must name this node's exact address and
 * an incarnation that is not quarantined), answers it, then hands every frame to the {@link Delivery} and
 * answers heartbeats. Anything out of protocol closes the connection. One per channel; runs on its event loop.
 */
final class InboundHandler extends ConnectionHandler {
    private final Transport transport;
    private Association from;
    private long incarnation;

    InboundHandler(Transport transport) {
        super(transport);
        this.transport = transport;
    }

    @Override
    String peer(ChannelHandlerContext ctx) {
        return from != null ? from.address() : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startHandshakeTimer(ctx, "handshake");
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (from == null) {
            if (frame instanceof Frame.Handshake handshake) {
                handshake(ctx, handshake);
            } else {
                fail(ctx, "the first frame was " + frame.getClass().getSimpleName() + ", not a handshake");
            }
            return;
        }
        switch (frame) {
            case Frame.Heartbeat heartbeat -> ctx.writeAndFlush(new Frame.HeartbeatAck(), ctx.voidPromise());
            case Frame.Message m -> transport.delivery().deliver(from, m);
            case Frame.Watch w -> transport.delivery().deliver(from, w);
            case Frame.Unwatch u -> transport.delivery().deliver(from, u);
            case Frame.Terminated t -> transport.delivery().deliver(from, t);
            case Frame.Handshake h -> fail(ctx, "a second handshake");
            case Frame.HandshakeAccepted a -> fail(ctx, "unexpected HandshakeAccepted on an inbound connection");
            case Frame.HandshakeRejected r -> fail(ctx, "unexpected HandshakeRejected on an inbound connection");
            case Frame.HeartbeatAck a -> fail(ctx, "unexpected HeartbeatAck on an inbound connection");
        }
    }

    private void handshake(ChannelHandlerContext ctx, Frame.Handshake handshake) {
        handshakeDone();
        String own = transport.address().address();
        if (!handshake.to().equals(own)) {
            reject(ctx, "this node is " + own + ", not " + handshake.to());
            return;
        }
        ActorPath node;
        try {
            node = ActorPath.parse(handshake.from());
        } catch (IllegalArgumentException e) {
            reject(ctx, "the sender's address is not valid: " + e.getMessage());
            return;
        }
        if (node.port() < 0 || !node.elements().isEmpty()) {
            reject(ctx, "the sender's address must be troupe://system@host:port, was " + handshake.from());
            return;
        }
        Association association = transport.association(node);
        String refusal = association.handshaken(handshake.incarnation());
        if (refusal != null) {
            reject(ctx, refusal);
            return;
        }
        from = association;
        incarnation = handshake.incarnation();
        association.inbound(ctx.channel(), incarnation, true);
        ctx.writeAndFlush(new Frame.HandshakeAccepted(own, transport.incarnation()), ctx.voidPromise());
    }

    private void reject(ChannelHandlerContext ctx, String reason) {
        transport.connectionFailed(String.valueOf(ctx.channel().remoteAddress()), "handshake rejected: " + reason);
        ctx.writeAndFlush(new Frame.HandshakeRejected(reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (from != null) {
            from.inbound(ctx.channel(), incarnation, false);
        }
        super.channelInactive(ctx);
    }
}
