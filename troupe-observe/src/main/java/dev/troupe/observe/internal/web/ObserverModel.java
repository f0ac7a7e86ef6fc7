package dev.troupe.observe.internal.web;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorSystem;
import dev.troupe.observe.ActorMetrics;
import dev.troupe.observe.ActorSnapshot;
import dev.troupe.observe.ActorTypeSnapshot;
import dev.troupe.observe.ActorTypeSnapshot.Distribution;
import dev.troupe.observe.Alert;
import dev.troupe.observe.MetricsSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the observer's endpoints answer, read from one system's {@link ActorMetrics} and turned into
 * {@link Views}. Paths come in as text from URLs and are checked here: a path of another system or a malformed
 * one is a {@link ApiException#badRequest}, a path no live actor has is {@link ApiException#notFound}.
 *
 * <p>Cost: a snapshot and the hottest actors are passes over every live actor (a quarter to half a second for a
 * million); they come from {@link CostBoundedCache}s, so that the page's polling and the tick together spend a
 * bounded share of a core however large the system is (the answers are then a few seconds old).
 *
 * <p>Threading: the queries run on server threads, concurrently; {@link #tick()} on the live feed's thread,
 * once a second. The system-wide rate is written by the tick and read by the queries through a volatile field.
 */
public final class ObserverModel {
    private static final int CHART_POINTS = 120;
    private static final int HOTTEST_KEPT = 100;
    private static final int DETAIL_CHILDREN = 50;
    private static final double NANOS_PER_MILLI = 1e6;

    private final ActorSystem<?> system;
    private final ActorMetrics metrics;
    private final ActorPath root;
    private final String rootText;
    private final RateTracker rates = new RateTracker();
    private final ArrayDeque<Views.ChartPoint> history = new ArrayDeque<>(CHART_POINTS);
    private final CostBoundedCache<MetricsSnapshot> snapshots;
    private final CostBoundedCache<Hottest> hottest;
    /** Written by the tick thread only (and the constructor, which happens-before the first tick). */
    private long lastTickProcessed;
    private long lastTickNanos;
    private volatile long messagesPerSecond;

    public ObserverModel(ActorSystem<?> system, ActorMetrics metrics) {
        this.system = system;
        this.metrics = metrics;
        this.root = ActorPath.root(system.name());
        this.rootText = root.toString();
        this.snapshots = new CostBoundedCache<>(metrics::snapshot);
        this.hottest = new CostBoundedCache<>(() -> new Hottest(metrics.hottestByProcessingTime(HOTTEST_KEPT),
                metrics.hottestByMailboxDepth(HOTTEST_KEPT)));
        CostBoundedCache.Entry<MetricsSnapshot> first = snapshots.entry(); // so that the first tick has a rate
        this.lastTickProcessed = first.value().messagesProcessed();
        this.lastTickNanos = first.takenAtNanos();
    }

    /** The hottest actors by both measures, as many as any request may ask. */
    private record Hottest(List<ActorSnapshot> byProcessing, List<ActorSnapshot> byMailboxDepth) {}

    String systemName() {
        return system.name();
    }

    ActorMetrics metrics() {
        return metrics;
    }

    Views.Summary summary() {
        return summary(snapshots.get());
    }

    private Views.Summary summary(MetricsSnapshot snapshot) {
        Runtime heap = Runtime.getRuntime();
        long restarts = snapshot.actorTypes().stream().mapToLong(t -> sum(t.restartsByCause())).sum();
        long uptimeNanos = metrics.children(root, 1).stream().mapToLong(ActorSnapshot::ageNanos).findFirst()
                .orElse(0);
        return new Views.Summary(system.name(), uptimeNanos / 1_000_000, snapshot.actorsAlive(),
                snapshot.messagesProcessed(), messagesPerSecond, snapshot.deadLetters(), snapshot.dropped(),
                restarts, heap.totalMemory() - heap.freeMemory(), heap.maxMemory(), metrics.activeAlerts().size());
    }

    List<Views.ActorType> actorTypes() {
        return snapshots.get().actorTypes().stream().map(t -> new Views.ActorType(t.actorType(),
                t.actorsAlive(), t.actorsSpawned(), t.actorsStopped(), t.messagesProcessed(),
                percentiles(t.processingTime()), percentiles(t.mailboxTime()), t.currentMailboxDepth(),
                t.maxMailboxDepth(), sum(t.failuresByCause()), sum(t.restartsByCause()), t.averageMemoryBytes()))
                .toList();
    }

    /** The children of the actor at {@code pathText}, or of the root when null. */
    Views.TreeLevel children(String pathText, int limit) {
        long now = System.nanoTime();
        if (pathText == null || pathText.equals(rootText) || pathText.equals(root.address())) {
            List<ActorSnapshot> top = metrics.children(root, limit);
            return new Views.TreeLevel(rootText, system.name(), top.size(), nodes(top, now));
        }
        ActorSnapshot parent = live(pathText);
        List<ActorSnapshot> children = parent.childCount() == 0 ? List.of() : metrics.children(parent.path(), limit);
        return new Views.TreeLevel(parent.path().toString(), parent.path().name(),
                Math.max(parent.childCount(), children.size()), nodes(children, now));
    }

    Views.ActorDetail actor(String pathText) {
        ActorSnapshot a = live(pathText);
        List<String> children = a.childCount() == 0 ? List.of()
                : metrics.children(a.path(), DETAIL_CHILDREN).stream().map(c -> c.path().name()).toList();
        return new Views.ActorDetail(a.path().toString(), a.path().name(), a.path().uid(), a.actorType(),
                a.mailboxKind(), a.mailboxDepth(), a.dispatcher(), a.childCount(), children, a.messagesProcessed(),
                rate(a, System.nanoTime()), a.estimatedProcessingNanos() / NANOS_PER_MILLI,
                a.estimatedMemoryBytes(), a.ageNanos() / 1_000_000, !a.alive());
    }

    Views.StopRequested stop(String pathText) {
        ActorSnapshot a = live(pathText);
        if (!metrics.stop(a.path())) {
            throw ApiException.notFound("No live actor at " + pathText + ": it stopped meanwhile");
        }
        return new Views.StopRequested(a.path().toString(), "stopping");
    }

    /** The hottest actors; up to {@value #HOTTEST_KEPT} of each kind from the cache, more by a pass of their own. */
    Views.Hottest hottest(int limit) {
        if (limit > HOTTEST_KEPT) {
            long now = System.nanoTime();
            return new Views.Hottest(hot(metrics.hottestByProcessingTime(limit), now),
                    hot(metrics.hottestByMailboxDepth(limit), now));
        }
        CostBoundedCache.Entry<Hottest> cached = hottest.entry();
        long seenAt = cached.takenAtNanos(); // rates from counters read then, not now
        return new Views.Hottest(hot(first(cached.value().byProcessing(), limit), seenAt),
                hot(first(cached.value().byMailboxDepth(), limit), seenAt));
    }

    private static List<ActorSnapshot> first(List<ActorSnapshot> actors, int limit) {
        return actors.subList(0, Math.min(limit, actors.size()));
    }

    List<Views.Restart> restarts() {
        List<Views.Restart> restarts = new ArrayList<>(metrics.recentRestarts().stream()
                .map(r -> new Views.Restart(r.atEpochMillis(), r.actor().toString(), r.actorType(), "restarted",
                        r.cause(), r.causeMessage(), r.restartCount()))
                .toList());
        Collections.reverse(restarts);
        return restarts;
    }

    Views.DeadLetters deadLetters() {
        MetricsSnapshot snapshot = snapshots.get();
        List<Views.MessageCount> dead = byCountDescending(snapshot.deadLettersByMessage(), Function.identity());
        List<Views.MessageCount> drops = byCountDescending(snapshot.droppedByMessage(), ObserverModel::sum);
        return new Views.DeadLetters(snapshot.deadLetters(), snapshot.dropped(), dead, drops);
    }

    List<Views.Alert> alerts() {
        Set<Alert> active = new HashSet<>(metrics.activeAlerts());
        List<Views.Alert> alerts = new ArrayList<>(metrics.recentAlerts().stream()
                .map(a -> new Views.Alert(a.atEpochMillis(), a.getClass().getSimpleName(), a.subject(),
                        a.actorType(), a.message(), active.contains(a)))
                .toList());
        Collections.reverse(alerts);
        return alerts;
    }

    synchronized List<Views.ChartPoint> history() {
        return new ArrayList<>(history);
    }

    /** Advances the system-wide rate and the chart by one point; the live feed's thread, once a second. */
    Views.LiveFrame tick() {
        CostBoundedCache.Entry<MetricsSnapshot> latest = snapshots.entry();
        MetricsSnapshot snapshot = latest.value();
        if (latest.takenAtNanos() != lastTickNanos) { // a new snapshot: the rate over the time between the two
            long processed = snapshot.messagesProcessed();
            messagesPerSecond = RateTracker.perSecond(Math.max(0, processed - lastTickProcessed),
                    latest.takenAtNanos() - lastTickNanos);
            lastTickProcessed = processed;
            lastTickNanos = latest.takenAtNanos();
        }
        rates.forgetStale(System.nanoTime());
        Views.ChartPoint point = new Views.ChartPoint(System.currentTimeMillis(), messagesPerSecond,
                worstP95Millis(snapshot, ActorTypeSnapshot::recentProcessingTime),
                worstP95Millis(snapshot, ActorTypeSnapshot::recentMailboxTime));
        synchronized (this) {
            if (history.size() == CHART_POINTS) {
                history.removeFirst();
            }
            history.addLast(point);
        }
        return new Views.LiveFrame(summary(snapshot), point);
    }

    /** The live actor printed as {@code pathText}, or the 4xx that explains why there is none. */
    private ActorSnapshot live(String pathText) {
        if (!pathText.startsWith(rootText)) {
            throw ApiException.badRequest("Not an actor path of system '" + system.name() + "': '" + pathText
                    + "'; paths look like " + rootText + "user/orders");
        }
        return metrics.findPath(pathText).flatMap(metrics::actor)
                .orElseThrow(() -> ApiException.notFound("No live actor at " + pathText));
    }

    private List<Views.TreeNode> nodes(List<ActorSnapshot> actors, long now) {
        return actors.stream().map(a -> new Views.TreeNode(a.path().toString(), a.path().name(), a.actorType(),
                a.mailboxDepth(), rate(a, now), a.childCount())).toList();
    }

    private List<Views.HotActor> hot(List<ActorSnapshot> actors, long now) {
        return actors.stream().map(a -> new Views.HotActor(a.path().toString(), a.actorType(),
                a.estimatedProcessingNanos() / NANOS_PER_MILLI, a.mailboxDepth(), rate(a, now))).toList();
    }

    private long rate(ActorSnapshot a, long now) {
        return rates.perSecond(a.path(), a.messagesProcessed(), a.ageNanos(), now);
    }

    private static double worstP95Millis(MetricsSnapshot snapshot, Function<ActorTypeSnapshot, Distribution> which) {
        return snapshot.actorTypes().stream().map(which).filter(d -> d.count() > 0)
                .mapToLong(Distribution::p95).max().orElse(0) / NANOS_PER_MILLI;
    }

    private static Views.Percentiles percentiles(Distribution d) {
        return new Views.Percentiles(d.p50() / NANOS_PER_MILLI, d.p95() / NANOS_PER_MILLI, d.p99() / NANOS_PER_MILLI);
    }

    private static <V> List<Views.MessageCount> byCountDescending(Map<String, V> counts, Function<V, Long> count) {
        return counts.entrySet().stream().map(e -> new Views.MessageCount(e.getKey(), count.apply(e.getValue())))
                .sorted(Comparator.comparingLong(Views.MessageCount::count).reversed()).toList();
    }

    private static long sum(Map<?, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
