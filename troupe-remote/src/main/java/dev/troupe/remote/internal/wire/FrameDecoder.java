package dev.troupe.remote.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into frames of at most {@code maxFrameSize} bytes (after the 4-byte length) and decodes
 * each into a {@link Frame}. A frame announced as longer than the limit fails at once, before its bytes are
 * buffered ({@link io.netty.handler.codec.TooLongFrameException}); a body that is not a frame fails with a
 * {@link MalformedFrameException}; both reach {@code exceptionCaught}, where the connection is closed. One per
 * channel; runs on its event loop.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private final FrameCodec codec = new FrameCodec();

    public FrameDecoder(int maxFrameSize) {
        super(maxFrameSize + 4, 0, 4, 0, 4, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf body = (ByteBuf) super.decode(ctx, in);
        if (body == null) {
            return null;
        }
        try {
            return codec.decode(body);
        } finally {
            body.release();
        }
    }

    /** The bytes this decoder holds for a frame not yet complete: never more than one frame and one read. */
    int bufferedBytes() {
        return actualReadableBytes();
    }
}
