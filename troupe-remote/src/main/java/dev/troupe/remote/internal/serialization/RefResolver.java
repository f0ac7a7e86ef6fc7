package dev.troupe.remote.internal.serialization;

import dev.troupe.actor.ActorRef;

/**
 * Turns actor refs into the address text that crosses the wire and back; the transport implements it. The
 * default serializer calls it for every {@code ActorRef} anywhere in a message. Called concurrently from many
 * threads: implementations must be thread-safe.
 */
public interface RefResolver {
    /** The ref's address as other nodes reach it, e.g. {@code troupe://sys@host:port/user/a#42}. */
    String toWire(ActorRef<?> ref);

    /**
     * The ref that {@code text} names: a local ref, a remote ref, or a dead ref; never null. May throw a
     * {@link RuntimeException} for text that is not an address; the reader reports that as a
     * {@link dev.troupe.remote.MessageDeserializationException}.
     */
    ActorRef<?> fromWire(String text);
}
