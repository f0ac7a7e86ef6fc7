package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.Cancellable;
import dev.troupe.actor.SupervisionEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * 10,000 devices reading every 100 ms, one reading in 20 crashing its device: thousands of crashes, each
 * answered by a restart after a back-off. Once the faults stop, every device that crashed is back and reporting.
 */
class FleetRecoveryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void everyCrashedDeviceIsBackAndReporting() {
        FleetSettings settings = FleetSettings.of(10_000).withLayout(500, 10)
                .withReportInterval(Duration.ofMillis(100)).withFailureRate(0.05).withUploadRate(0.05)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
        try (RunningFleet fleet = RunningFleet.start(settings, Optional.empty())) {
            Set<Integer> crashed = ConcurrentHashMap.newKeySet();
            Cancellable listening = fleet.system().eventStream().listen(SupervisionEvent.Restarted.class,
                    restarted -> crashed.add(Integer.parseInt(restarted.actor().name().substring(2))));
            await().atMost(DEADLINE).until(() -> crashed.size() >= 3_000);

            fleet.faults().setFailureRate(0);
            listening.cancel();
            await().atMost(DEADLINE).until(() -> fleet.counters().restarts() == fleet.faults().injected());

            // Back: each answers its query. Reporting: each takes new readings (its sequence moves on).
            Map<Integer, Long> before = readings(fleet, crashed);
            await().atMost(DEADLINE).untilAsserted(() -> {
                Map<Integer, Long> now = readings(fleet, crashed);
                assertThat(now.entrySet()).allSatisfy(e -> assertThat(e.getValue())
                        .as("readings of device %d", e.getKey()).isGreaterThan(before.get(e.getKey())));
            });
            assertThat(fleet.counters().devicesAlive()).isEqualTo(10_000);
            TemperatureReport.Fleet all = fleet.aggregate(Duration.ofSeconds(10)).toCompletableFuture().join();
            assertThat(all.stats().responded()).isEqualTo(10_000);
            assertThat(fleet.counters().reports()).isPositive();
        }
    }

    /** The sequence of each device's current reading. */
    private static Map<Integer, Long> readings(RunningFleet fleet, Set<Integer> devices) {
        Map<Integer, CompletableFuture<QueryReply>> asked = new HashMap<>();
        devices.forEach(id -> asked.put(id, fleet.query(id, DEADLINE).toCompletableFuture()));
        Map<Integer, Long> sequences = new HashMap<>();
        asked.forEach((id, reply) -> sequences.put(id, ((QueryReply.Reading) reply.join()).sequence()));
        return sequences;
    }
}
