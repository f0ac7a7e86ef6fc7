package dev.troupe.examples.chat.internal;

import dev.troupe.examples.chat.ServerFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One simulated member of the load generator: it records the latency of every message it receives and checks
 * that it gets its room's messages without gaps, in the room's order and in each sender's order. The listener
 * runs on the client's event loop, one frame at a time; {@link #verify} is read after the deliveries are done
 * (the delivery counter's increment happens-before its read that saw the final count).
 */
public final class LoadClient implements ChatClient.Listener {

    /** What all clients of a run share. Safe on any thread. */
    public record Shared(Recorder latencyNanos, LongAdder delivered, CountDownLatch joined,
                         AtomicReference<String> firstFailure) {
        /** Keeps the first failure of the run. */
        public void fail(String failure) {
            firstFailure.compareAndSet(null, failure);
        }
    }

    private final int index;
    private final String room;
    private final Shared shared;
    private final Map<Integer, Long> lastSeqBySender = new HashMap<>();
    private volatile ChatClient client;
    private long lastRoomSeq;
    private long received;

    public LoadClient(int index, String room, Shared shared) {
        this.index = index;
        this.room = room;
        this.shared = shared;
    }

    /** The text of the {@code seq}-th message of client {@code sender}, stamped with the time of sending. */
    public static String text(int sender, long seq) {
        return sender + ":" + seq + ":" + System.nanoTime();
    }

    public int index() {
        return index;
    }

    public String room() {
        return room;
    }

    public ChatClient client() {
        return client;
    }

    public void connected(ChatClient connectedClient) {
        client = connectedClient;
    }

    @Override
    public void onFrame(ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Joined joined -> shared.joined().countDown();
            case ServerFrame.Presence presence -> { } // others joining while the clients connect
            case ServerFrame.Message message -> receive(message);
            case ServerFrame.Left left -> shared.fail("client " + index + " was told it left " + left.room());
            case ServerFrame.Dropped(long count) ->
                    shared.fail("client " + index + " was slow: the server dropped " + count + " frames for it");
            case ServerFrame.Error error -> shared.fail("client " + index + " got an error: " + error);
        }
    }

    private void receive(ServerFrame.Message message) {
        long now = System.nanoTime();
        String[] parts = message.text().split(":");
        int sender = Integer.parseInt(parts[0]);
        long senderSeq = Long.parseLong(parts[1]);
        shared.latencyNanos().recordValue(Math.max(0, now - Long.parseLong(parts[2])));
        if (message.seq() != lastRoomSeq + 1) {
            shared.fail("client " + index + " got message " + message.seq() + " of " + room + " after "
                    + lastRoomSeq);
        }
        Long previous = lastSeqBySender.put(sender, senderSeq);
        if (senderSeq != (previous == null ? 1 : previous + 1)) {
            shared.fail("client " + index + " got message " + senderSeq + " of client " + sender + " after "
                    + previous);
        }
        lastRoomSeq = message.seq();
        received++;
        shared.delivered().increment();
    }

    /** Null if this client got exactly the {@code expected} messages of its room, else what is wrong. */
    public String verify(long expected) {
        if (received != expected || lastRoomSeq != expected) {
            return "client " + index + " got " + received + " of the " + expected + " messages of " + room;
        }
        if (client.closeFuture().isDone()) {
            return "client " + index + " was disconnected";
        }
        return null;
    }
}
