package dev.troupe.examples.iot;

/**
 * What every actor of a fleet shares: its settings and shape, its counters, the fault injector and the cloud.
 * Immutable; each part is thread-safe.
 */
public record FleetServices(FleetSettings settings, FleetCounters counters, ReportLatency latency,
                            FaultInjector faults, CloudGateway cloud) {
    public FleetLayout layout() {
        return settings.layout();
    }

    /** The same services with the devices reaching the cloud through {@code cloud}. */
    public FleetServices withCloud(CloudGateway cloud) {
        return new FleetServices(settings, counters, latency, faults, cloud);
    }
}
