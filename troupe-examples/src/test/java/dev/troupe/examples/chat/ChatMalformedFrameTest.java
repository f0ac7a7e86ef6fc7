package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.examples.chat.ServerFrame.ErrorCode;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad frame gets an error frame; the connection and the server go on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatMalformedFrameTest {

    private static final int MAX_FRAME_BYTES = 1024;

    private final AtomicInteger names = new AtomicInteger();
    private ChatServer server;
    private ChatClientGroup clients;

    @BeforeAll
    void start() throws InterruptedException {
        server = ChatServer.start(new ChatSettings("127.0.0.1", 0, 10, 64, SlowConsumerPolicy.DROP_OLDEST,
                MAX_FRAME_BYTES, 100));
        clients = new ChatClientGroup(1, 0);
    }

    @AfterAll
    void stop() {
        clients.close();
        server.close();
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                bad("not JSON", ErrorCode.MALFORMED, () -> text("hello?")),
                bad("not an object", ErrorCode.MALFORMED, () -> text("[1,2]")),
                bad("unknown type", ErrorCode.MALFORMED, () -> text("{\"type\":\"shout\",\"room\":\"lobby\"}")),
                bad("no type", ErrorCode.MALFORMED, () -> text("{\"room\":\"lobby\"}")),
                bad("missing name", ErrorCode.MALFORMED, () -> text("{\"type\":\"join\",\"room\":\"lobby\"}")),
                bad("number for a name", ErrorCode.MALFORMED,
                        () -> text("{\"type\":\"join\",\"room\":\"lobby\",\"name\":42}")),
                bad("invalid room", ErrorCode.MALFORMED,
                        () -> text("{\"type\":\"join\",\"room\":\"no spaces!\",\"name\":\"x\"}")),
                bad("empty text", ErrorCode.MALFORMED, () -> text("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"\"}")),
                bad("say in a room not joined", ErrorCode.NOT_JOINED,
                        () -> text("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}")),
                bad("say in a room that does not exist", ErrorCode.NOT_JOINED,
                        () -> text("{\"type\":\"say\",\"room\":\"nowhere\",\"text\":\"hi\"}")),
                bad("leave a room not joined", ErrorCode.NOT_JOINED, () -> text("{\"type\":\"leave\",\"room\":\"lobby\"}")),
                bad("too long", ErrorCode.TOO_LONG, () -> text("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\""
                        + "x".repeat(MAX_FRAME_BYTES) + "\"}")),
                bad("binary", ErrorCode.UNSUPPORTED_FRAME,
                        () -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void aBadFrameGetsAnErrorAndTheConnectionStillWorks(String what, ErrorCode expected,
                                                         Supplier<WebSocketFrame> frame) {
        try (ChatTestClient client = ChatTestClient.connect(clients, server)) {
            client.client().sendRaw(frame.get());

            ServerFrame.Error error = client.next(ServerFrame.Error.class);
            assertThat(error.code()).isEqualTo(expected);
            assertThat(error.message()).isNotBlank();
            assertThat(client.join("lobby", "c" + names.incrementAndGet()).room()).isEqualTo("lobby");
        }
    }

    @Test
    void aFragmentedMessageGetsOneErrorAndTheConnectionStillWorks() {
        try (ChatTestClient client = ChatTestClient.connect(clients, server)) {
            client.client().sendRaw(new TextWebSocketFrame(false, 0, "{\"type\":\"join\","));
            client.client().sendRaw(new ContinuationWebSocketFrame(true, 0, "\"room\":\"lobby\",\"name\":\"f\"}"));

            assertThat(client.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.UNSUPPORTED_FRAME);
            assertThat(client.join("lobby", "fragmented").members()).contains("fragmented");
        }
    }

    @Test
    void joiningTwiceIsRefused() {
        try (ChatTestClient client = ChatTestClient.connect(clients, server)) {
            client.join("twice", "t");
            client.client().send(new ClientFrame.Join("twice", "t-again"));

            assertThat(client.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.ALREADY_JOINED);
        }
    }

    @Test
    void aFrameBeyondNettysHardLimitClosesThatConnectionOnly() {
        try (ChatTestClient other = ChatTestClient.connect(clients, server);
             ChatTestClient offender = ChatTestClient.connect(clients, server)) {
            other.join("survivors", "other");

            offender.client().sendRaw(text("x".repeat(MAX_FRAME_BYTES * 8)));

            assertThat(offender.client().closeFuture().awaitUninterruptibly(ChatTestClient.DEADLINE.toMillis())).isTrue();
            other.say("survivors", "still here");
            assertThat(other.messages(1)).extracting(ServerFrame.Message::text).isEqualTo(List.of("still here"));
        }
    }

    private static Arguments bad(String what, ErrorCode expected, Supplier<WebSocketFrame> frame) {
        return Arguments.of(what, expected, frame);
    }

    private static WebSocketFrame text(String text) {
        return new TextWebSocketFrame(text);
    }
}
