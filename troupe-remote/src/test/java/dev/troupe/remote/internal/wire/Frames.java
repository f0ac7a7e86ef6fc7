package dev.troupe.remote.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators and helpers for frame tests. */
final class Frames {
    private Frames() {}

    static Arbitrary<String> strings() {
        return Arbitraries.strings().ofMaxLength(40);
    }

    static Arbitrary<Frame> frames() {
        Arbitrary<Lane> lanes = Arbitraries.of(Lane.class);
        Arbitrary<Long> longs = Arbitraries.longs();
        return Arbitraries.oneOf(
                Combinators.combine(lanes, strings(), longs, strings()).as(Frame.Handshake::new),
                Combinators.combine(strings(), longs).as(Frame.HandshakeAccepted::new),
                strings().map(Frame.HandshakeRejected::new),
                Arbitraries.just(new Frame.Heartbeat()),
                Arbitraries.just(new Frame.HeartbeatAck()),
                Combinators.combine(strings(), Arbitraries.integers(), strings(),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(200)).as(Frame.Message::new),
                Combinators.combine(strings(), strings()).as(Frame.Watch::new),
                Combinators.combine(strings(), strings()).as(Frame.Unwatch::new),
                Combinators.combine(strings(), strings()).as(Frame.Terminated::new));
    }

    /** The frame's bytes as they go on the wire: 4-byte length, then the body. */
    static byte[] wireBytes(Frame frame) {
        ByteBuf body = Unpooled.buffer();
        new FrameCodec().encode(frame, body);
        ByteBuf wire = Unpooled.buffer().writeInt(body.readableBytes()).writeBytes(body);
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes);
        return bytes;
    }
}
