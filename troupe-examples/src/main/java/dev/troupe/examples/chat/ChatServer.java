package dev.troupe.examples.chat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.AskPattern;
import dev.troupe.examples.chat.internal.ChatChannelInitializer;
import dev.troupe.examples.chat.internal.Connection;
import dev.troupe.examples.chat.internal.ConnectionStats;
import dev.troupe.examples.chat.internal.Directory;
import dev.troupe.examples.chat.internal.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A WebSocket chat server with one actor per connection and one per room, on Netty. Run it with
 * {@code mvn -q -pl troupe-examples -am -DskipTests package exec:exec@chat}; the protocol is described in
 * {@code docs/examples.md} and by {@link ClientFrame} and {@link ServerFrame}.
 *
 * <p><b>Threads.</b> Netty's event loops read and write the sockets and decode frames; the actors (a
 * {@code Directory} guardian, a {@code Connection} per channel, a {@code Room} per room) run on the actor
 * system's dispatcher. {@link #start} and {@link #close} may be called from any thread, not from inside an actor
 * or an event loop (they wait).
 *
 * <p><b>Failure.</b> A bad client frame gets an error frame and the connection stays; a protocol violation
 * Netty cannot recover from (a bad handshake, a frame beyond its hard limit) closes that connection only. A
 * port in use makes {@link #start} throw (Netty's bind exception).
 *
 * <p><b>Dead letters</b> are counted ({@link ActorSystem#deadLetterCount()}) but not logged: in chat they are
 * normal, a room's frames for a member whose connection has just closed.
 */
@Command(name = "chat-server", mixinStandardHelpOptions = true,
        description = "A WebSocket chat server: one actor per connection, rooms as actors.")
public final class ChatServer implements AutoCloseable, Callable<Integer> {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--history", description = "Messages a room replays to a joiner (default: ${DEFAULT-VALUE}).")
    int history = 50;

    @Option(names = "--outbound-capacity",
            description = "Frames that may wait for a client that is not reading (default: ${DEFAULT-VALUE}).")
    int outboundCapacity = 256;

    @Option(names = "--slow-consumer", converter = PolicyConverter.class,
            description = "When those are full: drop-oldest or disconnect (default: drop-oldest).")
    SlowConsumerPolicy slowConsumer = SlowConsumerPolicy.DROP_OLDEST;

    @Option(names = "--max-frame-bytes", description = "Longest client frame accepted (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes = 4096;

    @Option(names = "--max-rooms", description = "Rooms the server holds at most (default: ${DEFAULT-VALUE}).")
    int maxRooms = 10_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ActorSystem<Directory.Message> system;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final String transport;

    /** For picocli only: the command object, not a running server. */
    ChatServer() {
        system = null;
        bossGroup = null;
        workerGroup = null;
        serverChannel = null;
        transport = null;
    }

    private ChatServer(ActorSystem<Directory.Message> system, EventLoopGroup bossGroup, EventLoopGroup workerGroup,
                       Channel serverChannel, String transport) {
        this.system = system;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
        this.transport = transport;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChatServer()).execute(args));
    }

    /**
     * Starts a server and returns once it listens.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public static ChatServer start(ChatSettings settings) throws InterruptedException {
        Transport transport = Transport.best();
        ActorSystem<Directory.Message> system = ActorSystem.create(Directory.behavior(settings), "chat",
                ActorSystemSettings.builder().deadLetterLogLimit(0).build());
        EventLoopGroup boss = transport.newGroup(1);
        EventLoopGroup workers = transport.newGroup(Runtime.getRuntime().availableProcessors());
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.AUTO_READ, false) // the connection actor turns reading on
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                            ChatSettings.WRITE_BUFFER_HIGH_WATER_MARK / 2, ChatSettings.WRITE_BUFFER_HIGH_WATER_MARK))
                    .childHandler(new ChatChannelInitializer(system, settings))
                    .bind(settings.host(), settings.port()).sync().channel();
            return new ChatServer(system, boss, workers, channel, transport.name());
        } catch (RuntimeException | InterruptedException e) {
            shutDown(system, boss, workers);
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The WebSocket URI of the server, e.g. {@code ws://127.0.0.1:8080/chat}. */
    public URI uri() {
        InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
        return URI.create("ws://" + address.getHostString() + ":" + address.getPort() + ChatChannelInitializer.PATH);
    }

    /** The actor system the server's actors run in. */
    public ActorSystem<?> system() {
        return system;
    }

    /** Stops listening, closes every connection and terminates the actors; waits for all of it. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        shutDown(system, bossGroup, workerGroup);
    }

    /** The actors first, while their channels' event loops still take writes; then the event loops. */
    private static void shutDown(ActorSystem<?> system, EventLoopGroup boss, EventLoopGroup workers) {
        system.terminate();
        system.whenTerminated().toCompletableFuture().join();
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The live connection actors (for tests and the load generator). */
    List<ActorRef<Connection.Message>> connections() {
        return ask(replyTo -> new Directory.Message.GetConnections(replyTo));
    }

    /** The member names of {@code room}, in order of joining. */
    List<String> members(String room) {
        return ask(replyTo -> new Directory.Message.GetMembers(room, replyTo));
    }

    /** The outbound statistics of one connection. */
    ConnectionStats stats(ActorRef<Connection.Message> connection) {
        return AskPattern.<Connection.Message, ConnectionStats>ask(connection,
                Connection.Message.GetStats::new, ASK_TIMEOUT, system.scheduler()).toCompletableFuture().join();
    }

    private <R> R ask(Function<ActorRef<R>, Directory.Message> request) {
        return AskPattern.ask(system, request, ASK_TIMEOUT, system.scheduler()).toCompletableFuture().join();
    }

    @Override
    public Integer call() throws InterruptedException {
        ChatSettings settings;
        try {
            settings = new ChatSettings(host, port, history, outboundCapacity, slowConsumer, maxFrameBytes, maxRooms);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
        try (ChatServer server = start(settings)) {
            System.out.printf("Troupe chat on %s (%s transport; history %d, outbound capacity %d, slow consumers: %s)%n",
                    server.uri(), server.transport, settings.historySize(), settings.outboundCapacity(),
                    PolicyConverter.name(settings.slowConsumerPolicy()));
            System.out.println("Try it: websocat " + server.uri()
                    + "  then  {\"type\":\"join\",\"room\":\"lobby\",\"name\":\"ada\"}   Stop with Ctrl+C.");
            server.serverChannel.closeFuture().sync();
        }
        return 0;
    }

    /** Reads {@code drop-oldest} and {@code disconnect}. */
    static final class PolicyConverter implements CommandLine.ITypeConverter<SlowConsumerPolicy> {
        @Override
        public SlowConsumerPolicy convert(String value) {
            for (SlowConsumerPolicy policy : SlowConsumerPolicy.values()) {
                if (name(policy).equals(value)) {
                    return policy;
                }
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a slow-consumer policy: use drop-oldest or disconnect");
        }

        static String name(SlowConsumerPolicy policy) {
            return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
