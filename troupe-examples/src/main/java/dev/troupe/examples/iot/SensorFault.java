package dev.troupe.examples.iot;

/**
 * An injected fault: the device's sensor returned garbage and the device crashes, to be restarted by its
 * building's supervision. Carries no stack trace: it is expected, and thousands of them are thrown in a run.
 */
public final class SensorFault extends RuntimeException {
    public SensorFault(int deviceId) {
        super("sensor of device " + deviceId + " returned garbage (injected fault)", null, false, false);
    }
}
