package dev.troupe.examples.chat.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Supplier;

/**
 * Netty's native epoll transport where it loads (Linux), NIO elsewhere; both the server and the clients use it.
 *
 * @param name "epoll" or "nio", for reports
 */
public record Transport(String name, Supplier<IoHandlerFactory> ioHandlers,
                        Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> channel) {

    /** The best transport on this machine. */
    public static Transport best() {
        return Epoll.isAvailable()
                ? new Transport("epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class,
                        EpollSocketChannel.class)
                : new Transport("nio", NioIoHandler::newFactory, NioServerSocketChannel.class,
                        NioSocketChannel.class);
    }

    /** A new event loop group of {@code threads} threads for this transport. */
    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlers.get());
    }
}
