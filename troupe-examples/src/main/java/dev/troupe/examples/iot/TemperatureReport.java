package dev.troupe.examples.iot;

import java.util.List;

/** What an aggregation gathered, at the level asked. Immutable. */
public sealed interface TemperatureReport {
    TemperatureStats stats();

    /** One building's devices. */
    record Building(int building, TemperatureStats stats) implements TemperatureReport {}

    /** One region's buildings, sorted by building; a building that did not answer counts none of its devices. */
    record Region(int region, TemperatureStats stats, List<Building> buildings) implements TemperatureReport {
        public Region {
            buildings = List.copyOf(buildings);
        }
    }

    /** The whole fleet, by region, sorted by region. */
    record Fleet(TemperatureStats stats, List<Region> regions) implements TemperatureReport {
        public Fleet {
            regions = List.copyOf(regions);
        }
    }
}
