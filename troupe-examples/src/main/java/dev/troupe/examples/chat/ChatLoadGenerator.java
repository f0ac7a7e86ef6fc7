package dev.troupe.examples.chat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import dev.troupe.examples.chat.internal.LoadClient;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Opens many WebSocket clients to a chat server on loopback, joins them to rooms, has them post timestamped
 * messages at a steady rate and measures the fan-out latency: from a post to its receipt by each member of the
 * room (the sender included). Without {@code --port} it starts a server in its own JVM, which also lets it
 * measure the heap each connection costs.
 *
 * <p><b>What it checks.</b> Every member must get every message of its room, in the room's order (sequence
 * numbers without gaps) and in each sender's order, with no drop, error or disconnect. Otherwise it prints
 * {@code FAILED} with the first problem and exits with 1.
 *
 * <p><b>What it measures.</b> Latency percentiles from HdrHistogram, in microseconds, stamped with
 * {@link System#nanoTime} by the sending and receiving clients (same JVM, so one clock); the messages are
 * sent on a fixed schedule, but latency counts from the actual send, so a stall of the sending thread itself
 * is not counted (coordinated omission). Memory per connection: the used heap after full GCs with all clients
 * connected and joined, minus before, divided by the clients; in-process this is <em>both ends</em> of each
 * loopback connection (the server's channel, pipeline, connection actor and room entry, and the client's
 * channel and pipeline), an upper bound for the server's share.
 *
 * <p><b>File descriptors.</b> Each client is one descriptor, two in-process (both ends). If the process's limit
 * does not allow {@code --clients}, the default is lowered to what fits and said so; an explicit
 * {@code --clients} that does not fit is a usage error.
 */
@Command(name = "chat-load", mixinStandardHelpOptions = true,
        description = "Opens many WebSocket clients to a chat server and measures fan-out latency.")
public final class ChatLoadGenerator implements Callable<Integer> {

    /** Descriptors kept free for the JVM's own files, the server socket and the event loops. */
    private static final int RESERVED_DESCRIPTORS = 300;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Option(names = "--clients", description = "Clients to open (default: ${DEFAULT-VALUE}, fewer if the "
            + "file-descriptor limit is lower).")
    int clients = 10_000;

    @Option(names = "--rooms", description = "Rooms; client i joins room i mod rooms (default: ${DEFAULT-VALUE}).")
    int rooms = 100;

    @Option(names = "--messages", description = "Messages posted in all, spread over the rooms and their "
            + "members (default: ${DEFAULT-VALUE}).")
    int messages = 1_500;

    @Option(names = "--warmup", description = "Messages posted first and checked, but not measured "
            + "(default: ${DEFAULT-VALUE}).")
    int warmup = 500;

    @Option(names = "--duration", description = "Seconds to post for instead: --messages = --rate x --duration.")
    Integer durationSeconds;

    @Option(names = "--rate", description = "Messages posted per second (default: ${DEFAULT-VALUE}).")
    int rate = 50;

    @Option(names = "--host", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port of a running server; without it a server is started in "
            + "this JVM.")
    Integer port;

    @Option(names = "--client-threads", description = "Event-loop threads of the clients (default: ${DEFAULT-VALUE}).")
    int clientThreads = 2;

    @Option(names = "--connect-concurrency", description = "Handshakes in flight at once (default: ${DEFAULT-VALUE}).")
    int connectConcurrency = 256;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChatLoadGenerator()).execute(args));
    }

    /** The figures of a run that passed its checks. */
    record Result(int clients, int rooms, long messages, long deliveries, double postsPerSecond,
                  double deliveriesPerSecond, Histogram latencyNanos, long heapBytesPerConnection) {}

    @Override
    public Integer call() throws Exception {
        validate();
        boolean inProcess = port == null;
        int clientCount = fitDescriptors(inProcess ? 2 : 1);
        ChatClientGroup group = new ChatClientGroup(clientThreads, 0);
        ChatServer server = inProcess ? ChatServer.start(ChatSettings.defaults().withPort(0)) : null;
        try {
            URI uri = inProcess ? server.uri() : URI.create("ws://" + host + ":" + port + "/chat");
            System.out.printf("Chat load: %,d clients in %,d rooms on %s, %,d messages (after %,d to warm up) "
                    + "at %,d/s%n", clientCount, rooms, uri, totalMessages(), warmup, rate);
            Result result = run(group, uri, clientCount, inProcess);
            print(result, inProcess);
            return 0;
        } catch (LoadFailure e) {
            System.out.println();
            System.out.println("FAILED: " + e.getMessage());
            return 1;
        } finally {
            // The server first: closing the clients first would have every room announce every leave.
            if (server != null) {
                server.close();
            }
            group.close();
        }
    }

    Result run(ChatClientGroup group, URI uri, int clientCount, boolean measureHeap)
            throws InterruptedException, LoadFailure {
        long heapBefore = measureHeap ? usedHeapAfterFullGc() : 0;
        String run = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        LoadClient.Shared shared = new LoadClient.Shared(new Recorder(3), new LongAdder(),
                new CountDownLatch(clientCount), new AtomicReference<>());
        List<List<LoadClient>> members = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            members.add(new ArrayList<>());
        }
        List<LoadClient> all = connectAll(group, uri, clientCount, run, shared, members);
        long heapPerConnection = measureHeap ? (usedHeapAfterFullGc() - heapBefore) / clientCount : -1;
        long measured = totalMessages();
        long total = warmup + measured;
        long[] seqBySender = new long[clientCount];
        // Warm-up: the JIT compiles the message path; these messages are checked but their latency is not kept.
        post(members, 0, warmup, seqBySender, shared);
        awaitDeliveries(shared, deliveries(members, warmup));
        shared.latencyNanos().reset();
        long start = System.nanoTime();
        long postedNanos = post(members, warmup, total, seqBySender, shared);
        long expectedDeliveries = deliveries(members, total);
        awaitDeliveries(shared, expectedDeliveries);
        long elapsed = System.nanoTime() - start;
        long[] expected = new long[rooms];
        for (int r = 0; r < rooms; r++) {
            expected[r] = messagesOfRoom(r, total);
        }
        for (LoadClient client : all) {
            String failure = client.verify(expected[client.index() % rooms]);
            if (failure != null) {
                shared.fail(failure);
            }
        }
        if (shared.firstFailure().get() != null) {
            throw new LoadFailure(shared.firstFailure().get());
        }
        long measuredDeliveries = expectedDeliveries - deliveries(members, warmup);
        return new Result(clientCount, rooms, measured, measuredDeliveries, measured * 1e9 / postedNanos,
                measuredDeliveries * 1e9 / elapsed, shared.latencyNanos().getIntervalHistogram(),
                heapPerConnection);
    }

    private List<LoadClient> connectAll(ChatClientGroup group, URI uri, int clientCount, String run,
                                        LoadClient.Shared shared, List<List<LoadClient>> members)
            throws InterruptedException, LoadFailure {
        List<LoadClient> all = new ArrayList<>(clientCount);
        Semaphore handshakes = new Semaphore(connectConcurrency);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Connecting").setInitialMax(clientCount)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build()) {
            for (int i = 0; i < clientCount; i++) {
                LoadClient client = new LoadClient(i, "load-" + run + "-" + (i % rooms), shared);
                all.add(client);
                members.get(i % rooms).add(client);
                handshakes.acquire();
                group.connect(uri, client).whenComplete((connected, failure) -> {
                    handshakes.release();
                    if (failure != null) {
                        shared.fail("client " + client.index() + " could not connect: " + failure);
                        shared.joined().countDown();
                    } else {
                        client.connected(connected);
                        connected.send(new ClientFrame.Join(client.room(), "u" + client.index()));
                    }
                });
                bar.stepTo(clientCount - shared.joined().getCount());
                failFast(shared);
            }
            long lastProgress = System.nanoTime();
            long lastCount = shared.joined().getCount();
            while (!shared.joined().await(200, TimeUnit.MILLISECONDS)) {
                long count = shared.joined().getCount();
                bar.stepTo(clientCount - count);
                if (count != lastCount) {
                    lastCount = count;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    throw new LoadFailure(count + " clients did not get to join within a minute");
                }
                failFast(shared);
            }
            bar.stepTo(clientCount);
        }
        failFast(shared);
        return all;
    }

    /** How many of the first {@code messages} posted go to room {@code r} (round robin). */
    private long messagesOfRoom(int r, long messages) {
        return messages / rooms + (r < messages % rooms ? 1 : 0);
    }

    /** How many deliveries the first {@code messages} posted make: each goes to every member of its room. */
    private long deliveries(List<List<LoadClient>> members, long messages) {
        long sum = 0;
        for (int r = 0; r < rooms; r++) {
            sum += messagesOfRoom(r, messages) * members.get(r).size();
        }
        return sum;
    }

    /** Posts messages {@code from} to {@code to} on a fixed schedule, round robin over rooms and members. */
    private long post(List<List<LoadClient>> members, long from, long to, long[] seqBySender,
                      LoadClient.Shared shared) throws LoadFailure {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(from == 0 ? "Warming up" : "Posting")
                .setInitialMax(to - from).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .continuousUpdate().build()) {
            for (long k = from; k < to; k++) {
                long due = start + (k - from) * intervalNanos;
                for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                    LockSupport.parkNanos(due - now);
                }
                List<LoadClient> room = members.get((int) (k % rooms));
                LoadClient sender = room.get((int) ((k / rooms) % room.size()));
                sender.client().send(new ClientFrame.Say(sender.room(),
                        LoadClient.text(sender.index(), ++seqBySender[sender.index()])));
                if ((k & 255) == 0) {
                    bar.stepTo(k - from);
                    failFast(shared);
                }
            }
            bar.stepTo(to - from);
        }
        return System.nanoTime() - start;
    }

    private static void awaitDeliveries(LoadClient.Shared shared, long expected) throws LoadFailure {
        long lastProgress = System.nanoTime();
        long last = -1;
        for (long delivered = shared.delivered().sum(); delivered < expected; delivered = shared.delivered().sum()) {
            if (delivered != last) {
                last = delivered;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new LoadFailure("only " + delivered + " of " + expected + " deliveries arrived");
            }
            failFast(shared);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static void failFast(LoadClient.Shared shared) throws LoadFailure {
        String failure = shared.firstFailure().get();
        if (failure != null) {
            throw new LoadFailure(failure);
        }
    }

    private void print(Result r, boolean inProcess) {
        Histogram h = r.latencyNanos();
        System.out.printf(Locale.ROOT, "%nOK: all %,d clients got all messages of their room, in order%n",
                r.clients());
        System.out.printf(Locale.ROOT, "  %,d messages to %,d rooms of ~%,d members: %,d deliveries%n",
                r.messages(), r.rooms(), r.clients() / r.rooms(), r.deliveries());
        System.out.printf(Locale.ROOT, "  posted %,.0f msg/s, delivered %,.0f msg/s%n", r.postsPerSecond(),
                r.deliveriesPerSecond());
        System.out.printf(Locale.ROOT, "  fan-out latency (post to each member): p50 %s  p99 %s  p99.9 %s  max %s%n",
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
        if (inProcess) {
            System.out.printf(Locale.ROOT, "  heap per connection (both ends, after full GC): %,d bytes%n",
                    r.heapBytesPerConnection());
            if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider pooled) {
                System.out.printf(Locale.ROOT, "  Netty direct memory in use: %,d KiB%n",
                        pooled.metric().usedDirectMemory() / 1024);
            }
        }
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%,.0f µs", nanos / 1e3);
    }

    private long totalMessages() {
        return durationSeconds != null ? (long) rate * durationSeconds : messages;
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (clients < 1) {
            problems.add("--clients must be positive");
        }
        if (rooms < 1 || rooms > clients) {
            problems.add("--rooms must be 1..--clients");
        }
        if (messages < 1 || (durationSeconds != null && durationSeconds < 1)) {
            problems.add("--messages and --duration must be positive");
        }
        if (warmup < 0) {
            problems.add("--warmup must not be negative");
        }
        if (rate < 1 || rate > 1_000_000) {
            problems.add("--rate must be 1..1000000");
        }
        if (port != null && (port < 1 || port > 65_535)) {
            problems.add("--port must be 1..65535");
        }
        if (clientThreads < 1 || connectConcurrency < 1) {
            problems.add("--client-threads and --connect-concurrency must be positive");
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
    }

    /** The clients that fit the file-descriptor limit, {@code perClient} descriptors each. */
    private int fitDescriptors(int perClient) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return clients;
        }
        long limit = unix.getMaxFileDescriptorCount();
        long fit = (limit - unix.getOpenFileDescriptorCount() - RESERVED_DESCRIPTORS) / perClient;
        if (clients <= fit) {
            return clients;
        }
        String why = String.format(Locale.ROOT, "the file-descriptor limit is %,d (ulimit -n) and each client "
                + "takes %d%s: %,d clients fit", limit, perClient, perClient == 2 ? " in-process (both ends)" : "",
                Math.max(fit, 0));
        if (fit < rooms || spec.commandLine().getParseResult().hasMatchedOption("--clients")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clients " + clients + " is too many: "
                    + why + ". Raise the limit or ask for fewer.");
        }
        System.out.println("Note: " + why + ", so " + fit + " clients instead of " + clients + ".");
        return (int) fit;
    }

    private static long usedHeapAfterFullGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Full GCs until the figure stops falling: finalizable and soft garbage can take more than one.
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                break;
            }
            used = now;
        }
        return used;
    }

    /** The run did not deliver what it should have. */
    static final class LoadFailure extends Exception {
        LoadFailure(String message) {
            super(message);
        }
    }
}
