package dev.troupe.remote.internal.transport;

import dev.troupe.remote.internal.wire.Frame;
import io.netty.channel.ChannelHandlerContext;

/**
 * The connecting side of one lane's connection: sends the handshake, waits for the answer, then only reads
 * heartbeat acknowledgements. One per channel; runs on its event loop.
 */
final class OutboundHandler extends ConnectionHandler {
    private final OutboundLane lane;
    private final Association association;
    private boolean accepted;

    OutboundHandler(OutboundLane lane) {
        super(lane.association().transport());
        this.lane = lane;
        this.association = lane.association();
    }

    @Override
    String peer(ChannelHandlerContext ctx) {
        return association.address();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Transport transport = association.transport();
        ctx.writeAndFlush(new Frame.Handshake(lane.lane(), transport.address().address(), transport.incarnation(),
                association.address()));
        startHandshakeTimer(ctx, "handshake answer");
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        switch (frame) {
            case Frame.HandshakeAccepted(String address, long incarnation) when !accepted -> {
                handshakeDone();
                if (!address.equals(association.address())) {
                    fail(ctx, "the node answering is " + address + ", not " + association.address());
                    return;
                }
                String refusal = association.handshaken(incarnation);
                if (refusal != null) {
                    // a quarantined incarnation answered: what waits for this node would only wait forever
                    lane.drop().forEach(out -> association.undeliverable(out, refusal));
                    fail(ctx, refusal);
                    return;
                }
                accepted = true;
                lane.connected(ctx.channel(), incarnation);
            }
            case Frame.HandshakeRejected(String reason) when !accepted -> fail(ctx, "handshake rejected: " + reason);
            case Frame.HeartbeatAck ack when accepted -> association.heartbeatAcknowledged();
            default -> fail(ctx, "unexpected " + frame.getClass().getSimpleName() + " frame on an outbound connection");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            lane.writable(ctx.channel());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        lane.disconnected(ctx.channel());
        super.channelInactive(ctx);
    }
}
