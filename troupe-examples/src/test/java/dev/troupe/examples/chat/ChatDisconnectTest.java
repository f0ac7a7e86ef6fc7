package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.OfferResult;
import dev.troupe.examples.chat.ServerFrame.Presence.Change;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import dev.troupe.examples.chat.internal.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client that goes away takes its connection actor and its room memberships with it. */
class ChatDisconnectTest {

    @Test
    void aDisconnectStopsTheConnectionActorAndTheRoomsForgetIt() throws InterruptedException {
        try (ChatServer server = ChatServer.start(ChatSettings.defaults().withPort(0));
             ChatClientGroup clients = new ChatClientGroup(1, 0)) {
            ChatTestClient ada = ChatTestClient.connect(clients, server);
            ada.join("lobby", "ada");
            ChatTestClient bob = ChatTestClient.connect(clients, server);
            bob.join("lobby", "bob");
            bob.join("kitchen", "bob");
            assertThat(ada.next(ServerFrame.Presence.class).change()).isEqualTo(Change.JOINED);
            List<ActorRef<Connection.Message>> connections = server.connections();
            assertThat(connections).hasSize(2);
            ActorRef<Connection.Message> bobsConnection = connections.get(1); // connected second

            bob.close(); // no leave: the client just goes

            assertThat(ada.next(ServerFrame.Presence.class)).isEqualTo(
                    new ServerFrame.Presence("lobby", "bob", Change.LEFT));
            await().atMost(ChatTestClient.DEADLINE).until(() -> bobsConnection.offer(
                    new Connection.Message.GetStats(server.system().deadLetters())) == OfferResult.DEAD);
            await().atMost(ChatTestClient.DEADLINE).until(() -> server.connections().equals(List.of(connections.get(0))));
            assertThat(server.members("lobby")).containsExactly("ada");
            assertThat(server.members("kitchen")).isEmpty();
        }
    }
}
