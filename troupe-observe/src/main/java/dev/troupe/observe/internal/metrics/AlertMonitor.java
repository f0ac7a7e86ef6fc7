package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.ActorPath;
import dev.troupe.observe.ActorMetricsSettings;
import dev.troupe.observe.ActorTypeSnapshot.Distribution;
import dev.troupe.observe.Alert;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/*
 * The alert monitor: each check takes a census of the live actors (the per-actor thresholds need every
 * actor's mailbox depth: a blocked actor samples nothing, so samples cannot tell), closes the interval of
 * every type's histograms (the processing-time threshold is judged on the interval just closed), and
 * compares the restarts of each type within the last minute, by the scheduler's clock, with the threshold.
 *
 * Once per breach: a breach is kept in the map of its kind under its subject from the check that sees it
 * begin to the check that sees it end, and only those two checks publish. A per-actor breach also ends when
 * the actor stops; a per-type processing breach when the type has no live actor left (an interval without
 * samples otherwise leaves the state as it was: no new evidence either way).
 */

/** Runs its checks one at a time (synchronized); they run on the system's scheduler thread. */
final class AlertMonitor {
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final ActorMetricsSettings settings;
    private final ActorRegistry registry;
    private final KeyedTable<String, TypeMetrics> types;
    private final LongSupplier clock;
    private final Consumer<Alert> publisher;
    private final Map<ActorPath, Alert> deepMailboxes = new HashMap<>();
    private final Map<ActorPath, Alert> heavyActors = new HashMap<>();
    private final Map<String, Alert> slowTypes = new HashMap<>();
    private final Map<String, Alert> restartingTypes = new HashMap<>();
    /** Per type: (scheduler nanos, restarts so far) at each check, back to the first at or before a minute ago. */
    private final Map<String, ArrayDeque<long[]>> restartHistory = new HashMap<>();

    /** {@code clock} is the scheduler's; the restarts counted so far start the one-minute window. */
    AlertMonitor(ActorMetricsSettings settings, ActorRegistry registry, KeyedTable<String, TypeMetrics> types,
                 LongSupplier clock, Consumer<Alert> publisher) {
        this.settings = settings;
        this.registry = registry;
        this.types = types;
        this.clock = clock;
        this.publisher = publisher;
        long now = clock.getAsLong();
        for (TypeMetrics type : types.values()) {
            restartHistory.computeIfAbsent(type.actorType(), t -> new ArrayDeque<>()).add(new long[] {now, type.restarts()});
        }
    }

    synchronized void check() {
        long now = clock.getAsLong();
        long millis = System.currentTimeMillis();
        Map<ActorPath, Alert> deepNow = new HashMap<>();
        Map<ActorPath, Alert> heavyNow = new HashMap<>();
        int depthThreshold = settings.mailboxDepthThreshold();
        long memoryThreshold = settings.memoryPerActorThreshold();
        Map<String, Census.TypeTotals> totals = Census.take(registry, types, actor -> {
            int depth = actor.mailboxDepth();
            if (depth > depthThreshold) {
                deepNow.put(actor.path(), new Alert.MailboxDepth(actor.path(), actor.actorType(), depth,
                        depthThreshold, millis));
            }
            long memory = actor.estimatedMemoryBytes();
            if (memory > memoryThreshold) {
                heavyNow.put(actor.path(), new Alert.ActorMemory(actor.path(), actor.actorType(), memory,
                        memoryThreshold, millis));
            }
        });
        update(deepMailboxes, deepNow, millis);
        update(heavyActors, heavyNow, millis);
        Map<String, Alert> slowNow = new HashMap<>();
        Map<String, Alert> restartingNow = new HashMap<>();
        for (TypeMetrics type : types.values()) {
            String name = type.actorType();
            type.timeInMailbox().closeInterval();
            type.mailboxDepths().closeInterval();
            Distribution processing = type.processingTime().closeInterval();
            long thresholdNanos = settings.processingTimeP95Threshold().toNanos();
            Census.TypeTotals live = totals.getOrDefault(name, Census.TypeTotals.NONE);
            if (processing.count() > 0 ? processing.p95() > thresholdNanos
                    : live.actors() > 0 && slowTypes.containsKey(name)) {
                Alert raised = slowTypes.get(name);
                slowNow.put(name, raised != null ? raised
                        : new Alert.ProcessingTime(name, processing.p95(), thresholdNanos, millis));
            }
            int restarts = restartsWithinMinute(name, type.restarts(), now);
            if (restarts > settings.restartsPerMinuteThreshold()) {
                restartingNow.put(name, new Alert.RestartRate(name, restarts, settings.restartsPerMinuteThreshold(),
                        type.lastRestartCause(), millis));
            }
        }
        update(slowTypes, slowNow, millis);
        update(restartingTypes, restartingNow, millis);
    }

    /** The breaches in progress. */
    synchronized List<Alert> active() {
        List<Alert> all = new ArrayList<>();
        all.addAll(deepMailboxes.values());
        all.addAll(heavyActors.values());
        all.addAll(slowTypes.values());
        all.addAll(restartingTypes.values());
        return all;
    }

    private int restartsWithinMinute(String type, long restartsSoFar, long now) {
        // A type first seen after the monitor started restarted only since then: well within a check interval.
        ArrayDeque<long[]> history = restartHistory.computeIfAbsent(type, t -> {
            ArrayDeque<long[]> fresh = new ArrayDeque<>();
            fresh.add(new long[] {now, 0});
            return fresh;
        });
        history.add(new long[] {now, restartsSoFar});
        while (history.size() > 1 && secondOf(history)[0] <= now - MINUTE_NANOS) {
            history.removeFirst();
        }
        return (int) Math.min(Integer.MAX_VALUE, restartsSoFar - history.getFirst()[1]);
    }

    private static long[] secondOf(ArrayDeque<long[]> history) {
        var iterator = history.iterator();
        iterator.next();
        return iterator.next();
    }

    /** Publishes the breaches that began and the clearings of those that ended; {@code active} becomes now. */
    private <K> void update(Map<K, Alert> active, Map<K, Alert> now, long millis) {
        for (var it = active.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!now.containsKey(entry.getKey())) {
                it.remove();
                publisher.accept(new Alert.Cleared(entry.getValue(), millis));
            }
        }
        now.forEach((subject, alert) -> {
            if (active.putIfAbsent(subject, alert) == null) {
                publisher.accept(alert);
            }
        });
    }

}
