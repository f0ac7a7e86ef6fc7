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

    /** The figure called {@code name} on the command line, e.g. {@code persist-many}. */
    static PersistenceFigure byName(String name) {
        for (PersistenceFigure figure : values()) {
            if (figure.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(name)) {
                return figure;
            }
        }
        throw new IllegalArgumentException("No figure " + name + "; known: persist-one, persist-many, recover-all, "
                + "recover-snapshot");
    }

    boolean isThroughput() {
        return this == PERSIST_ONE || this == PERSIST_MANY;
    }
}
