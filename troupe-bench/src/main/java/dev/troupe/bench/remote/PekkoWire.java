package dev.troupe.bench.remote;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * The remote benchmarks' messages on the Pekko side, all bound to {@link PekkoCborSerializer} by this marker. The
 * same shapes as the Troupe side's, so both encode the same fields with the same codec (Jackson CBOR).
 */
public sealed interface PekkoWire {
    /** What the receiver of the throughput run accepts. */
    sealed interface ToReceiver extends PekkoWire permits Hello, Ping {}

    /** The sender introduces itself, so the receiver knows where to send its acknowledgements. */
    record Hello(ActorRef<Ack> sender) implements ToReceiver {}

    /** One message of the throughput run; {@code seq} counts from 1. */
    record Ping(long seq) implements ToReceiver {}

    /** The receiver's running totals: how many arrived, their sum, and whether every one came in order. */
    record Ack(long received, long sum, boolean inOrder) implements PekkoWire {}

    /** One request of the latency run. */
    record Echo(long seq, ActorRef<Echoed> replyTo) implements PekkoWire {}

    /** The answer to {@link Echo}. */
    record Echoed(long seq) implements PekkoWire {}
}
