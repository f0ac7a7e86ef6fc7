package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.DeadLetter;
import dev.troupe.actor.Dropped;
import dev.troupe.actor.SupervisionEvent;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.observe.ActorMetrics;
import dev.troupe.observe.ActorMetricsSettings;
import dev.troupe.observe.ActorTypeSnapshot;
import dev.troupe.observe.Alert;
import dev.troupe.observe.MetricsSnapshot;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything behind one {@link ActorMetrics}: the registry of live actors, the per-type metrics, the counts of
 * undelivered messages, the recent restarts and alerts, and the binding to a system. Thread-safe.
 */
public final class MetricsState {
    private static final Logger ALERTS = LoggerFactory.getLogger("dev.troupe.observe.Alerts");

    private final ActorMetricsSettings settings;
    private final ActorRegistry registry = new ActorRegistry();
    private final KeyedTable<String, TypeMetrics> types;
    private final KeyedTable<String, LongAdder> deadLetters = KeyedTable.counters();
    private final KeyedTable<DropKey, LongAdder> dropped = KeyedTable.counters();
    private final RecentEvents<ActorMetrics.Restart> recentRestarts;
    private final RecentEvents<Alert> recentAlerts;
    private final AtomicReference<Binding> binding = new AtomicReference<>();

    public MetricsState(ActorMetricsSettings settings) {
        this.settings = settings;
        this.types = new KeyedTable<>(type -> new TypeMetrics(type, registry, settings.sampleEvery()));
        this.recentRestarts = new RecentEvents<>(settings.recentEventsCapacity());
        this.recentAlerts = new RecentEvents<>(settings.recentEventsCapacity());
    }

    private record Binding(ActorSystem<?> system, AlertMonitor monitor, List<Cancellable> subscriptions) {
        void cancel() {
            subscriptions.forEach(Cancellable::cancel);
        }
    }

    public TypeMetrics type(String actorType) {
        return types.get(actorType);
    }

    public KeyedTable<String, TypeMetrics> types() {
        return types;
    }

    public KeyedTable<String, LongAdder> deadLetters() {
        return deadLetters;
    }

    public KeyedTable<DropKey, LongAdder> dropped() {
        return dropped;
    }

    public ActorRegistry registry() {
        return registry;
    }

    /** The bound system's name, if bound. */
    public Optional<String> systemName() {
        return Optional.ofNullable(binding.get()).map(b -> b.system().name());
    }

    /** See {@link ActorMetrics#bind}; the caller has checked that the system reports here. */
    public void bind(ActorSystem<?> system) {
        AlertMonitor monitor = new AlertMonitor(settings, registry, types, system.scheduler()::nanoTime, this::publish);
        Binding claimed = new Binding(system, monitor, new java.util.concurrent.CopyOnWriteArrayList<>());
        Binding existing = binding.compareAndExchange(null, claimed);
        if (existing != null) {
            throw new IllegalStateException("This ActorMetrics is bound to system " + existing.system().name()
                    + " already; give each system its own ActorMetrics");
        }
        var events = system.eventStream();
        claimed.subscriptions().add(events.listen(SupervisionEvent.class, this::supervised));
        claimed.subscriptions().add(events.listen(DeadLetter.class,
                letter -> deadLetters.get(letter.message().getClass().getName()).increment()));
        claimed.subscriptions().add(events.listen(Dropped.class,
                drop -> dropped.get(new DropKey(drop.message().getClass().getName(), drop.reason())).increment()));
        claimed.subscriptions().add(system.scheduler().scheduleAtFixedRate(settings.checkInterval(),
                settings.checkInterval(), monitor::check));
        system.whenTerminated().thenRun(claimed::cancel);
    }

    private void supervised(SupervisionEvent event) {
        String cause = event.cause().getClass().getName();
        // The registered type follows Props.withActorType; the event names the behavior's class.
        String actorType = registry.get(event.actor()).map(InstrumentedActor::actorType).orElse(event.actorType());
        switch (event) {
            case SupervisionEvent.Failed failed -> types.get(actorType).failed(cause);
            case SupervisionEvent.Restarted restarted -> {
                types.get(actorType).restarted(cause);
                recentRestarts.add(new ActorMetrics.Restart(restarted.actor(), actorType, cause,
                        event.cause().getMessage(), restarted.restartCount(),
                        System.currentTimeMillis()));
            }
            default -> { } // resumed, stopped and escalated failures were counted as Failed already
        }
    }

    private void publish(Alert alert) {
        recentAlerts.add(alert);
        if (alert instanceof Alert.Cleared) {
            ALERTS.info(alert.message());
        } else {
            ALERTS.warn(alert.message());
        }
        Binding b = binding.get();
        if (b != null) {
            b.system().eventStream().publish(alert);
        }
    }

    public MetricsSnapshot snapshot() {
        Map<String, Census.TypeTotals> totals = Census.take(registry, types);
        List<ActorTypeSnapshot> typeSnapshots = types.values().stream()
                .sorted(Comparator.comparing(TypeMetrics::actorType))
                .map(type -> typeSnapshot(type, totals.getOrDefault(type.actorType(), Census.TypeTotals.NONE)))
                .toList();
        Map<String, Map<Dropped.Reason, Long>> drops = new HashMap<>();
        KeyedTable.counts(dropped).forEach((key, count) -> drops
                .computeIfAbsent(key.messageClass(), message -> new EnumMap<>(Dropped.Reason.class))
                .put(key.reason(), count));
        return new MetricsSnapshot(systemName().orElse(""), System.currentTimeMillis(), typeSnapshots,
                KeyedTable.counts(deadLetters), drops);
    }

    private static ActorTypeSnapshot typeSnapshot(TypeMetrics type, Census.TypeTotals live) {
        long stopped = type.actorsStopped();
        long spawned = type.actorsSpawned(); // read after the stops, so that spawned - stopped is never negative
        return new ActorTypeSnapshot(type.actorType(), spawned - stopped, spawned, stopped,
                type.messagesProcessed(live.messagesProcessed()), type.timeInMailbox().sinceStart(),
                type.processingTime().sinceStart(), type.mailboxDepths().sinceStart(),
                type.timeInMailbox().lastInterval(), type.processingTime().lastInterval(), live.mailboxDepth(),
                type.maxMailboxDepth(), KeyedTable.counts(type.failuresByCause()),
                KeyedTable.counts(type.restartsByCause()), live.averageMemoryBytes());
    }

    public List<ActorMetrics.Restart> recentRestarts() {
        return recentRestarts.list();
    }

    public List<Alert> recentAlerts() {
        return recentAlerts.list();
    }

    public List<Alert> activeAlerts() {
        Binding b = binding.get();
        return b == null ? List.of() : b.monitor().active();
    }
}
