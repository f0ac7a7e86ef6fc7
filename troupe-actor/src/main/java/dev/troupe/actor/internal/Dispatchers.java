package dev.troupe.actor.internal;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.DispatcherConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The dispatchers of one system: the default one, made eagerly, and the named ones of the settings, each made
 * when an actor first selects it (an unused blocking pool costs nothing). Creation and shutdown hold the same
 * lock, so a dispatcher is either made before shutdown starts (and shut down with the others) or not at all.
 * Lookups of an existing dispatcher take no lock.
 */

/** Creates, finds and shuts down the dispatchers of a system. Thread-safe. */
final class Dispatchers {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatchers.class);

    private final String systemName;
    private final ActorSystemSettings settings;
    private final Dispatcher defaultDispatcher;
    private final ConcurrentHashMap<String, Dispatcher> named = new ConcurrentHashMap<>();
    private boolean shutDown; // guarded by this

    Dispatchers(String systemName, ActorSystemSettings settings) {
        this.systemName = systemName;
        this.settings = settings;
        this.defaultDispatcher = create(systemName + "-dispatcher", settings.defaultDispatcher());
    }

    /** Makes a dispatcher whose threads' names start with {@code threadNamePrefix}. */
    static Dispatcher create(String threadNamePrefix, DispatcherConfig config) {
        return switch (config) {
            case DispatcherConfig.ForkJoin(int parallelism, int throughput, Duration deadline, boolean handOff) ->
                    new WorkStealingDispatcher(threadNamePrefix, parallelism, throughput, deadline, handOff);
            case DispatcherConfig.FixedPool(int threads, int throughput, Duration deadline) ->
                    new FixedPoolDispatcher(threadNamePrefix, threads, throughput, deadline);
            case DispatcherConfig.Pinned(int throughput, Duration deadline) ->
                    new PinnedDispatcher(threadNamePrefix, throughput, deadline);
            case DispatcherConfig.VirtualThreads(int throughput, Duration deadline) ->
                    new VirtualThreadDispatcher(threadNamePrefix, throughput, deadline);
            case DispatcherConfig.CallingThread(int throughput, Duration deadline) ->
                    new CallingThreadDispatcher(throughput, deadline);
        };
    }

    Dispatcher defaultDispatcher() {
        return defaultDispatcher;
    }

    /**
     * The dispatcher named {@code name} in the settings, made on first use.
     *
     * @throws IllegalArgumentException if the settings define no dispatcher of that name
     * @throws IllegalStateException if the system is shutting down
     */
    Dispatcher named(String name) {
        Dispatcher dispatcher = named.get(name);
        if (dispatcher != null) {
            return dispatcher;
        }
        if (ActorSystemSettings.DEFAULT_DISPATCHER.equals(name)) {
            return defaultDispatcher;
        }
        DispatcherConfig config = settings.dispatchers().get(name);
        if (config == null) {
            List<String> known = new ArrayList<>();
            known.add(ActorSystemSettings.DEFAULT_DISPATCHER);
            known.addAll(settings.dispatchers().keySet());
            throw new IllegalArgumentException("No dispatcher named [" + name + "] in the settings of actor system "
                    + systemName + "; defined are " + known);
        }
        synchronized (this) {
            if (shutDown) {
                throw new IllegalStateException("Actor system " + systemName + " is terminating");
            }
            return named.computeIfAbsent(name, n -> create(systemName + "-" + n, config));
        }
    }

    /** The name in the settings of {@code dispatcher}, one of this system's. */
    String nameOf(Dispatcher dispatcher) {
        if (dispatcher == defaultDispatcher) {
            return ActorSystemSettings.DEFAULT_DISPATCHER;
        }
        for (var entry : named.entrySet()) {
            if (entry.getValue() == dispatcher) {
                return entry.getKey();
            }
        }
        return dispatcher.toString(); // not reached: every dispatcher of the system is in `named`
    }

    /** Shuts every dispatcher down and waits up to {@code timeout} in all for their threads. */
    void shutDownAndAwait(Duration timeout) throws InterruptedException {
        List<Dispatcher> all = new ArrayList<>();
        synchronized (this) {
            shutDown = true;
            all.add(defaultDispatcher);
            all.addAll(named.values());
        }
        all.forEach(Dispatcher::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Dispatcher dispatcher : all) {
            if (!dispatcher.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.warn("Dispatcher threads of {} did not finish within {}", systemName, timeout);
            }
        }
    }
}
