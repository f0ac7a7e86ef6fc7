package dev.troupe.testkit;

import dev.troupe.actor.ActorRef;
import dev.troupe.testkit.internal.InboxRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ref that is not an actor, for synchronous tests: what is told to {@link #ref()} waits here to be taken.
 * {@link BehaviorTestKit} gives one to the tested behavior as {@code self} and to each child it spawns; a
 * test can make its own with {@link #create(String)} to pass as a reply-to.
 *
 * <p>Nothing ever waits: every method answers from what has arrived so far, and an expectation that is not
 * met throws {@link AssertionError} at once. Watching the ref never yields a termination.
 *
 * <p><b>Threading.</b> Thread-safe; messages may arrive from any thread (e.g. a piped future).
 *
 * @param <T> the type of message accepted
 */
public final class TestInbox<T> {
    private final InboxRef<T> ref;

    TestInbox(InboxRef<T> ref) {
        this.ref = ref;
    }

    /** A new inbox at {@code troupe://testkit/<name>}. */
    public static <T> TestInbox<T> create(String name) {
        return new TestInbox<>(new InboxRef<>(InboxRef.standalonePath(Objects.requireNonNull(name, "name"))));
    }

    public ActorRef<T> ref() {
        return ref;
    }

    /** True if a message is waiting. */
    public boolean hasMessages() {
        return !ref.messages().isEmpty();
    }

    /**
     * Takes the oldest message.
     *
     * @throws AssertionError if there is none
     */
    public T receiveMessage() {
        T message = ref.messages().poll();
        if (message == null) {
            throw new AssertionError("No message in the inbox of " + ref.path());
        }
        return message;
    }

    /**
     * Takes the oldest message and checks it equals {@code expected}; returns it.
     *
     * @throws AssertionError if there is none or it differs, naming both
     */
    public T expectMessage(T expected) {
        Objects.requireNonNull(expected, "expected");
        T message = ref.messages().poll();
        if (message == null) {
            throw new AssertionError("Expected " + expected + " but the inbox of " + ref.path() + " is empty");
        }
        if (!expected.equals(message)) {
            throw new AssertionError("Expected " + expected + " but received " + message + " in the inbox of "
                    + ref.path());
        }
        return message;
    }

    /** Takes all waiting messages, oldest first. */
    public List<T> receiveAll() {
        List<T> all = new ArrayList<>();
        for (T message = ref.messages().poll(); message != null; message = ref.messages().poll()) {
            all.add(message);
        }
        return all;
    }

    @Override
    public String toString() {
        return "TestInbox[" + ref.path() + "]";
    }
}
