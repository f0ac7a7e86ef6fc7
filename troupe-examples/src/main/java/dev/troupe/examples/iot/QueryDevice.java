package dev.troupe.examples.iot;

import dev.troupe.actor.ActorRef;

/**
 * Asks the current reading of device {@code deviceId}. Understood by the fleet, which answers
 * {@link QueryReply.UnknownDevice} for an id outside {@code 0..devices-1}, and passed down to the device through
 * its region and building; the device answers {@link QueryReply.Reading}.
 */
public record QueryDevice(int deviceId, ActorRef<? super QueryReply> replyTo)
        implements Fleet.Command, Region.Command, Building.Command {}
