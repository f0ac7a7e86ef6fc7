package dev.troupe.observe;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.instrument.ActorTypeRecorder;
import dev.troupe.actor.instrument.Instrumentation;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import dev.troupe.observe.internal.metrics.MetricsState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in {@link Instrumentation}: metrics per actor type and per actor, alerts, and the queries of the
 * live observer. One line each to set up:
 *
 * <pre>{@code
 * ActorMetrics metrics = ActorMetrics.create();
 * ActorSystem<Command> system = ActorSystem.create(app, "shop",
 *         ActorSystemSettings.builder().instrumentation(metrics).build());
 * }</pre>
 *
 * <p>What it measures, per actor type ({@link ActorTypeSnapshot}): actors alive, spawned and stopped, messages
 * processed, time in mailbox, processing time and mailbox depth as histograms, failures and restarts by cause,
 * estimated memory per actor; system-wide ({@link MetricsSnapshot}): dead letters and drops by message class.
 * Per actor ({@link ActorSnapshot}): its place in the actor tree, mailbox, dispatcher and counters. Once
 * {@linkplain #systemStarted started}, a monitor on the system's scheduler checks the thresholds of
 * {@link ActorMetricsSettings} every {@code checkInterval} and publishes {@link Alert}s.
 *
 * <p><b>One system.</b> An instance serves the one system it is set in: give each system its own.
 *
 * <p><b>Threading.</b> Every method is safe from any thread and none waits for an actor. The recording side
 * (the {@link ActorTypeRecorder}s, called by the runtime on actor threads) only adds to counters, histograms
 * and the index, lock-free except for a moment the first time a type, a parent or a larger range of values
 * appears; the queries iterate the live actors (cost linear in their number; meant for a page refreshed about
 * once a second). A query sees what recorders did before it started, and perhaps some of what they do meanwhile:
 * each counter is exact on its own, not consistent with the others at an instant.
 *
 * <p><b>Memory consistency.</b> An actor is registered on the spawning thread before its spawn returns, so a
 * query that happens-after the spawn sees it. It leaves the registry on its last turn, just before its parent
 * and watchers are told: a query that happens-after a {@link dev.troupe.actor.Terminated} for it no longer sees
 * it. A message
 * counts as processed from the start of its processing; its sample (the histograms) is recorded after its
 * handler returns, so after anything the handler sent.
 *
 * <p><b>Cost.</b> A registered actor costs one entry in the parent-to-children index (its path to its
 * counters): about 36 bytes (measured with a million actors on JDK 25 with compressed pointers: heap per actor
 * with these metrics minus with an instrumentation that keeps nothing). The per-type state does not grow with
 * the actors; the histograms of a type whose actors are sampled take some 0.5 to 1 MB (HdrHistogram's
 * concurrent recorders cover every power of two up to the largest value at full precision). A query that
 * reads every live actor ({@link #snapshot}, the hottest lists) costs about half a microsecond per actor,
 * mostly cache misses: a quarter to half a second for a million. The alert monitor reads at most 100,000
 * actors per check and resumes where it stopped, so that a check stays within some 50 ms of the scheduler's
 * thread; in a larger system a new per-actor breach is seen within a few checks.
 */
public final class ActorMetrics implements Instrumentation {
    private final ActorMetricsSettings settings;
    private final MessageHook messageHook;
    private final MetricsState state;

    private ActorMetrics(ActorMetricsSettings settings, MessageHook messageHook) {
        this.settings = settings;
        this.messageHook = messageHook;
        this.state = new MetricsState(settings);
    }

    /** Metrics with {@link ActorMetricsSettings#defaults()}. */
    public static ActorMetrics create() {
        return create(ActorMetricsSettings.defaults());
    }

    /** Metrics with {@code settings}. */
    public static ActorMetrics create(ActorMetricsSettings settings) {
        return new ActorMetrics(Objects.requireNonNull(settings, "settings"), null);
    }

    /**
     * New metrics with this one's settings that also run {@code hook} for every message (MDC, tracing, flight
     * recorder): use the returned instance, set up no system with this one. Several hooks combine with
     * {@link MessageHooks#compose}.
     */
    public ActorMetrics withMessageHook(MessageHook hook) {
        return new ActorMetrics(settings, Objects.requireNonNull(hook, "hook"));
    }

    /** The settings given at creation. */
    public ActorMetricsSettings settings() {
        return settings;
    }

    /** {@link ActorMetricsSettings#minSampleSpacing()}. */
    @Override
    public Duration minSampleSpacing() {
        return settings.minSampleSpacing();
    }

    /** {@link ActorMetricsSettings#sampleEvery()}. */
    @Override
    public int sampleEvery() {
        return settings.sampleEvery();
    }

    /** The hook given to {@link #withMessageHook}, or null. */
    @Override
    public MessageHook messageHook() {
        return messageHook;
    }

    /** Called by the runtime, once per actor type; not for applications. */
    @Override
    public ActorTypeRecorder recorderFor(String actorType) {
        return state.type(Objects.requireNonNull(actorType, "actorType"));
    }

    /**
     * Called by the runtime when the system this instrumentation is set in starts, before its first actor:
     * listens on its event stream for {@link dev.troupe.actor.SupervisionEvent}s,
     * {@link dev.troupe.actor.DeadLetter}s and {@link dev.troupe.actor.Dropped} messages, and starts the alert
     * monitor on its scheduler. When the system terminates, the listeners and the monitor stop; the metrics stay
     * readable. Not for applications.
     *
     * @throws IllegalStateException if this instance serves another system already (the second system's
     *     {@code ActorSystem.create} then fails with it)
     */
    @Override
    public void systemStarted(ActorSystem<?> system) {
        state.bind(Objects.requireNonNull(system, "system"));
    }

    /** All metrics now: every actor type seen, dead letters and drops. */
    public MetricsSnapshot snapshot() {
        return state.snapshot();
    }

    /**
     * The {@code n} live actors with the most estimated processing time, most first.
     *
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public List<ActorSnapshot> hottestByProcessingTime(int n) {
        return state.registry().hottest(requirePositive(n), InstrumentedActor::estimatedProcessingNanos);
    }

    /**
     * The {@code n} live actors with the deepest mailboxes, deepest first.
     *
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public List<ActorSnapshot> hottestByMailboxDepth(int n) {
        return state.registry().hottest(requirePositive(n), InstrumentedActor::mailboxDepth);
    }

    /**
     * Up to {@code limit} live children of {@code parent}, sorted by name. The top of the tree is
     * {@code children(ActorPath.root(systemName), 1)}: the user guardian, {@code troupe://<system>/user}.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public List<ActorSnapshot> children(ActorPath parent, int limit) {
        return state.registry().children(Objects.requireNonNull(parent, "parent"), requirePositive(limit));
    }

    /** The live actor at {@code path} (uid included), if it is registered. */
    public Optional<ActorSnapshot> actor(ActorPath path) {
        return state.registry().snapshotOf(Objects.requireNonNull(path, "path"));
    }

    /**
     * The path of the live actor printed as {@code printed}: {@link ActorPath#toString()} or
     * {@link ActorPath#toStringWithUid()} form, e.g. {@code troupe://shop/user/orders#4711}. For URLs of the
     * observer. Cost: a scan of the siblings at each level (one lookup for the last level when the uid is
     * given).
     *
     * @return empty if no live actor has that path, or the text is not a path of the bound system
     */
    public Optional<ActorPath> findPath(String printed) {
        return state.registry().find(Objects.requireNonNull(printed, "printed"));
    }

    /**
     * Asks the live actor at {@code path} to stop, as {@link InstrumentedActor#stop()} does: it finishes its
     * current message, stops its children and its watchers learn of its death. Stopping the user guardian
     * stops the system. Returns at once.
     *
     * @return false if no live actor has that path
     */
    public boolean stop(ActorPath path) {
        Optional<InstrumentedActor> actor = state.registry().get(Objects.requireNonNull(path, "path"));
        actor.ifPresent(InstrumentedActor::stop);
        return actor.isPresent();
    }

    /** The latest restarts, oldest first, at most {@link ActorMetricsSettings#recentEventsCapacity()}. */
    public List<Restart> recentRestarts() {
        return state.recentRestarts();
    }

    /** The latest alerts and clearings, oldest first, at most {@link ActorMetricsSettings#recentEventsCapacity()}. */
    public List<Alert> recentAlerts() {
        return state.recentAlerts();
    }

    /** The breaches in progress (raised and not cleared), as raised. */
    public List<Alert> activeAlerts() {
        return state.activeAlerts();
    }

    @Override
    public String toString() {
        return "ActorMetrics[" + state.systemName().orElse("unbound") + "]";
    }

    /** Package-private access for {@link TroupeMeterBinder}. */
    MetricsState state() {
        return state;
    }

    private static int requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the count must be positive, was " + n);
        }
        return n;
    }

    /**
     * One restart of an actor, as {@link dev.troupe.actor.SupervisionEvent.Restarted} reported it.
     *
     * @param actor the restarted actor
     * @param actorType its type (as registered, falling back to the event's when it had stopped)
     * @param cause the class name of the failure
     * @param causeMessage the failure's message, or empty (null is taken as empty)
     * @param restartCount its restarts so far in the supervisor's window
     * @param atEpochMillis when it was seen (wall clock)
     */
    public record Restart(ActorPath actor, String actorType, String cause, String causeMessage, int restartCount,
                          long atEpochMillis) {
        public Restart {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(actorType, "actorType");
            Objects.requireNonNull(cause, "cause");
            causeMessage = Objects.requireNonNullElse(causeMessage, ""); // Throwable.getMessage() may be null
        }
    }
}
