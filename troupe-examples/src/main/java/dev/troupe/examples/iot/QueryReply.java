package dev.troupe.examples.iot;

/** The answer to a query for one device by id. Immutable. */
public sealed interface QueryReply {

    /**
     * A device's current reading.
     *
     * @param sequence the reading's number since the device last started: 0 is taken when it starts, and a
     *     restart begins again at 0
     */
    record Reading(int deviceId, long sequence, double celsius) implements QueryReply {}

    /** There is no device with that id: the fleet's ids are {@code 0..devices-1}. */
    record UnknownDevice(int deviceId, int devices) implements QueryReply {}
}
