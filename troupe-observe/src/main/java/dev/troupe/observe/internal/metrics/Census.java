package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.instrument.InstrumentedActor;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums the counters of live actors per type: what the per-type state cannot keep without a set of actors per
 * type. A snapshot takes a census in one pass; the alert monitor spreads one over its checks (see
 * {@link ActorRegistry.Sweep}) and the Micrometer gauges read the latest it completed. Not thread-safe: one
 * census is filled by one thread.
 */
public final class Census {
    private final Map<String, long[]> sums = new HashMap<>();
    /** The sums of the type of the actor added last: neighbours are often of one type. */
    private String lastType;
    private long[] lastSums;

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

    /** Counts {@code actor}, whose mailbox holds {@code depth} messages and which is estimated at {@code memory}. */
    void add(InstrumentedActor actor, int depth, long memory) {
        String type = actor.actorType();
        long[] s = type.equals(lastType) ? lastSums : sums.computeIfAbsent(type, t -> new long[5]);
        lastType = type;
        lastSums = s;
        s[0]++;
        s[1] += actor.messagesProcessed();
        s[2] += depth;
        s[3] = Math.max(s[3], depth);
        s[4] += memory;
    }

    /** The totals of every type of {@code types} (zeros for one without live actors), recorded in each type. */
    Map<String, TypeTotals> finish(KeyedTable<String, TypeMetrics> types) {
        Map<String, TypeTotals> totals = new HashMap<>();
        for (TypeMetrics type : types.values()) {
            long[] s = sums.get(type.actorType());
            TypeTotals t = s == null ? TypeTotals.NONE : new TypeTotals(s[0], s[1], s[2], s[3], s[4]);
            type.censusTaken(t);
            totals.put(type.actorType(), t);
        }
        return totals;
    }

    /** A census of every live actor in one pass. */
    static Map<String, TypeTotals> take(ActorRegistry registry, KeyedTable<String, TypeMetrics> types) {
        Census census = new Census();
        registry.forEach(actor -> census.add(actor, Math.max(0, actor.mailboxDepth()), actor.estimatedMemoryBytes()));
        return census.finish(types);
    }
}
