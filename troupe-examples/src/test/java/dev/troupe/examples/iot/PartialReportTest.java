package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A region's report when one of its buildings did not answer in time. */
class PartialReportTest {

    @Test
    void aSilentBuildingCountsAllItsDevicesAsNotAnswering() {
        FleetLayout layout = new FleetLayout(2_500, 1_000, 3); // buildings of 1,000, 1,000 and 500 devices
        var first = new TemperatureReport.Building(0, new TemperatureStats(990, 1_000, 15, 25, 990 * 20.0));
        var last = new TemperatureReport.Building(2, new TemperatureStats(500, 500, 18, 30, 500 * 24.0));

        List<TemperatureReport.Building> all = Region.withSilent(List.of(last, first),
                TemperatureReport.Building::building, 0, 3,
                b -> new TemperatureReport.Building(b, TemperatureStats.none(layout.devicesIn(b))));
        TemperatureStats region = Region.sum(all);

        assertThat(all).extracting(TemperatureReport.Building::building).containsExactly(0, 1, 2);
        assertThat(all.get(1).stats()).isEqualTo(TemperatureStats.none(1_000));
        assertThat(region.responded()).isEqualTo(1_490);
        assertThat(region.total()).isEqualTo(2_500);
        assertThat(region.complete()).isFalse();
        assertThat(region.min()).isEqualTo(15);
        assertThat(region.max()).isEqualTo(30);
        assertThat(region.average()).isEqualTo((990 * 20.0 + 500 * 24.0) / 1_490);
    }
}
