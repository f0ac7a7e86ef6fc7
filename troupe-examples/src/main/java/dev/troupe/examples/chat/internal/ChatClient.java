package dev.troupe.examples.chat.internal;

import dev.troupe.examples.chat.ChatCodec;
import dev.troupe.examples.chat.ClientFrame;
import dev.troupe.examples.chat.MalformedFrameException;
import dev.troupe.examples.chat.ServerFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket chat client, made by {@link ChatClientGroup#connect}. {@link #send} and {@link #sendRaw} may be
 * called from any thread (Netty hands the write to the channel's event loop, in call order). The listener runs
 * on that event loop, one frame at a time, in the order the server sent them.
 *
 * <p>A frame from the server that does not decode is a protocol failure: it is logged and the client closes.
 */
public final class ChatClient implements AutoCloseable {

    /** Receives the server's frames, on the client's event loop. */
    @FunctionalInterface
    public interface Listener {
        void onFrame(ServerFrame frame);
    }

    private final Channel channel;

    ChatClient(Channel channel) {
        this.channel = channel;
    }

    /** Sends a frame. */
    public void send(ClientFrame frame) {
        channel.writeAndFlush(new TextWebSocketFrame(ChatCodec.encode(frame)), channel.voidPromise());
    }

    /** Sends any WebSocket frame, well-formed for the chat protocol or not. */
    public void sendRaw(WebSocketFrame frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    /** The client's channel (to turn reading off, for example). */
    public Channel channel() {
        return channel;
    }

    /** Completes when the connection has closed, from either side. */
    public ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** Completes the handshake future and hands decoded frames to the listener. */
    static final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private static final Logger LOG = LoggerFactory.getLogger(ChatClient.class);

        private final Listener listener;
        private final CompletableFuture<ChatClient> connected;

        Handler(Listener listener, CompletableFuture<ChatClient> connected) {
            this.listener = listener;
            this.connected = connected;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                connected.complete(new ChatClient(ctx.channel()));
            } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                connected.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ServerFrame decoded;
            try {
                decoded = ChatCodec.decodeServer(frame.text());
            } catch (MalformedFrameException e) {
                LOG.error("Closing {}: the server sent a frame that does not decode ({}): {}", ctx.channel(),
                        e.getMessage(), frame.text());
                ctx.close();
                return;
            }
            listener.onFrame(decoded);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connected.completeExceptionally(new IllegalStateException("closed before the WebSocket handshake"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            connected.completeExceptionally(cause);
            LOG.debug("Closing {}: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }
}
