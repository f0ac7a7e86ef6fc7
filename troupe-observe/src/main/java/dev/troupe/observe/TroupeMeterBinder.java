package dev.troupe.observe;

import dev.troupe.observe.internal.metrics.DropKey;
import dev.troupe.observe.internal.metrics.MetricsState;
import dev.troupe.observe.internal.metrics.TypeMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exposes an {@link ActorMetrics} to Micrometer (an optional dependency: only this class needs it). Every meter
 * is tagged {@code system}; the per-type ones {@code actor.type} too:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>kind</th><th>what</th></tr>
 *   <tr><td>{@code troupe.actors.alive}</td><td>gauge</td><td>actors spawned and not stopped</td></tr>
 *   <tr><td>{@code troupe.actors.spawned}, {@code troupe.actors.stopped}</td><td>counters</td><td></td></tr>
 *   <tr><td>{@code troupe.messages.processed}</td><td>counter</td>
 *       <td>as of the alert monitor's latest completed pass over the actors (every check, up to 100,000
 *       actors)</td></tr>
 *   <tr><td>{@code troupe.mailbox.time}, {@code troupe.processing.time}</td><td>timers</td>
 *       <td>of the sampled messages, with percentiles P50, P95, P99; a sample taken while its sender throttled
 *       sampling is recorded once for each full-rate sample it stands for, so the count is samples at the full
 *       rate</td></tr>
 *   <tr><td>{@code troupe.mailbox.depth}</td><td>distribution summary</td>
 *       <td>the depth seen by sampled messages, with percentiles P50, P95, P99, counted like the timers</td></tr>
 *   <tr><td>{@code troupe.mailbox.depth.current}, {@code troupe.mailbox.depth.peak}</td><td>gauges</td>
 *       <td>messages waiting in the type's mailboxes now, and the deepest mailbox seen (by a sample or the
 *       monitor: a blocked actor samples nothing). Not {@code .max}, which the summary exports already as its
 *       recent maximum</td></tr>
 *   <tr><td>{@code troupe.actor.failures}, {@code troupe.actor.restarts}</td><td>counters</td>
 *       <td>tagged {@code cause}, the failure's class name</td></tr>
 *   <tr><td>{@code troupe.actor.memory}</td><td>gauge, bytes</td><td>average estimated memory per actor</td></tr>
 *   <tr><td>{@code troupe.deadletters}</td><td>counter</td><td>tagged {@code message}, the class name (system-wide:
 *       no {@code actor.type})</td></tr>
 *   <tr><td>{@code troupe.dropped}</td><td>counter</td><td>tagged {@code message} and {@code reason}
 *       (system-wide)</td></tr>
 * </table>
 *
 * <p>Actor types, causes and message classes that appear after {@link #bindTo} get their meters when they
 * first appear, registered on the thread that saw them (an actor's, briefly taking the registry's lock once per
 * new meter). The counters and gauges read the metrics' own counts, so they include what happened before the
 * binding; the timers and the summary see the samples taken after it.
 *
 * <p>Threading: {@link #bindTo} may be called from any thread, once per registry.
 */
// Its API names Micrometer's types, and a caller has Micrometer anyway (it made the registry): requiring it
// transitively would make the optional dependency look mandatory, hence no "requires transitive".
@SuppressWarnings("exports")
public final class TroupeMeterBinder implements MeterBinder {
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final ActorMetrics metrics;

    /** A binder for {@code metrics}, which must be {@linkplain ActorMetrics#bind bound} to its system. */
    public TroupeMeterBinder(ActorMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** @throws IllegalStateException if the metrics serve no system yet (its name tags every meter) */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        MetricsState state = metrics.state();
        String system = state.systemName().orElseThrow(() -> new IllegalStateException(
                "Create the actor system with this ActorMetrics (ActorSystemSettings.Builder.instrumentation) before binding them to a MeterRegistry"));
        Tags systemTags = Tags.of("system", system);
        // A type added while listen runs may be announced twice; its sample listener must be added once.
        Set<TypeMetrics> bound = ConcurrentHashMap.newKeySet();
        state.types().listen((name, type) -> {
            if (bound.add(type)) {
                bindType(registry, systemTags.and("actor.type", name), type);
            }
        });
        state.deadLetters().listen((message, count) -> counter(registry, "troupe.deadletters", count,
                systemTags.and("message", message), "Messages that could not be delivered"));
        state.dropped().listen((DropKey key, LongAdder count) -> counter(registry, "troupe.dropped", count,
                systemTags.and("message", key.messageClass()).and("reason", key.reason().name()),
                "Messages a full bounded mailbox did not keep"));
    }

    private static void bindType(MeterRegistry registry, Tags tags, TypeMetrics type) {
        Gauge.builder("troupe.actors.alive", type, TypeMetrics::actorsAlive).tags(tags)
                .description("Actors spawned and not yet stopped").register(registry);
        FunctionCounter.builder("troupe.actors.spawned", type, TypeMetrics::actorsSpawned).tags(tags)
                .description("Actors spawned").register(registry);
        FunctionCounter.builder("troupe.actors.stopped", type, TypeMetrics::actorsStopped).tags(tags)
                .description("Actors stopped").register(registry);
        FunctionCounter.builder("troupe.messages.processed", type, TypeMetrics::messagesProcessedAtLastCensus)
                .tags(tags).description("Messages processed, as of the monitor's latest pass").register(registry);
        Gauge.builder("troupe.mailbox.depth.current", type, t -> t.lastCensus().mailboxDepth()).tags(tags)
                .description("Messages waiting in the mailboxes of the type's actors").register(registry);
        Gauge.builder("troupe.mailbox.depth.peak", type, TypeMetrics::maxMailboxDepth).tags(tags)
                .description("The deepest mailbox of the type seen so far").register(registry);
        Gauge.builder("troupe.actor.memory", type, t -> t.lastCensus().averageMemoryBytes()).tags(tags)
                .baseUnit("bytes").description("Average estimated memory per actor").register(registry);
        type.failuresByCause().listen((cause, count) -> counter(registry, "troupe.actor.failures", count,
                tags.and("cause", cause), "Failures by cause"));
        type.restartsByCause().listen((cause, count) -> counter(registry, "troupe.actor.restarts", count,
                tags.and("cause", cause), "Restarts by cause"));

        Timer mailboxTime = Timer.builder("troupe.mailbox.time").tags(tags).publishPercentiles(PERCENTILES)
                .description("Time from enqueue to the start of processing (sampled messages)").register(registry);
        Timer processingTime = Timer.builder("troupe.processing.time").tags(tags).publishPercentiles(PERCENTILES)
                .description("Time processing a message took (sampled messages)").register(registry);
        DistributionSummary depths = DistributionSummary.builder("troupe.mailbox.depth").tags(tags)
                .publishPercentiles(PERCENTILES).description("Mailbox depth seen by sampled messages")
                .register(registry);
        type.addSampleListener((waitedNanos, processingNanos, depth, copies) -> {
            for (int i = 0; i < copies; i++) {
                mailboxTime.record(Math.max(0, waitedNanos), TimeUnit.NANOSECONDS);
                if (processingNanos >= 0) {
                    processingTime.record(processingNanos, TimeUnit.NANOSECONDS);
                }
                depths.record(depth);
            }
        });
    }

    private static void counter(MeterRegistry registry, String name, LongAdder count, Tags tags, String description) {
        FunctionCounter.builder(name, count, LongAdder::sum).tags(tags).description(description).register(registry);
    }
}
