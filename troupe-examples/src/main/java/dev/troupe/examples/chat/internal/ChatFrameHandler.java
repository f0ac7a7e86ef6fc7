package dev.troupe.examples.chat.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.examples.chat.ChatCodec;
import dev.troupe.examples.chat.MalformedFrameException;
import dev.troupe.examples.chat.ServerFrame.ErrorCode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a server channel's pipeline: it tells the channel's {@link Connection} actor what arrived
 * and does nothing else. Runs on the channel's event loop; one instance per channel.
 *
 * <p>It decodes and validates each text frame here, on the event loop, so that JSON parsing runs in parallel
 * across channels and the actor only sees well-formed frames or a {@link Connection.Message.Refused} saying
 * what was wrong. Frames longer than {@code maxFrameBytes}, binary frames and fragmented messages are refused
 * the same way; the connection stays open. (Frames beyond Netty's own hard limit, a multiple of
 * {@code maxFrameBytes}, make Netty close the connection with 1009: it will not buffer them.)
 */
final class ChatFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ChatFrameHandler.class);

    private final ActorRef<Directory.Message> directory;
    private final int maxFrameBytes;

    ChatFrameHandler(ActorRef<Directory.Message> directory, int maxFrameBytes) {
        this.directory = directory;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        directory.tell(new Directory.Message.Open(ctx.channel()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case TextWebSocketFrame text -> read(ctx, text);
                case ContinuationWebSocketFrame ignored -> { } // its first fragment was refused already
                case WebSocketFrame other -> refuse(ctx, ErrorCode.UNSUPPORTED_FRAME,
                        other.getClass().getSimpleName() + " not supported: send whole text frames");
                case FullHttpRequest request -> notFound(ctx, request);
                default -> LOG.warn("Unexpected {} on {}", msg.getClass().getName(), ctx.channel());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        if (!frame.isFinalFragment()) {
            refuse(ctx, ErrorCode.UNSUPPORTED_FRAME, "fragmented message not supported: send whole text frames");
        } else if (frame.content().readableBytes() > maxFrameBytes) {
            refuse(ctx, ErrorCode.TOO_LONG, "frame of " + frame.content().readableBytes() + " bytes, at most "
                    + maxFrameBytes + " are accepted");
        } else {
            try {
                tell(ctx, new Connection.Message.Inbound(
                        ChatCodec.decodeClient(frame.content().toString(StandardCharsets.UTF_8))));
            } catch (MalformedFrameException e) {
                refuse(ctx, ErrorCode.MALFORMED, e.getMessage());
            }
        }
    }

    private static void refuse(ChannelHandlerContext ctx, ErrorCode code, String reason) {
        tell(ctx, new Connection.Message.Refused(code, reason));
    }

    /** Hands a client frame to the connection actor, counting it against the connection's inbound flow. */
    private static void tell(ChannelHandlerContext ctx, Connection.Message message) {
        ctx.channel().attr(Connection.FLOW).get().read();
        connection(ctx).tell(message);
    }

    private static ActorRef<Connection.Message> connection(ChannelHandlerContext ctx) {
        // Set before reading was turned on, so present for every frame.
        return ctx.channel().attr(Connection.ACTOR).get();
    }

    private static void notFound(ChannelHandlerContext ctx, FullHttpRequest request) {
        var response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_FOUND,
                ctx.alloc().buffer().writeBytes(
                        ("Troupe chat: open a WebSocket to " + ChatChannelInitializer.PATH + "\n")
                                .getBytes(StandardCharsets.UTF_8)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection(ctx).tell(new Connection.Message.WritabilityChanged());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A protocol violation Netty cannot recover from (a bad handshake, an oversized frame) or an I/O error:
        // this connection ends, the server goes on.
        LOG.debug("Closing {}: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
