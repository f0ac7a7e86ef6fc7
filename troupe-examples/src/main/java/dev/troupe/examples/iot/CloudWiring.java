package dev.troupe.examples.iot;

import dev.troupe.actor.ActorSystem;

/**
 * How the devices reach the cloud, decided once the fleet's actor system runs (so that a decorator can use it,
 * as a circuit breaker does for its timers): {@link #DIRECT} is the simulated cloud itself. Called on the
 * fleet's guardian's thread when it starts; it must not block.
 */
@FunctionalInterface
public interface CloudWiring {
    /** The devices talk to the simulated cloud directly. */
    CloudWiring DIRECT = (system, cloud) -> cloud;

    /** The gateway the devices use, in front of {@code cloud}. */
    CloudGateway wire(ActorSystem<Void> system, SimulatedCloud cloud);
}
