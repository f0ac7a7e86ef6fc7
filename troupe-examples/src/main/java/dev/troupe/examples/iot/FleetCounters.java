package dev.troupe.examples.iot;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the fleet counts about itself, for the live line and the summary. Thread-safe: actors add on any
 * dispatcher thread (adders: no shared cache line between threads), anyone reads; each count is exact on its
 * own, not consistent with the others at an instant.
 */
public final class FleetCounters {
    private final LongAdder spawned = new LongAdder();
    /** One bit per device id, set by its first start; a restart finds it set. */
    private final AtomicLongArray everStarted;
    private final LongAdder firstStarts = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder readings = new LongAdder();
    private final LongAdder reports = new LongAdder();
    private final LongAdder restarts = new LongAdder();
    private final LongAdder uploadsOk = new LongAdder();
    private final LongAdder uploadsFailed = new LongAdder();
    private final LongAdder uploadsRejected = new LongAdder();

    /** Device actors spawned by their buildings (restarts are not spawns). */
    public long spawned() {
        return spawned.sum();
    }

    /** Counters for a fleet of {@code devices} devices, ids 0 to devices - 1. */
    public FleetCounters(int devices) {
        everStarted = new AtomicLongArray((devices + 63) >>> 6);
    }

    /**
     * Devices that have started at least once: a spawned actor runs its setup (state, timer) later, on its own
     * turn, so this trails {@link #spawned()} while the fleet spawns.
     */
    public long started() {
        return firstStarts.sum();
    }

    /** Devices spawned and not stopped for good. */
    public long devicesAlive() {
        long gone = lost.sum();
        return spawned.sum() - gone;
    }

    /** Readings taken by the devices' timers. */
    public long readings() {
        return readings.sum();
    }

    /** Reports received by the buildings. */
    public long reports() {
        return reports.sum();
    }

    /** Restarts by supervisors: of crashed devices (a building or region restarts only on a bug). */
    public long restarts() {
        return restarts.sum();
    }

    public long uploads(UploadOutcome outcome) {
        return switch (outcome) {
            case OK -> uploadsOk.sum();
            case FAILED -> uploadsFailed.sum();
            case REJECTED -> uploadsRejected.sum();
        };
    }

    void spawned(int devices) {
        spawned.add(devices);
    }

    void deviceStarted(int deviceId) {
        int word = deviceId >>> 6;
        long bit = 1L << deviceId;
        long before = everStarted.getAndAccumulate(word, bit, (bits, set) -> bits | set);
        if ((before & bit) == 0) {
            firstStarts.increment();
        }
    }

    void lost() {
        lost.increment();
    }

    void reading() {
        readings.increment();
    }

    void report() {
        reports.increment();
    }

    void restarted() {
        restarts.increment();
    }

    void uploaded(UploadOutcome outcome) {
        switch (outcome) {
            case OK -> uploadsOk.increment();
            case FAILED -> uploadsFailed.increment();
            case REJECTED -> uploadsRejected.increment();
        }
    }
}
