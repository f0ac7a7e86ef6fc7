package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.OfferResult;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import dev.troupe.examples.chat.internal.Connection;
import dev.troupe.examples.chat.internal.ConnectionStats;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading (reading off, a tiny socket buffer) while a fast one keeps talking: the server
 * holds at most the outbound capacity for it, then drops the oldest frames or disconnects it.
 */
class ChatSlowConsumerTest {

    private static final int CAPACITY = 16;
    /** Fast's own echoes in flight stay far below Netty's high-water mark, so only the slow client backs up. */
    private static final int BATCH = 20;
    private static final int MAX_BATCHES = 20_000;
    private static final String TEXT = "x".repeat(1000);

    private final ChatClientGroup slowClients = new ChatClientGroup(1, 4096);
    private final ChatClientGroup fastClients = new ChatClientGroup(1, 0);
    private ChatServer server;

    @AfterEach
    void stop() {
        slowClients.close();
        fastClients.close();
        server.close();
    }

    @Test
    void dropOldestKeepsAtMostTheCapacityAndTellsTheClientHowManyItMissed() throws InterruptedException {
        Room room = startRoom(SlowConsumerPolicy.DROP_OLDEST);
        ChatTestClient slow = room.slow();
        ChatTestClient fast = room.fast();
        ActorRef<Connection.Message> slowConnection = room.slowConnection();

        long sent = talkUntil(fast, () -> server.stats(slowConnection).dropped() > 0);

        ConnectionStats stats = server.stats(slowConnection);
        assertThat(stats.maxBuffered()).isLessThanOrEqualTo(CAPACITY);
        assertThat(stats.buffered()).isLessThanOrEqualTo(CAPACITY);
        slow.client().channel().config().setAutoRead(true);
        long delivered = 0;
        long dropped = 0;
        long lastSeq = 0;
        while (lastSeq < sent) {
            switch (slow.next()) {
                case ServerFrame.Dropped(long count) -> dropped += count;
                case ServerFrame.Message message -> {
                    assertThat(message.seq()).isGreaterThan(lastSeq);
                    lastSeq = message.seq();
                    delivered++;
                }
                case ServerFrame.Presence presence -> delivered++;
                case ServerFrame other -> throw new AssertionError("unexpected " + other);
            }
        }
        // Every frame for the slow client (fast's presence, then the messages) arrived or was counted as dropped.
        assertThat(delivered + dropped).isEqualTo(sent + 1);
        assertThat(dropped).isEqualTo(server.stats(slowConnection).dropped()).isPositive();
    }

    @Test
    void disconnectClosesTheSlowClientAndTheOthersGoOn() throws InterruptedException {
        Room room = startRoom(SlowConsumerPolicy.DISCONNECT);
        ChatTestClient slow = room.slow();
        ChatTestClient fast = room.fast();
        ActorRef<Connection.Message> slowConnection = room.slowConnection();

        talkUntil(fast, () -> slowConnection.offer(
                new Connection.Message.GetStats(server.system().deadLetters())) == OfferResult.DEAD);

        await().atMost(ChatTestClient.DEADLINE).until(() -> server.members("lobby").equals(List.of("fast")));
        fast.say("lobby", "after the slow one left");
        assertThat(fast.messages(1).getFirst().text()).isEqualTo("after the slow one left");
        slow.client().channel().config().setAutoRead(true); // now it can see the close
        assertThat(slow.client().closeFuture().awaitUninterruptibly(ChatTestClient.DEADLINE.toMillis())).isTrue();
    }

    /** A server and a room of two: slow, who has stopped reading, and fast. */
    private record Room(ChatTestClient slow, ChatTestClient fast, ActorRef<Connection.Message> slowConnection) {}

    private Room startRoom(SlowConsumerPolicy policy) throws InterruptedException {
        server = ChatServer.start(ChatSettings.defaults().withPort(0).withSlowConsumers(CAPACITY, policy));
        ChatTestClient slow = ChatTestClient.connect(slowClients, server);
        slow.join("lobby", "slow");
        slow.client().channel().config().setAutoRead(false);
        ChatTestClient fast = ChatTestClient.connect(fastClients, server);
        fast.join("lobby", "fast");
        return new Room(slow, fast, server.connections().getFirst()); // slow connected first
    }

    /** Fast says batches of messages, reading its own echoes, until {@code done}; returns how many it said. */
    private static long talkUntil(ChatTestClient fast, BooleanSupplier done) {
        long sent = 0;
        for (int batch = 0; batch < MAX_BATCHES && !done.getAsBoolean(); batch++) {
            for (int i = 0; i < BATCH; i++) {
                fast.say("lobby", TEXT);
            }
            fast.messages(BATCH);
            sent += BATCH;
        }
        assertThat(done.getAsBoolean()).as("the slow client backed up within %d messages", sent).isTrue();
        return sent;
    }
}
