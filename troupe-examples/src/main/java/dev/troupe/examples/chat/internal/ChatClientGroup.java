package dev.troupe.examples.chat.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Event loops shared by many {@link ChatClient}s: the load generator runs thousands of clients on a few threads.
 * Safe to use from any thread.
 */
public final class ChatClientGroup implements AutoCloseable {

    private static final int MAX_SERVER_FRAME_BYTES = 1 << 20;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 60_000;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    /**
     * @param threads event loop threads
     * @param receiveBufferBytes the clients' socket receive buffer, or 0 for the system's default (a small one
     *     makes a client that stops reading back up the server quickly)
     */
    public ChatClientGroup(int threads, int receiveBufferBytes) {
        Transport transport = Transport.best();
        group = transport.newGroup(threads);
        bootstrap = new Bootstrap().group(group).channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        if (receiveBufferBytes > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
    }

    /** Connects a client to {@code uri}; completes once the WebSocket handshake is done. */
    public CompletableFuture<ChatClient> connect(URI uri, ChatClient.Listener listener) {
        CompletableFuture<ChatClient> connected = new CompletableFuture<>();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(MAX_SERVER_FRAME_BYTES)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config),
                        new ChatClient.Handler(listener, connected));
            }
        }).connect(uri.getHost(), uri.getPort());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connected.completeExceptionally(f.cause());
            }
        });
        return connected;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
