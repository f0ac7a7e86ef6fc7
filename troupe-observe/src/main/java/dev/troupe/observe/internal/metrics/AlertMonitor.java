package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.observe.ActorMetricsSettings;
import dev.troupe.observe.ActorTypeSnapshot.Distribution;
import dev.troupe.observe.Alert;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/*
 * The alert monitor. The per-actor thresholds need every actor's mailbox depth (a blocked actor samples
 * nothing, so samples cannot tell), and reading a million actors takes about half a second (a few cache misses
 * each): so each check visits at most SWEEP_BUDGET actors, resuming where the last one stopped, and a new
 * breach of a large system is seen within a few checks. The breaches in progress are looked up again at every
 * check, so that they clear at once. The same sweep sums the per-type census behind the Micrometer gauges,
 * published when a pass completes. Each check also closes the interval of every type's histograms (the
 * processing-time threshold is judged on the interval just closed) and compares the restarts of each type
 * within the last minute, by the scheduler's clock, with the threshold.
 *
 * Once per breach: a breach is kept in the map of its kind under its subject from the check that sees it
 * begin to the check that sees it end, and only those two checks publish. A per-actor breach also ends when
 * the actor stops; a per-type processing breach when the type has no live actor left (an interval without
 * samples otherwise leaves the state as it was: no new evidence either way).
 */

/** Runs its checks one at a time (synchronized); they run on the system's scheduler thread. */
final class AlertMonitor {
    /** Actors read per check: about 50 ms at half a microsecond each. */
    static final int SWEEP_BUDGET = 100_000;
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final ActorMetricsSettings settings;
    private final ActorRegistry registry;
    private final KeyedTable<String, TypeMetrics> types;
    private final LongSupplier clock;
    private final Consumer<Alert> publisher;
    private final ActorRegistry.Sweep sweep;
    private Census census = new Census();
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
        this.sweep = registry.new Sweep();
        long now = clock.getAsLong();
        for (TypeMetrics type : types.values()) {
            ArrayDeque<long[]> history = new ArrayDeque<>();
            history.add(new long[] {now, type.restarts()});
            restartHistory.put(type.actorType(), history);
        }
    }

    synchronized void check() {
        long millis = System.currentTimeMillis();
        clearEnded(deepMailboxes, actor -> actor.mailboxDepth() > settings.mailboxDepthThreshold(), millis);
        clearEnded(heavyActors, actor -> actor.estimatedMemoryBytes() > settings.memoryPerActorThreshold(), millis);
        if (sweep.visit(SWEEP_BUDGET, actor -> visit(actor, millis))) {
            census.finish(types);
            census = new Census();
        }
        checkTypes(clock.getAsLong(), millis);
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

    private void visit(InstrumentedActor actor, long millis) {
        int depth = Math.max(0, actor.mailboxDepth());
        long memory = actor.estimatedMemoryBytes();
        census.add(actor, depth, memory);
        ActorPath path = actor.path();
        if (depth > settings.mailboxDepthThreshold() && !deepMailboxes.containsKey(path)) {
            raise(deepMailboxes, path, new Alert.MailboxDepth(path, actor.actorType(), depth,
                    settings.mailboxDepthThreshold(), millis));
        }
        if (memory > settings.memoryPerActorThreshold() && !heavyActors.containsKey(path)) {
            raise(heavyActors, path, new Alert.ActorMemory(path, actor.actorType(), memory,
                    settings.memoryPerActorThreshold(), millis));
        }
    }

    /** Clears each per-actor breach whose actor has stopped or no longer {@code breaches}. */
    private void clearEnded(Map<ActorPath, Alert> active, Predicate<InstrumentedActor> breaches,
                            long millis) {
        for (var it = active.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Optional<InstrumentedActor> actor = registry.get(entry.getKey());
            if (actor.isEmpty() || !breaches.test(actor.get())) {
                it.remove();
                publisher.accept(new Alert.Cleared(entry.getValue(), millis));
            }
        }
    }

    private void checkTypes(long now, long millis) {
        long thresholdNanos = settings.processingTimeP95Threshold().toNanos();
        for (TypeMetrics type : types.values()) {
            String name = type.actorType();
            type.timeInMailbox().closeInterval();
            type.mailboxDepths().closeInterval();
            Distribution processing = type.processingTime().closeInterval();
            boolean slow = processing.count() > 0 ? processing.p95() > thresholdNanos
                    : slowTypes.containsKey(name) && type.actorsAlive() > 0;
            update(slowTypes, name, slow,
                    () -> new Alert.ProcessingTime(name, processing.p95(), thresholdNanos, millis), millis);
            int restarts = restartsWithinMinute(name, type.restarts(), now);
            update(restartingTypes, name, restarts > settings.restartsPerMinuteThreshold(), () ->
                    new Alert.RestartRate(name, restarts, settings.restartsPerMinuteThreshold(),
                            type.lastRestartCause(), millis), millis);
        }
    }

    private void update(Map<String, Alert> active, String type, boolean breached,
                        Supplier<Alert> breach, long millis) {
        if (breached && !active.containsKey(type)) {
            raise(active, type, breach.get());
        } else if (!breached && active.containsKey(type)) {
            publisher.accept(new Alert.Cleared(active.remove(type), millis));
        }
    }

    private <K> void raise(Map<K, Alert> active, K subject, Alert alert) {
        active.put(subject, alert);
        publisher.accept(alert);
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
}
