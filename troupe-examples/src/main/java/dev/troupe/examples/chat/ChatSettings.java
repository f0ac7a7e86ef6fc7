package dev.troupe.examples.chat;

import java.util.Objects;

/**
 * How a {@link ChatServer} runs. An immutable value; the constructor checks every field at once.
 *
 * <p>The limits together bound the memory a connection can hold on the server: at most
 * {@code outboundCapacity} frames of at most a room message each wait for a slow client (plus Netty's
 * outbound buffer up to its high-water mark of {@value #WRITE_BUFFER_HIGH_WATER_MARK} bytes), and the rooms hold
 * at most {@code maxRooms × historySize} messages of at most {@code maxFrameBytes} each.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one ({@link ChatServer#port()} tells which)
 * @param historySize how many of its last messages a room replays to a joiner (0: none)
 * @param outboundCapacity how many frames may wait for one client that is not reading
 * @param slowConsumerPolicy what happens when they do not fit
 * @param maxFrameBytes the longest client frame, in UTF-8 bytes, that is processed; a longer one gets an error
 * @param maxRooms how many rooms the server holds at most (rooms keep their history while empty)
 * @throws IllegalArgumentException if a number is out of range
 * @throws NullPointerException if {@code host} or {@code slowConsumerPolicy} is null
 */
public record ChatSettings(String host, int port, int historySize, int outboundCapacity,
                           SlowConsumerPolicy slowConsumerPolicy, int maxFrameBytes, int maxRooms) {

    /** Netty stops reporting the channel writable above this many pending outbound bytes. */
    public static final int WRITE_BUFFER_HIGH_WATER_MARK = 64 * 1024;

    /** The smallest {@link #maxFrameBytes}: a join with a full-length room and name fits. */
    public static final int MIN_FRAME_BYTES = 256;

    public ChatSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(slowConsumerPolicy, "slowConsumerPolicy");
        requireRange("port", port, 0, 65_535);
        requireRange("historySize", historySize, 0, 10_000);
        requireRange("outboundCapacity", outboundCapacity, 1, 1_000_000);
        requireRange("maxFrameBytes", maxFrameBytes, MIN_FRAME_BYTES, 1 << 20);
        requireRange("maxRooms", maxRooms, 1, 1_000_000);
    }

    /** 127.0.0.1:8080, history 50, 256 outbound frames, drop-oldest, 4 KiB frames, 10,000 rooms. */
    public static ChatSettings defaults() {
        return new ChatSettings("127.0.0.1", 8080, 50, 256, SlowConsumerPolicy.DROP_OLDEST, 4096, 10_000);
    }

    /** These settings on another port. */
    public ChatSettings withPort(int newPort) {
        return new ChatSettings(host, newPort, historySize, outboundCapacity, slowConsumerPolicy, maxFrameBytes,
                maxRooms);
    }

    /** These settings with another outbound queue and policy. */
    public ChatSettings withSlowConsumers(int newCapacity, SlowConsumerPolicy newPolicy) {
        return new ChatSettings(host, port, historySize, newCapacity, newPolicy, maxFrameBytes, maxRooms);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + value);
        }
    }
}
