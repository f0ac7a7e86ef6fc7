package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.examples.chat.ServerFrame.ErrorCode;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import org.junit.jupiter.api.Test;

/** What clients can make the server hold is bounded: rooms per connection and rooms in all. */
class ChatLimitsTest {

    private static final int ROOMS_PER_CONNECTION = 32;

    @Test
    void aConnectionIsInAtMost32RoomsAndTheServerHoldsAtMostMaxRooms() throws InterruptedException {
        int maxRooms = ROOMS_PER_CONNECTION + 1;
        try (ChatServer server = ChatServer.start(new ChatSettings("127.0.0.1", 0, 0, 16,
                SlowConsumerPolicy.DISCONNECT, 1024, maxRooms));
             ChatClientGroup clients = new ChatClientGroup(1, 0)) {
            ChatTestClient busy = ChatTestClient.connect(clients, server);
            for (int r = 0; r < ROOMS_PER_CONNECTION; r++) {
                busy.join("room-" + r, "busy");
            }

            busy.client().send(new ClientFrame.Join("one-too-many", "busy"));
            assertThat(busy.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.LIMIT_REACHED);

            ChatTestClient other = ChatTestClient.connect(clients, server);
            other.join("last-room", "other"); // room 33 of 33
            other.client().send(new ClientFrame.Join("beyond", "other"));
            assertThat(other.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.LIMIT_REACHED);
            assertThat(other.join("room-0", "other").members()).containsExactly("busy", "other"); // existing rooms still open
        }
    }
}
