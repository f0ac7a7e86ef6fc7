package dev.troupe.remote.internal.transport;

import dev.troupe.actor.ActorPath;
import dev.troupe.remote.internal.wire.Frame;
import dev.troupe.remote.internal.wire.Lane;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The accepting side of a connection: checks the handshake (the peer must name this node's exact address and
 * an incarnation that is not quarantined), answers it, then hands every frame to the {@link Delivery} (on the
 * event loop for the control lane, through an {@link InboundQueue} for the others) and answers heartbeats.
 * Anything out of protocol closes the connection. One per channel; runs on its event loop.
 */
final class InboundHandler extends ConnectionHandler {
    private final Transport transport;
    private Association from;
    private long incarnation;
    /** For an ordinary or large connection: frames are delivered off the event loop. Null for control. */
    private InboundQueue queue;

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
            case Frame.Message m -> deliver(m);
            case Frame.Watch w -> deliver(w);
            case Frame.Unwatch u -> deliver(u);
            case Frame.Terminated t -> deliver(t);
            case Frame.Handshake h -> fail(ctx, "a second handshake");
            case Frame.HandshakeAccepted a -> fail(ctx, "unexpected HandshakeAccepted on an inbound connection");
            case Frame.HandshakeRejected r -> fail(ctx, "unexpected HandshakeRejected on an inbound connection");
            case Frame.HeartbeatAck a -> fail(ctx, "unexpected HeartbeatAck on an inbound connection");
        }
    }

    private void deliver(Frame frame) {
        if (queue != null) {
            queue.add(frame);
        } else {
            transport.delivery().deliver(from, frame);
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
        String impostor = transport.peerNameProblem(ctx.channel(), node.host().orElseThrow());
        if (impostor != null) {
            reject(ctx, "the sender claims " + handshake.from() + ", but " + impostor);
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
        if (handshake.lane() != Lane.CONTROL) {
            queue = transport.inboundQueue(association, ctx.channel());
        }
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
