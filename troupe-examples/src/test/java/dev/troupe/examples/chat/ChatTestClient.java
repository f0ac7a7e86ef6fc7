package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.examples.chat.internal.ChatClient;
import dev.troupe.examples.chat.internal.ChatClientGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A chat client for tests: it queues what the server sends and waits for it with a generous deadline. */
final class ChatTestClient implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final BlockingQueue<ServerFrame> received = new LinkedBlockingQueue<>();
    private final ChatClient client;

    private ChatTestClient(ChatClientGroup group, ChatServer server) {
        client = group.connect(server.uri(), received::add).orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
    }

    static ChatTestClient connect(ChatClientGroup group, ChatServer server) {
        return new ChatTestClient(group, server);
    }

    /** Joins and returns the server's answer, which must be a Joined. */
    ServerFrame.Joined join(String room, String name) {
        client.send(new ClientFrame.Join(room, name));
        return next(ServerFrame.Joined.class);
    }

    void say(String room, String text) {
        client.send(new ClientFrame.Say(room, text));
    }

    ChatClient client() {
        return client;
    }

    /** The next frame, which must be of {@code type}. */
    <F extends ServerFrame> F next(Class<F> type) {
        ServerFrame frame = next();
        assertThat(frame).isInstanceOf(type);
        return type.cast(frame);
    }

    ServerFrame next() {
        try {
            ServerFrame frame = received.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame from the server within %s", DEADLINE).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next {@code n} messages, skipping presence frames. */
    List<ServerFrame.Message> messages(int n) {
        List<ServerFrame.Message> messages = new ArrayList<>();
        while (messages.size() < n) {
            ServerFrame frame = next();
            if (!(frame instanceof ServerFrame.Presence)) {
                assertThat(frame).isInstanceOf(ServerFrame.Message.class);
                messages.add((ServerFrame.Message) frame);
            }
        }
        return messages;
    }

    @Override
    public void close() {
        client.close();
    }
}
