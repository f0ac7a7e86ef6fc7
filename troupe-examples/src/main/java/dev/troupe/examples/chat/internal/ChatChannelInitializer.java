package dev.troupe.examples.chat.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.examples.chat.ChatSettings;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The pipeline of a server channel: HTTP for the handshake, Netty's WebSocket protocol handler (pings, close
 * frames, frame decoding) and the {@link ChatFrameHandler}. Shared by all channels; runs on their event loops.
 */
public final class ChatChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** The WebSocket endpoint. */
    public static final String PATH = "/chat";

    /** The biggest handshake request accepted. */
    private static final int MAX_HANDSHAKE_BYTES = 8 * 1024;

    /** Netty buffers frames up to this many times the chat limit, so that a long frame gets an error reply. */
    private static final int HARD_LIMIT_FACTOR = 4;

    private final ActorRef<Directory.Message> directory;
    private final ChatSettings settings;

    public ChatChannelInitializer(ActorRef<Directory.Message> directory, ChatSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast(
                new HttpServerCodec(),
                new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(PATH)
                        .maxFramePayloadLength(settings.maxFrameBytes() * HARD_LIMIT_FACTOR)
                        .build()),
                new ChatFrameHandler(directory, settings.maxFrameBytes()));
    }
}
