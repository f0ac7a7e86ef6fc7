package dev.troupe.remote.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link Frame} as a 4-byte length and its body. One per channel; runs on its event loop. */
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
    private final FrameCodec codec = new FrameCodec();

    public FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        codec.encode(frame, out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }
}
