package dev.troupe.examples.iot;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import dev.troupe.actor.SupervisionEvent;
import dev.troupe.observe.ActorMetrics;
import dev.troupe.observe.ActorMetricsSettings;
import dev.troupe.observe.ObserverSettings;
import dev.troupe.observe.TroupeObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A fleet at work: its actor system (with {@link ActorMetrics} as instrumentation), its counters, the
 * simulated cloud and, if asked for, the web observer. {@link #start} returns at once, while the buildings are
 * still spawning their devices: {@link #spawned()} tells when they are done.
 *
 * <p><b>Threading.</b> Every method is safe from any thread. The queries send a message to the fleet and
 * complete on an actor's thread (or the scheduler's, on time-out).
 *
 * <p><b>Lifecycle.</b> {@link #close()} stops every actor, the observer and the cloud, and returns when the
 * system has terminated; calling it again does nothing.
 */
public final class RunningFleet implements AutoCloseable {
    private static final long GATHERER_MEMORY = 256 * 1024;

    private final FleetServices services;
    private final SimulatedCloud cloud;
    private final ActorMetrics metrics;
    private final ActorSystem<Fleet.Command> system;
    private final TroupeObserver observer;
    private final Cancellable restartCounting;
    private final CloudWiring wiring;

    private RunningFleet(FleetSettings settings, ObserverSettings observerSettings, CloudWiring wiring,
                         Supplier<? extends Scheduler> scheduler) {
        this.cloud = new SimulatedCloud();
        this.wiring = wiring;
        this.services = new FleetServices(settings, new FleetCounters(settings.devices()), new ReportLatency(),
                new FaultInjector(settings.failureRate()), cloud);
        // A gatherer holds up to one reply per device of its building while it waits: tens of kilobytes, by design.
        this.metrics = ActorMetrics.create(ActorMetricsSettings.builder().memoryPerActorThreshold(GATHERER_MEMORY)
                .build());
        ActorSystemSettings.Builder systemSettings = ActorSystemSettings.builder().instrumentation(metrics);
        if (scheduler != null) {
            systemSettings.scheduler(scheduler);
        }
        this.system = ActorSystem.create(Fleet.create(services, cloud, wiring), "iot", systemSettings.build());
        this.restartCounting = system.eventStream().listen(SupervisionEvent.Restarted.class,
                restarted -> services.counters().restarted());
        this.observer = observerSettings == null ? null : startObserver(observerSettings);
    }

    private TroupeObserver startObserver(ObserverSettings settings) {
        try {
            return TroupeObserver.start(system, metrics, settings);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Starts a fleet whose devices reach the simulated cloud through a circuit breaker
     * ({@link BreakerGateway#SETTINGS}), with the observer if {@code observer} is given.
     *
     * @throws IllegalStateException if the observer cannot listen where asked (the fleet is stopped then)
     */
    public static RunningFleet start(FleetSettings settings, Optional<ObserverSettings> observer) {
        return start(settings, observer, BreakerGateway.wiring(BreakerGateway.SETTINGS));
    }

    /** Like {@link #start(FleetSettings, Optional)}, the devices reaching the cloud as {@code wiring} says. */
    public static RunningFleet start(FleetSettings settings, Optional<ObserverSettings> observer,
                                     CloudWiring wiring) {
        return new RunningFleet(settings, observer.orElse(null), wiring, null);
    }

    /** A fleet without observer whose timers run on {@code scheduler}, such as a test's manual time. */
    static RunningFleet start(FleetSettings settings, Supplier<? extends Scheduler> scheduler) {
        return new RunningFleet(settings, null, CloudWiring.DIRECT, scheduler);
    }

    /** Whether every building has spawned all its devices and every device has started (its timer runs). */
    public boolean spawned() {
        FleetCounters counters = services.counters();
        int devices = services.settings().devices();
        return counters.spawned() >= devices && counters.started() >= devices;
    }

    /** Asks the current reading of device {@code deviceId}; fails with a time-out after {@code timeout}. */
    public CompletionStage<QueryReply> query(int deviceId, Duration timeout) {
        return AskPattern.ask(system, replyTo -> new QueryDevice(deviceId, replyTo), timeout, system.scheduler());
    }

    /**
     * Gathers the fleet's temperatures, each building waiting {@code deviceTimeout} for its devices (see
     * {@link Fleet.Aggregate}); the stage itself fails with a time-out only if the fleet does not answer at all.
     */
    public CompletionStage<TemperatureReport.Fleet> aggregate(Duration deviceTimeout) {
        Duration fleetWaits = Region.slack(Region.slack(Region.slack(deviceTimeout)));
        return AskPattern.ask(system, replyTo -> new Fleet.Aggregate(deviceTimeout, replyTo),
                fleetWaits.plusSeconds(5), system.scheduler());
    }

    public FleetSettings settings() {
        return services.settings();
    }

    public FleetCounters counters() {
        return services.counters();
    }

    public ReportLatency latency() {
        return services.latency();
    }

    public FaultInjector faults() {
        return services.faults();
    }

    public SimulatedCloud cloud() {
        return cloud;
    }

    /** The circuit breaker in front of the cloud, if the fleet was wired with one and has started. */
    public Optional<BreakerGateway> breaker() {
        return wiring instanceof BreakerGateway.Wiring breakered ? breakered.gateway() : Optional.empty();
    }

    public ActorSystem<Fleet.Command> system() {
        return system;
    }

    public ActorMetrics metrics() {
        return metrics;
    }

    public Optional<TroupeObserver> observer() {
        return Optional.ofNullable(observer);
    }

    @Override
    public void close() {
        stop();
        if (observer != null) {
            observer.close();
        }
    }

    private void stop() {
        restartCounting.cancel();
        system.terminate();
        system.whenTerminated().toCompletableFuture().join();
        cloud.close();
    }
}
