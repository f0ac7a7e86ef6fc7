package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import dev.troupe.examples.chat.internal.Connection;
import dev.troupe.examples.chat.internal.ConnectionStats;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends as fast as its socket takes is slowed by TCP: the server stops reading it while too many of
 * its frames are unfinished (posts count until their room has taken them), so neither its connection's nor its
 * room's mailbox grows with the flood, and nothing it sent is lost.
 */
class ChatFloodTest {
    private static final int SAYS = 20_000;
    private static final String TEXT = "f".repeat(200);
    /** The pause mark plus what one 64 KiB socket read can hold of these frames (each is over 200 bytes). */
    private static final int BOUND = 64 + 65_536 / 200;

    private final ChatClientGroup clients = new ChatClientGroup(2, 0);
    private ChatServer server;

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void aFloodingClientIsReadNoFasterThanItsRoomTakesItsPostsAndLosesNothing() throws InterruptedException {
        server = ChatServer.start(ChatSettings.defaults().withPort(0).withSlowConsumers(SAYS, SlowConsumerPolicy.DISCONNECT));
        ChatTestClient flooder = ChatTestClient.connect(clients, server);
        flooder.join("flood", "flooder");
        ActorRef<Connection.Message> flooderConnection = server.connections().getFirst(); // connected first
        ChatTestClient listener = ChatTestClient.connect(clients, server);
        listener.join("flood", "listener");

        Thread sender = Thread.ofPlatform().start(() -> IntStream.range(0, SAYS).forEach(i -> flooder.say("flood", TEXT)));
        List<ServerFrame.Message> heard = listener.messages(SAYS);
        List<ServerFrame.Message> echoed = flooder.messages(SAYS);

        assertThat(heard).extracting(ServerFrame.Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, SAYS).boxed().toList());
        assertThat(heard).allMatch(m -> m.from().equals("flooder") && m.text().equals(TEXT));
        assertThat(echoed).isEqualTo(heard);
        ConnectionStats stats = server.stats(flooderConnection);
        assertThat(stats.maxUnfinishedInbound()).as("frames read and not yet finished at once")
                .isBetween(1, BOUND);
        sender.join();
    }
}
