package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.instrument.InstrumentedActor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One pass over the live actors that sums their counters per type: what the per-type state cannot keep without
 * a set of actors per type. The alert monitor takes one each check (the Micrometer gauges read its result),
 * a snapshot takes its own.
 */
public final class Census {
    private Census() {}

    /**
     * The totals of the live actors of one type.
     *
     * @param messagesProcessed by the live actors only
     */
    public record TypeTotals(long actors, long messagesProcessed, long mailboxDepth, long maxMailboxDepth,
                             long memoryBytes) {
        static final TypeTotals NONE = new TypeTotals(0, 0, 0, 0, 0);

        /** The average estimated memory of an actor, 0 when there is none. */
        public long averageMemoryBytes() {
            return actors == 0 ? 0 : memoryBytes / actors;
        }
    }

    /**
     * Visits every live actor, hands each to {@code visitor} too, and records the totals in every type of
     * {@code types} (a type without live actors gets zeros).
     */
    static Map<String, TypeTotals> take(ActorRegistry registry, KeyedTable<String, TypeMetrics> types,
                                        Consumer<InstrumentedActor> visitor) {
        Map<String, long[]> sums = new HashMap<>();
        registry.forEach(actor -> {
            long[] s = sums.computeIfAbsent(actor.actorType(), type -> new long[5]);
            int depth = Math.max(0, actor.mailboxDepth());
            s[0]++;
            s[1] += actor.messagesProcessed();
            s[2] += depth;
            s[3] = Math.max(s[3], depth);
            s[4] += actor.estimatedMemoryBytes();
            visitor.accept(actor);
        });
        Map<String, TypeTotals> totals = new HashMap<>();
        for (TypeMetrics type : types.values()) {
            long[] s = sums.get(type.actorType());
            TypeTotals t = s == null ? TypeTotals.NONE : new TypeTotals(s[0], s[1], s[2], s[3], s[4]);
            type.censusTaken(t);
            totals.put(type.actorType(), t);
        }
        return totals;
    }
}
