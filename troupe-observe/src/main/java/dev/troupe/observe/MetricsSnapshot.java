package dev.troupe.observe;

import dev.troupe.actor.Dropped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The metrics of a whole system at one moment: every actor type, and the messages it could not deliver.
 * Immutable.
 *
 * @param systemName the bound system's name, or empty before {@link ActorMetrics#bind}
 * @param takenAtEpochMillis when it was taken (wall clock)
 * @param actorTypes one snapshot per actor type seen so far, sorted by type
 * @param deadLettersByMessage dead letters by the class name of the message
 * @param droppedByMessage messages dropped by full bounded mailboxes, by the class name of the message and
 *     the overflow rule that dropped them
 */
public record MetricsSnapshot(String systemName, long takenAtEpochMillis, List<ActorTypeSnapshot> actorTypes,
                              Map<String, Long> deadLettersByMessage,
                              Map<String, Map<Dropped.Reason, Long>> droppedByMessage) {
    public MetricsSnapshot {
        Objects.requireNonNull(systemName, "systemName");
        actorTypes = List.copyOf(actorTypes);
        deadLettersByMessage = Map.copyOf(deadLettersByMessage);
        droppedByMessage = droppedByMessage.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Map.copyOf(entry.getValue())));
    }

    /** Actors alive, over all types. */
    public long actorsAlive() {
        return actorTypes.stream().mapToLong(ActorTypeSnapshot::actorsAlive).sum();
    }

    /** Messages processed, over all types. */
    public long messagesProcessed() {
        return actorTypes.stream().mapToLong(ActorTypeSnapshot::messagesProcessed).sum();
    }

    /** Dead letters, over all message classes. */
    public long deadLetters() {
        return deadLettersByMessage.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Dropped messages, over all message classes and reasons. */
    public long dropped() {
        return droppedByMessage.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }
}
