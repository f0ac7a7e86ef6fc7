package dev.troupe.remote.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Provide
    Arbitrary<Frame> frames() {
        return Frames.frames();
    }

    @Property(tries = 500)
    void everyFrameDecodesToWhatWasEncoded(@ForAll @From("frames") Frame frame) {
        ByteBuf body = Unpooled.buffer();
        FrameCodec.encode(frame, body);

        Frame decoded = FrameCodec.decode(body);

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

        assertThatThrownBy(() -> FrameCodec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("ends inside its watcher");
    }

    @Test
    void bytesLeftOverAfterAFrameMakeItMalformed() {
        ByteBuf body = Unpooled.buffer();
        FrameCodec.encode(new Frame.Heartbeat(), body);
        body.writeByte(0);

        assertThatThrownBy(() -> FrameCodec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("1 bytes left over");
    }

    @Test
    void anUnknownFrameTypeIsMalformed() {
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(new byte[] {42})))
                .isInstanceOf(MalformedFrameException.class).hasMessage("Unknown frame type 42");
    }

    @Test
    void aHandshakeWithoutTheMagicIsMalformed() {
        ByteBuf body = Unpooled.buffer().writeByte(1).writeInt(0x47455420); // "GET ": someone speaking HTTP
        assertThatThrownBy(() -> FrameCodec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("Not a Troupe handshake");
    }

    @Test
    void aStringThatIsNotUtf8IsMalformed() {
        ByteBuf body = Unpooled.buffer().writeByte(3).writeShort(2).writeByte(0xC3).writeByte(0x28);
        assertThatThrownBy(() -> FrameCodec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("The reason is not well-formed UTF-8");
    }

    @Test
    void aStringLongerThanTheFieldLimitIsMalformedBeforeItIsRead() {
        ByteBuf body = Unpooled.buffer().writeByte(3).writeShort(FrameCodec.MAX_STRING_BYTES + 1);
        assertThatThrownBy(() -> FrameCodec.decode(body)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("more than " + FrameCodec.MAX_STRING_BYTES);
    }

    @Test
    void aStringTooLongToEncodeIsRefusedOnTheSendingSide() {
        Frame frame = new Frame.HandshakeRejected("x".repeat(FrameCodec.MAX_STRING_BYTES + 1));
        assertThatThrownBy(() -> FrameCodec.encode(frame, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit a frame field");
    }
}
