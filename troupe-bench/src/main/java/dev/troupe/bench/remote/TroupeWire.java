package dev.troupe.bench.remote;

import dev.troupe.actor.ActorRef;

/** The remote benchmarks' messages on the Troupe side: the same shapes as {@link PekkoWire}'s. */
public sealed interface TroupeWire {
    /** What the receiver of the throughput run accepts. */
    sealed interface ToReceiver extends TroupeWire permits Hello, Ping {}

    /** The sender introduces itself, so the receiver knows where to send its acknowledgements. */
    record Hello(ActorRef<Ack> sender) implements ToReceiver {}

    /** One message of the throughput run; {@code seq} counts from 1. */
    record Ping(long seq) implements ToReceiver {}

    /** The receiver's running totals: how many arrived, their sum, and whether every one came in order. */
    record Ack(long received, long sum, boolean inOrder) implements TroupeWire {}

    /** One request of the latency run. */
    record Echo(long seq, ActorRef<Echoed> replyTo) implements TroupeWire {}

    /** The answer to {@link Echo}. */
    record Echoed(long seq) implements TroupeWire {}
}
