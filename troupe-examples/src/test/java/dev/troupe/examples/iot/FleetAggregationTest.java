package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.troupe.testkit.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet of 10,000 devices (40 buildings of 250, 4 regions of 10) on manual time: no timer fires unless the
 * test moves the clock, so every device holds its first reading, which the test computes on its own.
 */
class FleetAggregationTest {
    private static final Duration JOIN = Duration.ofSeconds(30);
    private static final FleetSettings SETTINGS = FleetSettings.of(10_000).withLayout(250, 10)
            .withFailureRate(0).withUploadRate(0);

    private final ManualTime time = ManualTime.create();
    private RunningFleet fleet;

    @BeforeEach
    void start() {
        fleet = RunningFleet.start(SETTINGS, () -> time);
        await().atMost(JOIN).until(fleet::spawned);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void everyDeviceAnswersItsQueryWithItsOwnReading() {
        List<CompletableFuture<QueryReply>> replies = new ArrayList<>();
        for (int id = 0; id < SETTINGS.devices(); id++) {
            replies.add(fleet.query(id, JOIN).toCompletableFuture());
        }
        for (int id = 0; id < SETTINGS.devices(); id++) {
            assertThat(replies.get(id).join()).isEqualTo(new QueryReply.Reading(id, 0, Sensor.celsius(id, 0)));
        }
    }

    @Test
    void idsOutsideTheFleetAreUnknown() {
        assertThat(fleet.query(-1, JOIN).toCompletableFuture().join())
                .isEqualTo(new QueryReply.UnknownDevice(-1, 10_000));
        assertThat(fleet.query(10_000, JOIN).toCompletableFuture().join())
                .isEqualTo(new QueryReply.UnknownDevice(10_000, 10_000));
    }

    @Test
    void buildingRegionAndFleetAggregatesMatchAnIndependentComputation() {
        TemperatureReport.Fleet report = fleet.aggregate(Duration.ofMinutes(1)).toCompletableFuture().join();

        FleetLayout layout = SETTINGS.layout();
        assertThat(report.regions()).hasSize(4);
        for (TemperatureReport.Region region : report.regions()) {
            assertThat(region.buildings()).hasSize(10);
            for (TemperatureReport.Building building : region.buildings()) {
                int first = layout.firstDevice(building.building());
                assertMatches(building.stats(), first, first + 250);
            }
            int first = layout.firstDevice(layout.firstBuilding(region.region()));
            assertMatches(region.stats(), first, first + 2_500);
        }
        assertMatches(report.stats(), 0, 10_000);
    }

    private static void assertMatches(TemperatureStats stats, int firstDevice, int endDevice) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (int id = firstDevice; id < endDevice; id++) {
            double celsius = Sensor.celsius(id, 0);
            min = Math.min(min, celsius);
            max = Math.max(max, celsius);
            sum += celsius;
        }
        int devices = endDevice - firstDevice;
        assertThat(stats.responded()).isEqualTo(devices);
        assertThat(stats.total()).isEqualTo(devices);
        assertThat(stats.min()).isEqualTo(min);
        assertThat(stats.max()).isEqualTo(max);
        assertThat(stats.average()).isCloseTo(sum / devices, within(1e-9));
    }
}
