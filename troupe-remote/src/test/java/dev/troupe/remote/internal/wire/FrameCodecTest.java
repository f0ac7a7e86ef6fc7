package dev.troupe.remote.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec();

    @Provide
    Arbitrary<Frame> frames() {
        return Frames.frames();
    }

    @Property(tries = 500)
    void everyFrameDecodesToWhatWasEncoded(@ForAll @From("frames") Frame frame) {
        ByteBuf body = Unpooled.buffer();
        codec.encode(frame, body);

        Frame decoded = codec.decode(body);

        if (frame instanceof Frame.Message m) {
            Frame.Message d = (Frame.Message) decoded;
            assertThat(d.recipient()).isEqualTo(m.recipient());
            assertThat(d.serializerId()).isEqualTo(m.serializerId());
            assertThat(d.manifest()).isEqualTo(m.manifest());
            assertThat(d.payload()).isEqualTo(m.payload());
        } else {
            assertThat(decoded).isEqualTo(frame);
        }
    }

    @Test
    void aTruncatedFrameIsMalformed() {
        byte[] wire = Frames.wireBytes(new Frame.Watch("troupe://a@h:1/user/x#1", "troupe://b@h:2/user/y#2"));
        ByteBuf body = Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, 4, wire.length - 3));

        assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("ends inside its watcher");
    }

    @Test
    void bytesLeftOverAfterAFrameMakeItMalformed() {
        ByteBuf body = Unpooled.buffer();
        codec.encode(new Frame.Heartbeat(), body);
        body.writeByte(0);

        assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("1 bytes left over");
    }

    @Test
    void anUnknownFrameTypeIsMalformed() {
        assertThatThrownBy(() -> codec.decode(Unpooled.wrappedBuffer(new byte[] {42})))
                .isInstanceOf(MalformedFrameException.class).hasMessage("Unknown frame type 42");
    }

    @Test
    void aHandshakeWithoutTheMagicIsMalformed() {
        ByteBuf body = Unpooled.buffer().writeByte(1).writeInt(0x47455420); // "GET ": someone speaking HTTP
        assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("Not a Troupe handshake");
    }

    @Test
    void aStringThatIsNotUtf8IsMalformed() {
        ByteBuf body = Unpooled.buffer().writeByte(3).writeShort(2).writeByte(0xC3).writeByte(0x28);
        assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("The reason is not well-formed UTF-8");
    }

    @Test
    void aStringLongerThanTheFieldLimitIsMalformedBeforeItIsRead() {
        ByteBuf body = Unpooled.buffer().writeByte(3).writeShort(FrameCodec.MAX_STRING_BYTES + 1);
        assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("more than " + FrameCodec.MAX_STRING_BYTES);
    }

    @Test
    void aStringTooLongToEncodeIsRefusedOnTheSendingSide() {
        Frame frame = new Frame.HandshakeRejected("x".repeat(FrameCodec.MAX_STRING_BYTES + 1));
        assertThatThrownBy(() -> codec.encode(frame, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit a frame field");
    }

    @Property(tries = 200)
    void oneCodecKeepsDecodingWhatWasEncodedAcrossAConnectionsFrames(
            @ForAll("sequences") List<Frame> frames) {
        FrameCodec sending = new FrameCodec();
        FrameCodec receiving = new FrameCodec();
        for (Frame frame : frames) {
            ByteBuf body = Unpooled.buffer();
            sending.encode(frame, body);
            assertThat(receiving.decode(body)).usingRecursiveComparison().isEqualTo(frame);
        }
    }

    @Provide
    Arbitrary<List<Frame>> sequences() {
        // few distinct strings, many of them alike, so that the codecs' tables hit, collide and get replaced
        Arbitrary<String> alike = Arbitraries.of("troupe://b@h:1/user/x#1", "troupe://b@h:1/user/x#2",
                "troupe://b@h:1/user/y#1", "troupe://b@h:1/user/x#11", "t", "", "ü", "bench.Ping", "bench.Pong");
        Arbitrary<Frame> watches = Combinators.combine(alike, alike).as(Frame.Watch::new);
        Arbitrary<Frame> messages = Combinators.combine(alike, Arbitraries.integers(), alike,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8)).as(Frame.Message::new);
        return Arbitraries.oneOf(watches, messages).list().ofMaxSize(50);
    }

    @Test
    void aStringLikeARecentOneIsDecodedFromItsOwnBytes() {
        assertThat(decodeReason(new byte[] {'a', 'b', 'c', 'd', 'e'})).isEqualTo("abcde");
        // same length and the same first, middle and last byte: the table's slot, but not its string
        assertThat(decodeReason(new byte[] {'a', 'x', 'c', 'y', 'e'})).isEqualTo("axcye");
        assertThatThrownBy(() -> decodeReason(new byte[] {'a', (byte) 0xC3, 'c', 0x28, 'e'}))
                .isInstanceOf(MalformedFrameException.class).hasMessage("The reason is not well-formed UTF-8");
        assertThat(decodeReason(new byte[] {'a', 'b', 'c', 'd', 'e'})).isEqualTo("abcde");
    }

    private String decodeReason(byte[] utf8) {
        ByteBuf body = Unpooled.buffer().writeByte(3).writeShort(utf8.length).writeBytes(utf8);
        return ((Frame.HandshakeRejected) codec.decode(body)).reason();
    }
}
