package dev.troupe.remote.internal.transport;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.ActorSystemImpl;
import dev.troupe.remote.RemoteEvent;
import dev.troupe.remote.RemoteSettings;
import dev.troupe.remote.internal.tls.TlsContexts;
import dev.troupe.remote.internal.wire.Frame;
import dev.troupe.remote.internal.wire.FrameCodec;
import dev.troupe.remote.internal.wire.FrameDecoder;
import dev.troupe.remote.internal.wire.FrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Connections are one-way for messages, as in Pekko Artery: this node sends only on connections it opened
 * (its outbound lanes) and receives only on connections others opened. The accepting side writes back just
 * the handshake answer and heartbeat acknowledgements, so that the connecting side can tell the peer's
 * incarnation and feed its failure detector from its own control connection.
 */

/** The node's Netty side: the listening socket, outbound connections and the associations. Thread-safe. */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final MessageSizeEstimator FRAME_SIZES = () -> message -> switch (message) {
        case Frame frame -> FrameCodec.estimatedSize(frame);
        case ByteBuf buf -> buf.readableBytes();
        default -> 64;
    };

    private final ActorSystemImpl<?> system;
    private final RemoteSettings settings;
    private final TlsContexts tls;
    private final long incarnation;
    private final Delivery delivery;
    private final EventLoopGroup group;
    /** Where ordinary and large inbound connections deliver their frames: see {@link InboundQueue}. */
    private final EventExecutorGroup deliveryGroup;
    private final ConcurrentHashMap<ActorPath, Association> associations = new ConcurrentHashMap<>();
    private final AtomicInteger inboundConnections = new AtomicInteger();
    private volatile ActorPath address;
    private volatile Channel server;
    private volatile ScheduledFuture<?> ticks;

    /**
     * A transport for {@code system}, not yet listening.
     *
     * @param tls the TLS contexts, or null for plaintext
     */
    public Transport(ActorSystemImpl<?> system, RemoteSettings settings, TlsContexts tls, long incarnation,
                     Delivery delivery) {
        this.system = system;
        this.settings = settings;
        this.tls = tls;
        this.incarnation = incarnation;
        this.delivery = delivery;
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.group = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory("troupe-remote-" + system.name(), true), NioIoHandler.newFactory());
        this.deliveryGroup = new DefaultEventExecutorGroup(threads,
                new DefaultThreadFactory("troupe-remote-delivery-" + system.name(), true));
    }

    /**
     * Binds the listening socket and returns this node's address.
     *
     * @throws IllegalStateException naming the host and port, if they cannot be bound
     */
    public ActorPath bind() {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (inboundConnections.incrementAndGet() > settings.maxInboundConnections()) {
                            inboundConnections.decrementAndGet();
                            connectionFailed(String.valueOf(ch.remoteAddress()), "refused: this node already has "
                                    + settings.maxInboundConnections() + " inbound connections (the limit, see "
                                    + "RemoteSettings.withMaxInboundConnections)");
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(closed -> inboundConnections.decrementAndGet());
                        ChannelPipeline pipeline = ch.pipeline();
                        if (tls != null) {
                            pipeline.addLast(tls.serverHandler(ch.alloc()));
                        }
                        addCodec(pipeline);
                        pipeline.addLast(new InboundHandler(Transport.this));
                    }
                });
        ChannelFuture bound = bootstrap.bind(settings.bindHost(), settings.bindPort()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("Cannot listen on " + settings.bindHost() + ":" + settings.bindPort()
                    + ": " + bound.cause(), bound.cause());
        }
        server = bound.channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        String host = settings.canonicalHost().orElse(settings.bindHost());
        address = ActorPath.root(system.name(), host, port);
        long tick = settings.failureDetection().heartbeatInterval().toNanos();
        ticks = group.next().scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
        return address;
    }

    private void addCodec(ChannelPipeline pipeline) {
        pipeline.addLast(new FrameDecoder(settings.maxFrameSize()));
        pipeline.addLast(new FrameEncoder());
    }

    /** The association with the node at {@code node} (a root path with host and port), made on first use. */
    public Association association(ActorPath node) {
        return associations.computeIfAbsent(node, n -> new Association(this, n));
    }

    /** Connects {@code lane}; the outcome reaches the lane through its {@link OutboundHandler}. */
    void connect(OutboundLane lane) {
        ActorPath node = lane.association().node();
        String host = node.host().orElseThrow();
        int port = node.port();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FRAME_SIZES)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.maxFrameSize(), 4 * settings.maxFrameSize()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // before the connect is issued: its handshake may be answered before connect() returns
                        lane.attempting(ch);
                        ChannelPipeline pipeline = ch.pipeline();
                        if (tls != null) {
                            pipeline.addLast(tls.clientHandler(ch.alloc(), unbracketed(host), port));
                        }
                        addCodec(pipeline);
                        pipeline.addLast(new OutboundHandler(lane));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(unbracketed(host), port);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                connectionFailed(node.address(), "cannot connect: " + done.cause());
                lane.attempting(connecting.channel()); // in case it failed before initChannel ran
                lane.disconnected(connecting.channel());
            }
        });
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    void scheduleReconnect(OutboundLane lane, long delayNanos) {
        if (!group.isShuttingDown()) {
            group.schedule(() -> connect(lane), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Logs and publishes a failed connection with {@code peer}, a node's address or a socket address. */
    void connectionFailed(String peer, String reason) {
        LOG.warn("Connection with {} failed: {}", peer, reason);
        system.eventStream().publish(new RemoteEvent.ConnectionFailed(peer, reason));
    }

    private void tick() {
        long now = System.nanoTime();
        for (Association association : associations.values()) {
            try {
                association.tick(now);
            } catch (RuntimeException e) {
                LOG.error("Heartbeat tick for {} failed", association.node(), e);
            }
        }
    }

    /** Closes the listening socket and every connection, and stops the I/O and delivery threads (waiting for them). */
    @Override
    public void close() {
        ScheduledFuture<?> t = ticks;
        if (t != null) {
            t.cancel(false);
        }
        Channel s = server;
        if (s != null) {
            s.close().awaitUninterruptibly();
        }
        associations.values().forEach(Association::close);
        group.shutdownGracefully(0, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
        deliveryGroup.shutdownGracefully(0, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
    }

    /** This node's address, {@code troupe://system@host:port/}; valid after {@link #bind}. */
    public ActorPath address() {
        return address;
    }

    public long incarnation() {
        return incarnation;
    }

    Delivery delivery() {
        return delivery;
    }

    /** See {@link TlsContexts#peerNameProblem}; always null for plaintext. */
    String peerNameProblem(Channel channel, String host) {
        return tls == null ? null : tls.peerNameProblem(channel, host);
    }

    /** A queue that delivers what {@code channel}, an ordinary or large inbound connection, brings. */
    InboundQueue inboundQueue(Association from, Channel channel) {
        return new InboundQueue(from, delivery, channel, deliveryGroup.next(), 4L * settings.maxFrameSize());
    }

    RemoteSettings settings() {
        return settings;
    }

    ActorSystemImpl<?> system() {
        return system;
    }
}
