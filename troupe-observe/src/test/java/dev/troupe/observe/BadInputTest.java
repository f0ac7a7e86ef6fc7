package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behaviors;
import dev.troupe.observe.ActorMetricsSettings.Builder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad settings and bad calls fail at once with an exception that names the setting or the argument. */
class BadInputTest {

    @Test
    void negativeThresholdsAreRejectedWithTheirName() {
        Builder builder = ActorMetricsSettings.builder();
        assertThatThrownBy(() -> builder.mailboxDepthThreshold(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mailboxDepthThreshold must not be negative, was -1");
        assertThatThrownBy(() -> builder.restartsPerMinuteThreshold(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("restartsPerMinuteThreshold must not be negative, was -5");
        assertThatThrownBy(() -> builder.memoryPerActorThreshold(-10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryPerActorThreshold must not be negative, was -10");
        assertThatThrownBy(() -> builder.processingTimeP95Threshold(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processingTimeP95Threshold");
    }

    @Test
    void samplingAndIntervalsOutOfRangeAreRejected() {
        Builder builder = ActorMetricsSettings.builder();
        assertThatThrownBy(() -> builder.sampleEvery(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two").hasMessageContaining("was 3");
        assertThatThrownBy(() -> builder.sampleEvery(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.sampleEvery(1 << 21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.checkInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkInterval");
        assertThatThrownBy(() -> builder.checkInterval(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1 minute");
        assertThatThrownBy(() -> builder.recentEventsCapacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recentEventsCapacity");
        assertThatThrownBy(() -> builder.minSampleSpacing(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSampleSpacing")
                .hasMessageContaining("PT-0.000000001S");
        assertThatThrownBy(() -> builder.minSampleSpacing(Duration.ofMillis(1001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from zero to one second");
        assertThat(builder.minSampleSpacing(Duration.ZERO).build().minSampleSpacing()).isZero();
    }

    @Test
    void nullsAreRejectedWithTheArgumentsName() {
        Builder builder = ActorMetricsSettings.builder();
        assertThatThrownBy(() -> builder.checkInterval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("checkInterval");
        assertThatThrownBy(() -> builder.processingTimeP95Threshold(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("processingTimeP95Threshold");
        assertThatThrownBy(() -> builder.minSampleSpacing(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("minSampleSpacing");
        assertThatThrownBy(() -> ActorMetrics.create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("settings");
        ActorMetrics metrics = ActorMetrics.create();
        assertThatThrownBy(() -> metrics.withMessageHook(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> metrics.systemStarted(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> metrics.actor(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> metrics.children(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> metrics.findPath(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> metrics.stop(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void countsMustBePositive() {
        ActorMetrics metrics = ActorMetrics.create();
        assertThatThrownBy(() -> metrics.hottestByMailboxDepth(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the count must be positive, was 0");
        assertThatThrownBy(() -> metrics.hottestByProcessingTime(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.children(ActorPath.root("x"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneActorMetricsServesOneSystem() {
        ActorMetrics metrics = ActorMetrics.create();
        var settings = dev.troupe.actor.ActorSystemSettings.builder().instrumentation(metrics).build();
        ActorSystem<Void> instrumented = ActorSystem.create(Behaviors.empty(), "instrumented", settings);
        try {
            assertThat(metrics.toString()).isEqualTo("ActorMetrics[instrumented]");
            assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "second", settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bound to system instrumented already");
        } finally {
            instrumented.terminate();
        }
    }
}
