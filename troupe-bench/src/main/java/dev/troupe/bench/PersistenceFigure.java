package dev.troupe.bench;

/** The figures of {@link PersistenceBenchMain}, each measured in forks of its own. */
enum PersistenceFigure {
    PERSIST_ONE("events/s"),
    PERSIST_MANY("events/s"),
    RECOVER_ALL("ms"),
    RECOVER_SNAPSHOT("ms");

    final String unit;

    PersistenceFigure(String unit) {
        this.unit = unit;
    }

    boolean isThroughput() {
        return this == PERSIST_ONE || this == PERSIST_MANY;
    }
}
