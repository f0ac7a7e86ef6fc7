package dev.troupe.testkit;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.DeadLetter;
import dev.troupe.testkit.internal.ClaimedEvents;
import dev.troupe.testkit.internal.ForwardingRef;
import dev.troupe.testkit.internal.Matches;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Expects dead letters: while a block of test code runs, counts the {@link DeadLetter}s published on a
 * system's event stream that match every given condition, and asserts that exactly the expected number
 * occurred.
 *
 * <pre>{@code
 * List<DeadLetter> letters = DeadLetterCapture.forMessage(new Ping())
 *         .withRecipient(stopped)
 *         .expect(kit.system(), () -> stopped.tell(new Ping()));
 * }</pre>
 *
 * <p>Matched dead letters count as expected for the strict mode of {@link TestKitExtension}. Values are
 * immutable; each {@code with} method returns a copy.
 *
 * <p><b>Threading.</b> {@code expect} blocks the calling thread; the code runs on it, the dead letters may
 * come from any thread.
 */
public final class DeadLetterCapture {
    private final Object message;
    private final Class<?> messageType;
    private final ActorRef<?> recipient;
    private final int occurrences;
    private final TestKitSettings settings;

    private DeadLetterCapture(Object message, Class<?> messageType, ActorRef<?> recipient, int occurrences,
                              TestKitSettings settings) {
        this.message = message;
        this.messageType = messageType;
        this.recipient = recipient;
        this.occurrences = occurrences;
        this.settings = settings;
    }

    /** One dead letter of any message. */
    public static DeadLetterCapture any() {
        return new DeadLetterCapture(null, null, null, 1, TestKitSettings.defaults());
    }

    /** One dead letter whose message equals {@code message}. */
    public static DeadLetterCapture forMessage(Object message) {
        return new DeadLetterCapture(Objects.requireNonNull(message, "message"), null, null, 1,
                TestKitSettings.defaults());
    }

    /** One dead letter whose message is a {@code type}. */
    public static DeadLetterCapture forMessageOfType(Class<?> type) {
        return new DeadLetterCapture(null, Objects.requireNonNull(type, "type"), null, 1, TestKitSettings.defaults());
    }

    /** Only dead letters meant for {@code recipient}. */
    public DeadLetterCapture withRecipient(ActorRef<?> recipient) {
        return new DeadLetterCapture(message, messageType, Objects.requireNonNull(recipient, "recipient"),
                occurrences, settings);
    }

    /**
     * Exactly {@code n} matching dead letters, instead of one. With 0, {@code expect} watches for the
     * no-message time ({@link TestKitSettings#expectNoMessage()}) after the code ran.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public DeadLetterCapture withOccurrences(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("occurrences must not be negative, was " + n);
        }
        return new DeadLetterCapture(message, messageType, recipient, n, settings);
    }

    /** Waits as {@code settings} say instead of {@link TestKitSettings#defaults()}. */
    public DeadLetterCapture withSettings(TestKitSettings settings) {
        return new DeadLetterCapture(message, messageType, recipient, occurrences,
                Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Runs {@code code}, then waits up to {@link TestKitSettings#singleExpect()} for the expected number of
     * matching dead letters on {@code system}, and asserts that exactly that many occurred; returns them.
     *
     * @throws AssertionError listing what matched, if the count differs
     */
    public List<DeadLetter> expect(ActorSystem<?> system, Runnable code) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
        Matches<DeadLetter> matches = new Matches<>();
        ActorRef<DeadLetter> subscriber = new ForwardingRef<>(ForwardingRef.capturePath(system.path()), letter -> {
            if (matches(letter)) {
                ClaimedEvents.claim(letter);
                matches.add(letter);
            }
        });
        system.eventStream().subscribe(DeadLetter.class, subscriber);
        List<DeadLetter> matched;
        try {
            code.run();
            Duration max = settings.dilated(occurrences == 0 ? settings.expectNoMessage() : settings.singleExpect());
            matched = matches.awaitAtLeast(Math.max(occurrences, 1), max.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + this, e);
        } finally {
            system.eventStream().unsubscribe(DeadLetter.class, subscriber);
        }
        if (matched.size() != occurrences) {
            throw new AssertionError("Expected " + occurrences + " " + this + " but " + matched.size()
                    + " occurred" + (matched.isEmpty() ? "" : ": " + matched));
        }
        return matched;
    }

    private boolean matches(DeadLetter letter) {
        return (message == null || message.equals(letter.message()))
                && (messageType == null || messageType.isInstance(letter.message()))
                && (recipient == null || recipient.equals(letter.recipient()));
    }

    /** Describes the expected dead letters, e.g. {@code dead letter(s) of message Ping[] to troupe://...}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("dead letter(s)");
        if (message != null) {
            sb.append(" of message ").append(message);
        }
        if (messageType != null) {
            sb.append(" of type ").append(messageType.getName());
        }
        if (recipient != null) {
            sb.append(" to ").append(recipient.path());
        }
        return sb.toString();
    }
}
