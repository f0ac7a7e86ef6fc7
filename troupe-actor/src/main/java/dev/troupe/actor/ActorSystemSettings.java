package dev.troupe.actor;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * The settings of an {@link ActorSystem}. Immutable; build with {@link #builder()}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code parallelism}</td><td>available processors</td>
 *       <td>threads of the default fork-join dispatcher</td></tr>
 *   <tr><td>{@code throughput}</td><td>5</td>
 *       <td>messages an actor of the default dispatcher processes per turn before its thread serves another
 *       actor</td></tr>
 *   <tr><td>{@code throughputDeadline}</td><td>none (zero)</td>
 *       <td>the longest a turn on the default dispatcher goes on before the actor yields</td></tr>
 *   <tr><td>{@code handOff}</td><td>on</td>
 *       <td>an actor made runnable by a handler on the default dispatcher runs next on the same thread (see
 *       {@link DispatcherConfig.ForkJoin})</td></tr>
 *   <tr><td>{@code dispatcher(name, config)}</td><td>{@value #BLOCKING_DISPATCHER}: a fixed pool of 16
 *       threads, throughput 1</td>
 *       <td>named dispatchers, selected per actor with {@link DispatcherSelector#fromSettings(String)}</td></tr>
 *   <tr><td>{@code deadLetterLogLimit}</td><td>10</td>
 *       <td>dead letters logged at WARN per {@code deadLetterLogWindow}; 0 logs none (all are still counted
 *       and published)</td></tr>
 *   <tr><td>{@code deadLetterLogWindow}</td><td>10 s</td><td>the rate-limit window</td></tr>
 *   <tr><td>{@code askTimeout}</td><td>3 s</td><td>the time-out the test kit and examples use for asks</td></tr>
 *   <tr><td>{@code shutdownTimeout}</td><td>10 s</td>
 *       <td>how long termination waits for dispatcher threads to finish their current work</td></tr>
 *   <tr><td>{@code scheduler}</td><td>a timer wheel on one daemon thread</td>
 *       <td>the {@link Scheduler} factory</td></tr>
 *   <tr><td>{@code schedulerTick}</td><td>10 ms</td>
 *       <td>the default scheduler's resolution: a task runs at most about one tick after its delay (never
 *       before), and the scheduler's thread wakes once a tick while tasks are pending</td></tr>
 *   <tr><td>{@code unhandledMessagePolicy}</td><td>{@link UnhandledMessagePolicy#FAIL FAIL}</td>
 *       <td>what an unhandled message does</td></tr>
 *   <tr><td>{@code instrumentation}</td><td>none</td>
 *       <td>what the system reports actors, messages and their timings to (see
 *       {@link dev.troupe.actor.instrument.Instrumentation}); without one, instrumentation costs nothing</td></tr>
 *   <tr><td>{@code defaultSupervisorStrategy}</td><td>{@link SupervisorStrategy#stop() stop}</td>
 *       <td>what a failure does to an actor whose behavior is not supervised for it</td></tr>
 * </table>
 */
public final class ActorSystemSettings {
    /**
     * The name of the default dispatcher: a fork-join pool configured by {@code parallelism},
     * {@code throughput} and {@code throughputDeadline}. {@code DispatcherSelector.fromSettings("default")}
     * selects it; it cannot be redefined with {@link Builder#dispatcher(String, DispatcherConfig)}.
     */
    public static final String DEFAULT_DISPATCHER = "default";

    /**
     * The name of the built-in dispatcher for blocking calls, {@link DispatcherSelector#blocking()}. Unless
     * redefined with {@link Builder#dispatcher(String, DispatcherConfig)}, it is a {@link DispatcherConfig.FixedPool}
     * of 16 platform threads with throughput 1. A bounded pool of platform threads rather than virtual threads,
     * because blocking calls usually wait on a resource with limited capacity (a connection pool, a disk, a
     * remote service): the pool bounds how many actors wait at once and shows them as threads in a thread dump,
     * and it works for calls that pin a virtual thread's carrier (native code, some file systems). Throughput
     * 1 lets the blocking actors take turns message by message. For very many actors that each block briefly,
     * register {@link DispatcherConfig#virtualThreads()} under your own name (or under this one).
     */
    public static final String BLOCKING_DISPATCHER = "blocking";

    private static final Pattern DISPATCHER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final DispatcherConfig DEFAULT_BLOCKING = DispatcherConfig.fixedPool(16).withThroughput(1);
    private static final ActorSystemSettings DEFAULTS = builder().build();

    private final int parallelism;
    private final int throughput;
    private final Duration throughputDeadline;
    private final boolean handOff;
    private final Map<String, DispatcherConfig> dispatchers;
    private final int deadLetterLogLimit;
    private final Duration deadLetterLogWindow;
    private final Duration askTimeout;
    private final Duration shutdownTimeout;
    private final Supplier<? extends Scheduler> customScheduler;
    private final Duration schedulerTick;
    private final Supplier<? extends Scheduler> scheduler;
    private final UnhandledMessagePolicy unhandledMessagePolicy;
    private final SupervisorStrategy defaultSupervisorStrategy;
    private final dev.troupe.actor.instrument.Instrumentation instrumentation;

    private ActorSystemSettings(Builder b) {
        this.parallelism = b.parallelism;
        this.throughput = b.throughput;
        this.throughputDeadline = b.throughputDeadline;
        this.handOff = b.handOff;
        this.dispatchers = Collections.unmodifiableMap(new LinkedHashMap<>(b.dispatchers));
        this.deadLetterLogLimit = b.deadLetterLogLimit;
        this.deadLetterLogWindow = b.deadLetterLogWindow;
        this.askTimeout = b.askTimeout;
        this.shutdownTimeout = b.shutdownTimeout;
        this.customScheduler = b.scheduler;
        this.schedulerTick = b.schedulerTick;
        Duration tick = b.schedulerTick;
        this.scheduler = b.scheduler != null ? b.scheduler
                : () -> new dev.troupe.actor.internal.DefaultScheduler(tick);
        this.unhandledMessagePolicy = b.unhandledMessagePolicy;
        this.defaultSupervisorStrategy = b.defaultSupervisorStrategy;
        this.instrumentation = b.instrumentation;
    }

    /** The defaults listed above. */
    public static ActorSystemSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.parallelism = parallelism;
        b.throughput = throughput;
        b.throughputDeadline = throughputDeadline;
        b.handOff = handOff;
        b.dispatchers.putAll(dispatchers);
        b.deadLetterLogLimit = deadLetterLogLimit;
        b.deadLetterLogWindow = deadLetterLogWindow;
        b.askTimeout = askTimeout;
        b.shutdownTimeout = shutdownTimeout;
        b.scheduler = customScheduler;
        b.schedulerTick = schedulerTick;
        b.unhandledMessagePolicy = unhandledMessagePolicy;
        b.defaultSupervisorStrategy = defaultSupervisorStrategy;
        b.instrumentation = instrumentation;
        return b;
    }

    public int parallelism() {
        return parallelism;
    }

    public int throughput() {
        return throughput;
    }

    /** The default dispatcher's throughput deadline; zero for none. */
    public Duration throughputDeadline() {
        return throughputDeadline;
    }

    /** Whether the default dispatcher hands off actors made runnable by a handler (see {@link DispatcherConfig.ForkJoin}). */
    public boolean handOff() {
        return handOff;
    }

    /** The default dispatcher's configuration. */
    public DispatcherConfig.ForkJoin defaultDispatcher() {
        return new DispatcherConfig.ForkJoin(parallelism, throughput, throughputDeadline, handOff);
    }

    /**
     * The named dispatchers, in registration order, including the built-in {@value #BLOCKING_DISPATCHER}
     * (and excluding {@value #DEFAULT_DISPATCHER}, see {@link #defaultDispatcher()}). Unmodifiable.
     */
    public Map<String, DispatcherConfig> dispatchers() {
        return dispatchers;
    }

    /** The dispatcher named {@code name}; {@value #DEFAULT_DISPATCHER} gives {@link #defaultDispatcher()}. */
    public Optional<DispatcherConfig> dispatcher(String name) {
        Objects.requireNonNull(name, "name");
        return DEFAULT_DISPATCHER.equals(name) ? Optional.of(defaultDispatcher())
                : Optional.ofNullable(dispatchers.get(name));
    }

    /**
     * Checks the syntax of a dispatcher name: a letter or digit, then letters, digits, {@code -} and
     * {@code _}; throws {@link IllegalArgumentException} otherwise.
     */
    static String checkDispatcherName(String name) {
        if (!DISPATCHER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid dispatcher name [" + name
                    + "]: use a letter or digit, then letters, digits, '-' and '_'");
        }
        return name;
    }

    public int deadLetterLogLimit() {
        return deadLetterLogLimit;
    }

    public Duration deadLetterLogWindow() {
        return deadLetterLogWindow;
    }

    public Duration askTimeout() {
        return askTimeout;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * Makes the scheduler for a new system: the factory given to {@link Builder#scheduler}, or else one that
     * makes the default scheduler with {@link #schedulerTick()}.
     */
    public Supplier<? extends Scheduler> scheduler() {
        return scheduler;
    }

    /** The default scheduler's tick; not used by a scheduler given to {@link Builder#scheduler}. */
    public Duration schedulerTick() {
        return schedulerTick;
    }

    public UnhandledMessagePolicy unhandledMessagePolicy() {
        return unhandledMessagePolicy;
    }

    /** The instrumentation the system reports to, if any. */
    public Optional<dev.troupe.actor.instrument.Instrumentation> instrumentation() {
        return Optional.ofNullable(instrumentation);
    }

    public SupervisorStrategy defaultSupervisorStrategy() {
        return defaultSupervisorStrategy;
    }

    @Override
    public String toString() {
        return "ActorSystemSettings[parallelism=" + parallelism + ", throughput=" + throughput
                + ", throughputDeadline=" + throughputDeadline + ", handOff=" + handOff + ", dispatchers=" + dispatchers
                + ", unhandledMessagePolicy=" + unhandledMessagePolicy
                + ", defaultSupervisorStrategy=" + defaultSupervisorStrategy
                + ", deadLetterLogLimit=" + deadLetterLogLimit + ", deadLetterLogWindow=" + deadLetterLogWindow
                + ", askTimeout=" + askTimeout + ", shutdownTimeout=" + shutdownTimeout
                + ", schedulerTick=" + schedulerTick
                + (instrumentation == null ? "" : ", instrumentation=" + instrumentation) + "]";
    }

    /**
     * Builds {@link ActorSystemSettings}. Each setter checks its argument and throws
     * {@link IllegalArgumentException} for an out-of-range value. Not thread-safe.
     */
    public static final class Builder {
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int throughput = 5;
        private Duration throughputDeadline = Duration.ZERO;
        private boolean handOff = true;
        private final Map<String, DispatcherConfig> dispatchers = new LinkedHashMap<>();
        private int deadLetterLogLimit = 10;
        private Duration deadLetterLogWindow = Duration.ofSeconds(10);
        private Duration askTimeout = Duration.ofSeconds(3);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Supplier<? extends Scheduler> scheduler; // null: the default scheduler with schedulerTick
        private Duration schedulerTick = dev.troupe.actor.internal.DefaultScheduler.DEFAULT_TICK;
        private UnhandledMessagePolicy unhandledMessagePolicy = UnhandledMessagePolicy.FAIL;
        private SupervisorStrategy defaultSupervisorStrategy = SupervisorStrategy.stop();
        private dev.troupe.actor.instrument.Instrumentation instrumentation; // null: none

        private Builder() {
            dispatchers.put(BLOCKING_DISPATCHER, DEFAULT_BLOCKING);
        }

        /** Threads of the default dispatcher, 1 to 32,767. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1 || parallelism > 32_767) {
                throw new IllegalArgumentException("parallelism must be 1..32767, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** Messages per actor turn, at least 1. */
        public Builder throughput(int throughput) {
            if (throughput < 1) {
                throw new IllegalArgumentException("throughput must be at least 1, was " + throughput);
            }
            this.throughput = throughput;
            return this;
        }

        /**
         * The longest a turn on the default dispatcher goes on before the actor yields its thread, checked after
         * each message; zero (the default) for no limit. Null throws {@link NullPointerException}, a negative
         * duration {@link IllegalArgumentException}.
         */
        public Builder throughputDeadline(Duration deadline) {
            this.throughputDeadline = new DispatcherConfig.ForkJoin(1, 1, deadline, true).throughputDeadline();
            return this;
        }

        /**
         * Whether the default dispatcher runs an actor that a handler made runnable next on the same thread
         * (on, the default) or queues it for any worker (off); see {@link DispatcherConfig.ForkJoin}.
         */
        public Builder handOff(boolean handOff) {
            this.handOff = handOff;
            return this;
        }

        /**
         * Defines (or redefines) the dispatcher named {@code name}, which actors select with
         * {@link DispatcherSelector#fromSettings(String)}. Redefining {@value #BLOCKING_DISPATCHER} changes
         * the dispatcher of {@link DispatcherSelector#blocking()}. The system creates each named dispatcher
         * when an actor first selects it, and shuts it down when it terminates.
         *
         * @throws IllegalArgumentException if the name is not a letter or digit followed by letters, digits,
         *     {@code -} and {@code _}, or is {@value #DEFAULT_DISPATCHER} (configure the default dispatcher with
         *     {@link #parallelism}, {@link #throughput} and {@link #throughputDeadline})
         * @throws NullPointerException if an argument is null
         */
        public Builder dispatcher(String name, DispatcherConfig config) {
            checkDispatcherName(Objects.requireNonNull(name, "name"));
            Objects.requireNonNull(config, "config");
            if (DEFAULT_DISPATCHER.equals(name)) {
                throw new IllegalArgumentException("The default dispatcher is configured with parallelism(), "
                        + "throughput() and throughputDeadline(), not dispatcher(\"default\", ...)");
            }
            dispatchers.put(name, config);
            return this;
        }

        /** Dead letters logged per window, 0 or more. */
        public Builder deadLetterLogLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("deadLetterLogLimit must not be negative, was " + limit);
            }
            this.deadLetterLogLimit = limit;
            return this;
        }

        /** The dead-letter log window, positive. */
        public Builder deadLetterLogWindow(Duration window) {
            this.deadLetterLogWindow = positive(window, "deadLetterLogWindow");
            return this;
        }

        /** The default ask time-out, positive. */
        public Builder askTimeout(Duration timeout) {
            this.askTimeout = positive(timeout, "askTimeout");
            return this;
        }

        /** How long termination waits for the dispatcher's threads, positive. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = positive(timeout, "shutdownTimeout");
            return this;
        }

        /** The factory of the system's scheduler; called once per system. Replaces the default scheduler. */
        public Builder scheduler(Supplier<? extends Scheduler> scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The tick of the default scheduler, from 0.1 ms to 1 s (default 10 ms): tasks run at most about one tick
         * late, and while any task is pending the scheduler's thread wakes once per tick (it parks when there has
         * been nothing to do for a while). A shorter tick gives more precise timers for more wake-ups. Ignored
         * when a {@link #scheduler(Supplier) scheduler factory} is given.
         */
        public Builder schedulerTick(Duration tick) {
            this.schedulerTick = dev.troupe.actor.internal.DefaultScheduler.checkTick(tick);
            return this;
        }

        /** What a message left unhandled by a behavior does. */
        public Builder unhandledMessagePolicy(UnhandledMessagePolicy policy) {
            this.unhandledMessagePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The strategy for failures that no {@link Behaviors#supervise} of the failing actor handles, applied to
         * every actor of the system, e.g. {@link SupervisorStrategy#restart()} for restart-by-default.
         */
        public Builder defaultSupervisorStrategy(SupervisorStrategy strategy) {
            this.defaultSupervisorStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * What the system reports its actors, their messages and timings to; one per system. The
         * instrumentation's {@code sampleEvery()} is checked when the system is created.
         */
        public Builder instrumentation(dev.troupe.actor.instrument.Instrumentation instrumentation) {
            this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
            return this;
        }

        public ActorSystemSettings build() {
            return new ActorSystemSettings(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
