package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.examples.chat.ServerFrame.Presence.Change;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms deliver every message to every member in one order, announce presence and replay history. */
class ChatRoomTest {

    private ChatServer server;
    private ChatClientGroup clients;

    @BeforeEach
    void start() throws InterruptedException {
        server = ChatServer.start(new ChatSettings("127.0.0.1", 0, 3, 256, SlowConsumerPolicy.DISCONNECT, 4096, 100));
        clients = new ChatClientGroup(2, 0);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void everyMemberGetsEveryMessageInOneOrderThatKeepsEachSendersOrder() {
        // Three senders post 200 numbered messages each at once; a fourth member only listens.
        int perSender = 200;
        List<ChatTestClient> members = new ArrayList<>();
        for (String name : List.of("ada", "bob", "cy", "listener")) {
            ChatTestClient member = ChatTestClient.connect(clients, server);
            member.join("lobby", name);
            members.add(member);
        }
        List<Thread> senders = members.subList(0, 3).stream().map(sender -> Thread.ofPlatform().start(() ->
                IntStream.range(0, perSender).forEach(i -> sender.say("lobby", String.valueOf(i))))).toList();

        List<List<ServerFrame.Message>> seen = members.stream().map(m -> m.messages(3 * perSender)).toList();

        senders.forEach(ChatRoomTest::join);
        for (List<ServerFrame.Message> messages : seen) {
            assertThat(messages).isEqualTo(seen.getFirst()); // one order for all
            assertThat(messages).extracting(ServerFrame.Message::seq)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 3 * perSender).asLongStream().boxed().toList());
            for (String sender : List.of("ada", "bob", "cy")) {
                assertThat(messages).filteredOn(m -> m.from().equals(sender)).extracting(ServerFrame.Message::text)
                        .containsExactlyElementsOf(IntStream.range(0, perSender).mapToObj(String::valueOf).toList());
            }
        }
    }

    @Test
    void aJoinerGetsTheMembersAndTheLastMessagesAndTheOthersSeeItCome() {
        ChatTestClient ada = ChatTestClient.connect(clients, server);
        ServerFrame.Joined first = ada.join("lobby", "ada");
        assertThat(first.members()).containsExactly("ada");
        assertThat(first.history()).isEmpty();
        for (String text : List.of("one", "two", "three", "four")) {
            ada.say("lobby", text);
        }
        assertThat(ada.messages(4)).extracting(ServerFrame.Message::text).containsExactly("one", "two", "three", "four");

        ChatTestClient bob = ChatTestClient.connect(clients, server);
        ServerFrame.Joined joined = bob.join("lobby", "bob");

        assertThat(joined.members()).containsExactly("ada", "bob");
        assertThat(joined.history()).extracting(ServerFrame.Message::text).containsExactly("two", "three", "four");
        assertThat(ada.next(ServerFrame.Presence.class)).isEqualTo(new ServerFrame.Presence("lobby", "bob", Change.JOINED));

        bob.client().send(new ClientFrame.Leave("lobby"));
        assertThat(bob.next(ServerFrame.Left.class).room()).isEqualTo("lobby");
        assertThat(ada.next(ServerFrame.Presence.class)).isEqualTo(new ServerFrame.Presence("lobby", "bob", Change.LEFT));
        assertThat(server.members("lobby")).containsExactly("ada");
    }

    @Test
    void aTakenNameIsRefusedAndTheConnectionMayTryAnother() {
        ChatTestClient ada = ChatTestClient.connect(clients, server);
        ada.join("lobby", "ada");
        ChatTestClient impostor = ChatTestClient.connect(clients, server);

        impostor.client().send(new ClientFrame.Join("lobby", "ada"));

        assertThat(impostor.next(ServerFrame.Error.class).code()).isEqualTo(ServerFrame.ErrorCode.NAME_TAKEN);
        assertThat(impostor.join("lobby", "ada2").members()).containsExactly("ada", "ada2");
    }

    @Test
    void saysSentRightAfterAJoinWaitForItAndArriveAfterTheJoinedFrame() {
        ChatTestClient ada = ChatTestClient.connect(clients, server);
        ada.client().send(new ClientFrame.Join("lobby", "ada"));
        ada.say("lobby", "hello");

        assertThat(ada.next(ServerFrame.Joined.class).room()).isEqualTo("lobby");
        assertThat(ada.next(ServerFrame.Message.class).text()).isEqualTo("hello");
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
