package dev.troupe.bench.troupe;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.observe.ActorMetrics;

/**
 * The settings of system {@code troupe-metrics}: Troupe's with troupe-observe's {@code ActorMetrics} on. A class
 * of its own so that the harness never links against the instrumentation API unless it runs that system: a
 * {@code --baseline-classes} build from before the API existed can run the same harness.
 */
public final class MeteredSettings {
    private MeteredSettings() {}

    public static ActorSystemSettings of(ActorSystemSettings base) {
        return base.toBuilder().instrumentation(ActorMetrics.create()).build();
    }
}
