package dev.troupe.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ActorMetrics} samples and when it raises {@link Alert}s. Immutable; build with
 * {@link #builder()}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code sampleEvery}</td><td>64</td>
 *       <td>messages per timed one (a power of two from 1 to 2<sup>20</sup>); see
 *       {@link dev.troupe.actor.instrument.Instrumentation#sampleEvery()}</td></tr>
 *   <tr><td>{@code minSampleSpacing}</td><td>50 µs</td>
 *       <td>a busy pool thread that samples more often than this samples less often (zero to one second; zero:
 *       never); see {@link dev.troupe.actor.instrument.Instrumentation#minSampleSpacing()}</td></tr>
 *   <tr><td>{@code checkInterval}</td><td>1 s</td>
 *       <td>how often the alert monitor runs, on the system's scheduler; also the length of the "recent"
 *       histograms of {@link ActorTypeSnapshot}</td></tr>
 *   <tr><td>{@code mailboxDepthThreshold}</td><td>10,000</td>
 *       <td>messages waiting in one actor's mailbox above which {@link Alert.MailboxDepth} fires</td></tr>
 *   <tr><td>{@code processingTimeP95Threshold}</td><td>100 ms</td>
 *       <td>the 95th percentile of an actor type's processing time over one check interval above which
 *       {@link Alert.ProcessingTime} fires</td></tr>
 *   <tr><td>{@code restartsPerMinuteThreshold}</td><td>10</td>
 *       <td>restarts of one actor type within the last minute above which {@link Alert.RestartRate}
 *       fires</td></tr>
 *   <tr><td>{@code memoryPerActorThreshold}</td><td>10 KB (10,240 bytes)</td>
 *       <td>an actor's estimated memory above which {@link Alert.ActorMemory} fires</td></tr>
 *   <tr><td>{@code recentEventsCapacity}</td><td>200</td>
 *       <td>how many recent restarts and recent alerts {@link ActorMetrics} keeps</td></tr>
 * </table>
 *
 * <p>Bad input fails at the builder call: null throws {@link NullPointerException}, a value out of range
 * {@link IllegalArgumentException} naming the setting and the value.
 */
public final class ActorMetricsSettings {
    private static final int MAX_SAMPLE_EVERY = 1 << 20;
    private static final ActorMetricsSettings DEFAULTS = builder().build();

    private final int sampleEvery;
    private final Duration minSampleSpacing;
    private final Duration checkInterval;
    private final int mailboxDepthThreshold;
    private final Duration processingTimeP95Threshold;
    private final int restartsPerMinuteThreshold;
    private final long memoryPerActorThreshold;
    private final int recentEventsCapacity;

    private ActorMetricsSettings(Builder b) {
        this.sampleEvery = b.sampleEvery;
        this.minSampleSpacing = b.minSampleSpacing;
        this.checkInterval = b.checkInterval;
        this.mailboxDepthThreshold = b.mailboxDepthThreshold;
        this.processingTimeP95Threshold = b.processingTimeP95Threshold;
        this.restartsPerMinuteThreshold = b.restartsPerMinuteThreshold;
        this.memoryPerActorThreshold = b.memoryPerActorThreshold;
        this.recentEventsCapacity = b.recentEventsCapacity;
    }

    /** The defaults of the table above. */
    public static ActorMetricsSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public int sampleEvery() {
        return sampleEvery;
    }

    public Duration minSampleSpacing() {
        return minSampleSpacing;
    }

    public Duration checkInterval() {
        return checkInterval;
    }

    public int mailboxDepthThreshold() {
        return mailboxDepthThreshold;
    }

    public Duration processingTimeP95Threshold() {
        return processingTimeP95Threshold;
    }

    public int restartsPerMinuteThreshold() {
        return restartsPerMinuteThreshold;
    }

    /** In bytes. */
    public long memoryPerActorThreshold() {
        return memoryPerActorThreshold;
    }

    public int recentEventsCapacity() {
        return recentEventsCapacity;
    }

    @Override
    public String toString() {
        return "ActorMetricsSettings[sampleEvery=" + sampleEvery + ", minSampleSpacing=" + minSampleSpacing
                + ", checkInterval=" + checkInterval
                + ", mailboxDepthThreshold=" + mailboxDepthThreshold + ", processingTimeP95Threshold="
                + processingTimeP95Threshold + ", restartsPerMinuteThreshold=" + restartsPerMinuteThreshold
                + ", memoryPerActorThreshold=" + memoryPerActorThreshold + ", recentEventsCapacity="
                + recentEventsCapacity + "]";
    }

    /** Collects settings; not thread-safe. Each method checks its argument and returns this builder. */
    public static final class Builder {
        private int sampleEvery = 64;
        private Duration minSampleSpacing = Duration.ofNanos(50_000);
        private Duration checkInterval = Duration.ofSeconds(1);
        private int mailboxDepthThreshold = 10_000;
        private Duration processingTimeP95Threshold = Duration.ofMillis(100);
        private int restartsPerMinuteThreshold = 10;
        private long memoryPerActorThreshold = 10 * 1024;
        private int recentEventsCapacity = 200;

        private Builder() {}

        /** Messages per timed one: a power of two from 1 (every message, for tests) to 2<sup>20</sup>. */
        public Builder sampleEvery(int sampleEvery) {
            if (sampleEvery < 1 || sampleEvery > MAX_SAMPLE_EVERY || Integer.bitCount(sampleEvery) != 1) {
                throw new IllegalArgumentException("sampleEvery must be a power of two from 1 to " + MAX_SAMPLE_EVERY
                        + ", was " + sampleEvery);
            }
            this.sampleEvery = sampleEvery;
            return this;
        }

        /** The spacing below which a busy thread samples less often: zero (never) to one second. */
        public Builder minSampleSpacing(Duration spacing) {
            Objects.requireNonNull(spacing, "minSampleSpacing");
            if (spacing.isNegative() || spacing.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("minSampleSpacing must be from zero to one second, was " + spacing);
            }
            this.minSampleSpacing = spacing;
            return this;
        }

        /** How often the alert monitor runs; positive, at most a minute (the restart rate is per minute). */
        public Builder checkInterval(Duration checkInterval) {
            Objects.requireNonNull(checkInterval, "checkInterval");
            if (checkInterval.isNegative() || checkInterval.isZero()
                    || checkInterval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("checkInterval must be positive and at most 1 minute, was "
                        + checkInterval);
            }
            this.checkInterval = checkInterval;
            return this;
        }

        /** Waiting messages above which one actor's mailbox is in breach; zero or more. */
        public Builder mailboxDepthThreshold(int messages) {
            this.mailboxDepthThreshold = (int) requireNotNegative("mailboxDepthThreshold", messages);
            return this;
        }

        /** The processing time P95 above which an actor type is in breach; zero or more. */
        public Builder processingTimeP95Threshold(Duration threshold) {
            Objects.requireNonNull(threshold, "processingTimeP95Threshold");
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("processingTimeP95Threshold must not be negative, was " + threshold);
            }
            this.processingTimeP95Threshold = threshold;
            return this;
        }

        /** Restarts of one actor type within a minute above which it is in breach; zero or more. */
        public Builder restartsPerMinuteThreshold(int restarts) {
            this.restartsPerMinuteThreshold = (int) requireNotNegative("restartsPerMinuteThreshold", restarts);
            return this;
        }

        /** Estimated bytes of one actor above which it is in breach; zero or more. */
        public Builder memoryPerActorThreshold(long bytes) {
            this.memoryPerActorThreshold = requireNotNegative("memoryPerActorThreshold", bytes);
            return this;
        }

        /** How many recent restarts and recent alerts to keep; at least 1. */
        public Builder recentEventsCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("recentEventsCapacity must be at least 1, was " + capacity);
            }
            this.recentEventsCapacity = capacity;
            return this;
        }

        public ActorMetricsSettings build() {
            return new ActorMetricsSettings(this);
        }

        private static long requireNotNegative(String setting, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(setting + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
