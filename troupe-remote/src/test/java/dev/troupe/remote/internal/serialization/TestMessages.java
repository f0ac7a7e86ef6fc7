package dev.troupe.remote.internal.serialization;

import dev.troupe.actor.ActorRef;
import dev.troupe.remote.MessageTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Message types of the serialization tests: a sealed protocol, containers, refs, scalars and a recursive type. */
final class TestMessages {
    private TestMessages() {
    }

    sealed interface Counter {
        record Increment(int by) implements Counter {}

        record Get(ActorRef<Integer> replyTo) implements Counter {}

        record Reset() implements Counter {}

        enum Mode implements Counter { FAST, SLOW }

        sealed interface Admin extends Counter {
            record Shutdown(String reason) implements Admin {}
        }
    }

    record Batch(Counter first, List<Counter> rest, Map<String, Counter> byKey, Optional<Counter> last,
                 Optional<String> note, Counter.Admin admin) {}

    record Team(String name, List<ActorRef<String>> members, Map<String, ActorRef<String>> byRole,
                Optional<ActorRef<String>> lead, Nested nested) {}

    record Nested(Inner inner, Set<UUID> ids) {}

    record Inner(ActorRef<String> deep, Counter command) {}

    enum Color { RED, GREEN }

    record Scalars(boolean flag, byte small, short medium, char letter, int number, long big, float ratio,
                   double precise, Integer boxed, BigInteger huge, BigDecimal exact, UUID id, byte[] bytes,
                   Instant at, Duration took, LocalDate day, LocalTime time, LocalDateTime stamp, Color color,
                   Map<Color, Long> counts, Map<Integer, String> byNumber, String[] words) {}

    record Tree(String label, List<Tree> children) {}

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, was " + value);
            }
        }
    }

    record Unregistered(String text) {}

    /** The allow-list of these tests: the protocol under a prefix, the rest under their class names. */
    static MessageTypes types() {
        return MessageTypes.builder()
                .register(Counter.class, "counter")
                .register(Batch.class)
                .register(Team.class)
                .register(Scalars.class)
                .register(Tree.class, "tree")
                .register(Positive.class, "positive")
                .register(Color.class, "color")
                .build();
    }
}
