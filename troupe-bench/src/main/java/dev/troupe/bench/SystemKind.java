package dev.troupe.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.actor.ActorSystemSettings;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The systems compared. */
public enum SystemKind {
    /** Troupe, default dispatcher with {@link #THREADS} threads. */
    TROUPE("troupe"),
    /** Troupe as above with troupe-observe's {@code ActorMetrics} on (default sampling), bound to the system:
     *  its ratio to {@link #TROUPE} is the cost of enabled instrumentation. */
    TROUPE_METRICS("troupe-metrics"),
    /** Troupe as {@link #TROUPE} but with one worker thread: its ratio to {@code troupe} is what the second core
     *  gains or costs Troupe. A measurement of the machine and the scheduler, not a comparison with Pekko. */
    TROUPE_ONE_THREAD("troupe-1-thread"),
    /** Pekko typed, configured like Troupe: default dispatcher parallelism-min = max = {@link #THREADS}, the
     *  internal dispatcher pointed at the default one. The main comparison. */
    PEKKO("pekko"),
    /** Pekko typed with its own defaults (parallelism-min 8, a separate internal dispatcher): one extra column. */
    PEKKO_DEFAULT("pekko-default");

    /** Worker threads of both systems in the main comparison. */
    public static final int THREADS = 2;

    /** Throughput (messages per actor turn) of both systems: Troupe's default and Pekko's default are both 5. */
    public static final int THROUGHPUT = 5;

    private final String id;

    SystemKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SystemKind byId(String id) {
        for (SystemKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no system " + id + "; known: "
                + Arrays.stream(values()).map(SystemKind::id).collect(Collectors.joining(", ")));
    }

    /** Settings common to both Pekko variants: quiet logs, no JVM shutdown hooks, no dead-letter logging. */
    static final String PEKKO_COMMON = """
            pekko {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              jvm-shutdown-hooks = off
              coordinated-shutdown.run-by-jvm-shutdown-hook = off
              coordinated-shutdown.terminate-actor-system = on
            }
            """;

    /** The fair configuration: the same threads and throughput as Troupe. */
    static final String PEKKO_FAIR = """
            pekko.actor {
              default-dispatcher {
                executor = "fork-join-executor"
                fork-join-executor {
                  parallelism-min = %d
                  parallelism-factor = 1.0
                  parallelism-max = %d
                }
                throughput = %d
              }
              internal-dispatcher = "pekko.actor.default-dispatcher"
            }
            """.formatted(THREADS, THREADS, THROUGHPUT);

    /** Whether this kind is Troupe (with or without metrics, with two threads or one). */
    public boolean isTroupe() {
        return this == TROUPE || this == TROUPE_METRICS || this == TROUPE_ONE_THREAD;
    }

    /**
     * The settings of a Troupe kind.
     *
     * @throws IllegalStateException for a Pekko kind
     */
    public ActorSystemSettings troupeSettings() {
        return switch (this) {
            case TROUPE -> Harness.troupeSettings();
            case TROUPE_METRICS -> dev.troupe.bench.troupe.MeteredSettings.of(Harness.troupeSettings());
            case TROUPE_ONE_THREAD -> Harness.troupeSettings().toBuilder().parallelism(1).build();
            case PEKKO, PEKKO_DEFAULT -> throw new IllegalStateException(id + " is not a Troupe system");
        };
    }

    /** Pekko's configuration for this kind (only meaningful for the Pekko kinds). */
    public Config pekkoConfig() {
        String text = this == PEKKO ? PEKKO_FAIR + PEKKO_COMMON : PEKKO_COMMON;
        return ConfigFactory.parseString(text).withFallback(ConfigFactory.load());
    }
}
