package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.DeadLetter;
import dev.troupe.actor.DispatcherSelector;
import dev.troupe.actor.Dropped;
import dev.troupe.actor.OfferResult;
import dev.troupe.actor.EventStream;
import dev.troupe.actor.MailboxSelector;
import dev.troupe.actor.Props;
import dev.troupe.actor.Scheduler;
import dev.troupe.actor.SupervisorStrategy;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The tree:  troupe://<name>/            root: not an actor, it only hears that the guardian died
 *            troupe://<name>/user        the guardian, running the user's behavior
 *            troupe://<name>/user/...    everything the guardian spawns
 *            troupe://<name>/deadLetters, troupe://<name>/temp/$n (ask reply refs)
 *
 * Termination: terminate() stops the guardian, which stops its subtree depth first. When the guardian's
 * death notification reaches the root, a short-lived thread closes the scheduler, shuts the dispatchers down,
 * waits for their threads, and completes whenTerminated. That thread is used because the notification arrives
 * on a dispatcher thread, which cannot wait for its own pool.
 */

/** The actor system. Thread-safe. */
public final class ActorSystemImpl<T> extends InternalRef<T> implements ActorSystem<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ActorSystem.class);

    private final String name;
    private final ActorSystemSettings settings;
    private final Dispatchers dispatchers;
    private final Scheduler scheduler;
    private final EventStreamImpl eventStream = new EventStreamImpl();
    private final DeadLetterRef deadLetters;
    private final DeadLetterLog deadLetterLog;
    private final LongAdder deadLetterCount = new LongAdder();
    private final DeadLetterLog dropLog;
    private final LongAdder droppedCount = new LongAdder();
    private final LongAdder liveActors = new LongAdder();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final ActorCell<T> guardian;
    /** Null unless the settings give an instrumentation. */
    private final InstrumentationRuntime instrumentation;

    private ActorSystemImpl(ActorPath guardianPath, Behavior<T> guardianBehavior, ActorSystemSettings settings) {
        super(guardianPath);
        this.name = guardianPath.systemName();
        this.settings = settings;
        this.dispatchers = new Dispatchers(name, settings);
        this.scheduler = Objects.requireNonNull(settings.scheduler().get(), "scheduler factory returned null");
        this.instrumentation = settings.instrumentation().map(InstrumentationRuntime::new).orElse(null);
        ActorPath root = guardianPath.root();
        this.deadLetters = new DeadLetterRef(root.child("deadLetters", 0), this);
        this.deadLetterLog = new DeadLetterLog("dev.troupe.actor.DeadLetters", "Dead letter",
                settings.deadLetterLogLimit(), settings.deadLetterLogWindow());
        this.dropLog = new DeadLetterLog("dev.troupe.actor.Dropped", "Dropped by a full mailbox",
                settings.deadLetterLogLimit(), settings.deadLetterLogWindow());
        this.guardian = newCell(new RootRef(root, this), guardianPath, false, 0, guardianBehavior, Props.empty(),
                dispatchers.defaultDispatcher());
    }

    /** Creates and starts a system; see {@link ActorSystem#create}. */
    public static <T> ActorSystem<T> start(Behavior<T> guardian, String name, ActorSystemSettings settings) {
        Objects.requireNonNull(guardian, "guardian");
        Objects.requireNonNull(settings, "settings");
        ActorPath guardianPath = ActorPath.root(name).child("user", newUid());
        ActorSystemImpl<T> system = new ActorSystemImpl<>(guardianPath, guardian, settings);
        if (system.instrumentation != null) {
            try {
                settings.instrumentation().orElseThrow().systemStarted(system);
            } catch (RuntimeException | Error e) {
                system.guardian.abandonBeforeStart(); // its behavior never runs: no setup, no PostStop
                throw e;
            }
        }
        system.guardian.start();
        return system;
    }

    static long newUid() {
        long uid;
        do {
            uid = ThreadLocalRandom.current().nextLong();
        } while (uid == 0);
        return uid;
    }

    <U> ActorCell<U> newCell(InternalRef<?> parent, ActorPath path, boolean anonymous, int anonymousNumber,
                             Behavior<U> behavior, Props props, Dispatcher parentDispatcher) {
        Mailbox mailbox = switch (props.mailbox()) {
            case MailboxSelector.Unbounded unbounded ->
                    instrumentation != null ? new CountedUnboundedMailbox() : new UnboundedMailbox();
            case MailboxSelector.Bounded(int capacity, var overflow) -> new BoundedMailbox(capacity, overflow);
            case MailboxSelector.Priority(var priorityOf) -> new PriorityMailbox(priorityOf);
            case MailboxSelector.ControlAware controlAware -> new ControlAwareMailbox();
        };
        Dispatcher dispatcher = switch (props.dispatcher()) {
            case DispatcherSelector.Default d -> dispatchers.defaultDispatcher();
            case DispatcherSelector.SameAsParent d -> parentDispatcher;
            case DispatcherSelector.FromSettings(String dispatcherName) -> dispatchers.named(dispatcherName);
        };
        ActorCell<U> cell = new ActorCell<>(this, parent, path, anonymous, anonymousNumber,
                withDefaultSupervision(behavior), mailbox, dispatcher);
        if (instrumentation != null) {
            String actorType = props.actorType().orElseGet(() -> ActorTypes.of(behavior));
            cell.instrument(new ActorStats(cell, actorType, mailboxKind(props.mailbox()), dispatchers.nameOf(dispatcher),
                    instrumentation.recorderFor(actorType), instrumentation.hook() != null),
                    instrumentation.mailboxFlags());
        }
        liveActors.increment();
        return cell;
    }

    private static String mailboxKind(MailboxSelector selector) {
        return switch (selector) {
            case MailboxSelector.Unbounded unbounded -> "unbounded";
            case MailboxSelector.Bounded(int capacity, var overflow) -> "bounded(" + capacity + ", " + overflow + ")";
            case MailboxSelector.Priority priority -> "priority";
            case MailboxSelector.ControlAware controlAware -> "control-aware";
        };
    }

    /** The system's side of its instrumentation, or null if it has none. */
    InstrumentationRuntime instrumentation() {
        return instrumentation;
    }

    /** Applies the configured default strategy to failures the behavior's own supervision does not handle. */
    private <U> Behavior<U> withDefaultSupervision(Behavior<U> behavior) {
        SupervisorStrategy strategy = settings.defaultSupervisorStrategy();
        if (strategy instanceof SupervisorStrategy.Stop) {
            return behavior; // what the actor cell does anyway, with no extra wrapper per actor
        }
        return BehaviorImpl.Supervised.withFallback(behavior, strategy);
    }

    void actorTerminated() {
        liveActors.decrement();
    }

    /** Actors created and not yet fully stopped (for tests and metrics). */
    public long liveActorCount() {
        return liveActors.sum();
    }

    LocalActorRef<T> guardianRef() {
        return guardian.selfRef();
    }

    /** Counts, logs (rate-limited) and publishes a message that a bounded mailbox did not keep. */
    void dropped(Object message, ActorRef<?> recipient, Dropped.Reason reason) {
        droppedCount.increment();
        dropLog.log(message, recipient, reason.toString());
        eventStream.publish(new Dropped(message, recipient.unsafeUpcast(), reason));
    }

    /** Counts, logs (rate-limited) and publishes a message that could not be delivered. */
    void deadLetter(Object message, ActorRef<?> recipient) {
        deadLetter(message, recipient, "not delivered");
    }

    /**
     * Counts, logs (rate-limited, with {@code reason}) and publishes a message that could not be delivered; for
     * other Troupe modules, such as remoting, that know why. Any thread.
     */
    public void deadLetter(Object message, ActorRef<?> recipient, String reason) {
        deadLetterCount.increment();
        deadLetterLog.log(message, recipient, reason);
        if (!(message instanceof DeadLetter)) {
            eventStream.publish(new DeadLetter(message, Optional.empty(), recipient.unsafeUpcast()));
        }
    }

    // ---- ActorRef to the guardian -----------------------------------------------------------------------

    @Override
    public void tell(T message) {
        guardian.selfRef().tell(message);
    }

    @Override
    public void sendSystem(SystemMessage message) {
        guardian.selfRef().sendSystem(message);
    }

    @Override
    public boolean isTerminated() {
        return guardian.isTerminated();
    }

    // ---- ActorSystem ------------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public void terminate() {
        guardian.selfRef().sendSystem(new SystemMessage.Terminate());
    }

    @Override
    public CompletionStage<Void> whenTerminated() {
        return terminated.minimalCompletionStage();
    }

    @Override
    public EventStream eventStream() {
        return eventStream;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> ActorRef<U> deadLetters() {
        return (ActorRef<U>) deadLetters;
    }

    @Override
    public long deadLetterCount() {
        return deadLetterCount.sum();
    }

    @Override
    public long droppedCount() {
        return droppedCount.sum();
    }

    @Override
    public OfferResult offer(T message) {
        return guardian.selfRef().offer(message);
    }

    @Override
    public boolean put(T message, java.time.Duration timeout) throws InterruptedException {
        return guardian.selfRef().put(message, timeout);
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public ActorSystemSettings settings() {
        return settings;
    }

    @Override
    public Logger log() {
        return LOG;
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name + "]";
    }

    private void guardianTerminated() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            return;
        }
        Thread shutdown = new Thread(this::shutDownThreads, name + "-shutdown");
        shutdown.setDaemon(false);
        shutdown.start();
    }

    private void shutDownThreads() {
        try {
            if (scheduler instanceof AutoCloseable closeable) {
                closeable.close();
            }
            dispatchers.shutDownAndAwait(settings.shutdownTimeout());
        } catch (Exception e) {
            LOG.warn("Error while shutting down actor system {}", name, e);
        } finally {
            LOG.info("Actor system {} terminated", name);
            terminated.complete(null);
        }
    }

    /** The parent of the guardian; not an actor. */
    private static final class RootRef extends InternalRef<Void> {
        private final ActorSystemImpl<?> system;

        RootRef(ActorPath path, ActorSystemImpl<?> system) {
            super(path);
            this.system = system;
        }

        @Override
        public void tell(Void message) {
            system.deadLetter(requireMessage(message), this);
        }

        @Override
        public void sendSystem(SystemMessage message) {
            if (message instanceof SystemMessage.DeathWatchNotification) {
                system.guardianTerminated();
            }
        }

        @Override
        public boolean isTerminated() {
            return system.terminated.isDone();
        }
    }
}
