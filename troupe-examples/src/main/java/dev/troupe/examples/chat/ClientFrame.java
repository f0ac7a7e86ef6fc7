package dev.troupe.examples.chat;

/**
 * What a chat client sends: one JSON object per WebSocket text frame, its {@code type} naming the record
 * ({@code {"type":"join","room":"lobby","name":"ada"}}, {@code {"type":"say","room":"lobby","text":"hi"}},
 * {@code {"type":"leave","room":"lobby"}}). {@link ChatCodec} reads and writes them. Immutable values, safe on
 * any thread; the compact constructors do not validate (a decoded frame is validated by the codec, so that a
 * bad frame becomes an error reply, not an exception thrown at the sender).
 */
public sealed interface ClientFrame {

    /** Enter {@code room} as {@code name}; the server answers {@link ServerFrame.Joined} or an error. */
    record Join(String room, String name) implements ClientFrame {}

    /** Post {@code text} to a room this connection has joined. */
    record Say(String room, String text) implements ClientFrame {}

    /** Leave a room this connection has joined; the server answers {@link ServerFrame.Left}. */
    record Leave(String room) implements ClientFrame {}
}
