package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.internal.DefaultScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings builder accepts the documented ranges and rejects everything else at the call site. */
class ActorSystemSettingsTest {

    @Test
    void defaultsAreAsDocumented() {
        ActorSystemSettings d = ActorSystemSettings.defaults();
        assertThat(d.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.throughput()).isEqualTo(5);
        assertThat(d.deadLetterLogLimit()).isEqualTo(10);
        assertThat(d.deadLetterLogWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.askTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.scheduler()).isNotNull();
        assertThat(d.schedulerTick()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void theSchedulerTickConfiguresTheDefaultSchedulerOnly() {
        ActorSystemSettings s = ActorSystemSettings.builder().schedulerTick(Duration.ofMillis(2)).build();
        for (ActorSystemSettings x : new ActorSystemSettings[] {s, s.toBuilder().build()}) {
            assertThat(x.schedulerTick()).isEqualTo(Duration.ofMillis(2));
            try (DefaultScheduler made = (DefaultScheduler) x.scheduler().get()) {
                assertThat(made.tick()).isEqualTo(Duration.ofMillis(2));
            }
        }
        ManualScheduler manual = new ManualScheduler();
        ActorSystemSettings custom = s.toBuilder().scheduler(() -> manual).build();
        assertThat(custom.scheduler().get()).isSameAs(manual);
        assertThat(custom.toBuilder().schedulerTick(Duration.ofMillis(3)).build().scheduler().get()).isSameAs(manual);
        ActorSystemSettings.Builder b = ActorSystemSettings.builder();
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofNanos(99_999),
                Duration.ofMillis(1001)}) {
            assertThatThrownBy(() -> b.schedulerTick(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> b.schedulerTick(null)).isInstanceOf(NullPointerException.class);
        b.schedulerTick(Duration.ofNanos(100_000)).schedulerTick(Duration.ofSeconds(1));
        assertThat(b.build().schedulerTick()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void outOfRangeValuesAreRejectedWithIllegalArgumentException() {
        ActorSystemSettings.Builder b = ActorSystemSettings.builder();
        assertThatThrownBy(() -> b.parallelism(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.parallelism(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.parallelism(32_768)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.throughput(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.deadLetterLogLimit(-1)).isInstanceOf(IllegalArgumentException.class);
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
            assertThatThrownBy(() -> b.deadLetterLogWindow(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.askTimeout(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.shutdownTimeout(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> b.deadLetterLogWindow(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.askTimeout(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.shutdownTimeout(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.scheduler(null)).isInstanceOf(NullPointerException.class);
        // a rejected value leaves the builder unchanged
        assertThat(b.build().parallelism()).isEqualTo(ActorSystemSettings.defaults().parallelism());
    }

    @Test
    void boundaryValuesAreAcceptedAndToBuilderCopiesEverything() {
        ManualScheduler scheduler = new ManualScheduler();
        ActorSystemSettings s = ActorSystemSettings.builder().parallelism(1).throughput(1).deadLetterLogLimit(0)
                .deadLetterLogWindow(Duration.ofNanos(1)).askTimeout(Duration.ofNanos(1))
                .shutdownTimeout(Duration.ofNanos(1)).scheduler(() -> scheduler).build();
        ActorSystemSettings copy = s.toBuilder().build();
        for (ActorSystemSettings x : new ActorSystemSettings[] {s, copy}) {
            assertThat(x.parallelism()).isOne();
            assertThat(x.throughput()).isOne();
            assertThat(x.deadLetterLogLimit()).isZero();
            assertThat(x.deadLetterLogWindow()).isEqualTo(Duration.ofNanos(1));
            assertThat(x.askTimeout()).isEqualTo(Duration.ofNanos(1));
            assertThat(x.shutdownTimeout()).isEqualTo(Duration.ofNanos(1));
            assertThat(x.scheduler().get()).isSameAs(scheduler);
        }
        assertThat(ActorSystemSettings.builder().parallelism(32_767).build().parallelism()).isEqualTo(32_767);
    }

    @Test
    void aSystemUsesItsSettingsAndRejectsInvalidNames() {
        ActorSystemSettings settings = ActorSystemSettings.builder().parallelism(1).throughput(1).build();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), TestSystem.uniqueName("settings"), settings);
        try {
            assertThat(system.settings()).isSameAs(settings);
        } finally {
            system.terminate();
            system.whenTerminated().toCompletableFuture().join();
        }
        for (String bad : new String[] {"", "-leading-dash", "has space", "a/b", "dot.ted"}) {
            assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), bad))
                    .as("system name [%s]", bad).isInstanceOf(InvalidActorNameException.class);
        }
    }
}
