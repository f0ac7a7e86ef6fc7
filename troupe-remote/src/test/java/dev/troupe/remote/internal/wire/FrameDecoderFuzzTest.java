package dev.troupe.remote.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import org.junit.jupiter.api.Test;

/**
 * Feeds the frame decoder random and mutated byte streams, cut into random chunks, as a connection would. The
 * decoder must produce frames or fail with one of the decoding exceptions that close the connection; nothing
 * else may escape, and it never holds more than one frame's worth of bytes. 10,000 streams by default; a long
 * run: {@code -Dtroupe.fuzz.tries=1000000}.
 */
class FrameDecoderFuzzTest {
    private static final int MAX_FRAME = 1024;
    private static final int TRIES = Integer.getInteger("troupe.fuzz.tries", 10_000);

    /** What the connection saw: frames, and the exception that would have closed it. */
    private static final class Outcome extends ChannelInboundHandlerAdapter {
        final List<Frame> frames = new ArrayList<>();
        Throwable failure;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add((Frame) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
            ctx.close();
        }
    }

    @Test
    void randomAndMutatedStreamsYieldFramesOrACleanFailure() {
        Arbitrary<byte[]> streams = Arbitraries.oneOf(randomBytes(), mutatedFrames(), randomLengthPrefixes());
        Arbitrary<Long> seeds = Arbitraries.longs();
        Combinators.combine(streams, seeds).as(Input::new).sampleStream().limit(TRIES).forEach(this::feed);
    }

    private record Input(byte[] stream, long seed) {}

    private void feed(Input input) {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
        Outcome outcome = new Outcome();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, outcome);
        Random random = new Random(input.seed());
        byte[] stream = input.stream();
        for (int at = 0; at < stream.length && channel.isOpen(); ) {
            int chunk = Math.min(stream.length - at, 1 + random.nextInt(64));
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, chunk));
            at += chunk;
            assertThat(decoder.bufferedBytes()).as("bytes buffered").isLessThanOrEqualTo(MAX_FRAME + 4 + 64);
        }
        channel.finishAndReleaseAll();
        if (outcome.failure != null) {
            assertThat(outcome.failure).isInstanceOfAny(TooLongFrameException.class, CorruptedFrameException.class,
                    DecoderException.class);
            if (outcome.failure.getClass() == DecoderException.class) {
                assertThat(outcome.failure.getCause()).isInstanceOf(MalformedFrameException.class);
            }
        }
        for (Frame frame : outcome.frames) {
            assertThat(Frames.wireBytes(frame).length).isLessThanOrEqualTo(MAX_FRAME + 4);
        }
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(3 * MAX_FRAME);
    }

    /** Random length prefixes (negative, huge, just over the limit) followed by random bytes. */
    private static Arbitrary<byte[]> randomLengthPrefixes() {
        Arbitrary<Integer> lengths = Arbitraries.oneOf(Arbitraries.integers(),
                Arbitraries.integers().between(MAX_FRAME - 2, MAX_FRAME + 2));
        return Combinators.combine(lengths, Arbitraries.bytes().array(byte[].class).ofMaxSize(2 * MAX_FRAME))
                .as((length, rest) -> {
                    byte[] bytes = new byte[4 + rest.length];
                    Unpooled.wrappedBuffer(bytes).setInt(0, length);
                    System.arraycopy(rest, 0, bytes, 4, rest.length);
                    return bytes;
                });
    }

    /** A few valid frames in a row, then some bytes flipped, dropped, inserted or the stream cut short. */
    private static Arbitrary<byte[]> mutatedFrames() {
        Arbitrary<List<Frame>> frames = Frames.frames().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Integer> mutations = Arbitraries.integers().between(0, 8)
                .withDistribution(RandomDistribution.biased());
        return Combinators.combine(frames, mutations, Arbitraries.longs()).as((list, count, seed) -> {
            byte[] bytes = new byte[0];
            for (Frame frame : list) {
                byte[] wire = Frames.wireBytes(frame);
                byte[] joined = Arrays.copyOf(bytes, bytes.length + wire.length);
                System.arraycopy(wire, 0, joined, bytes.length, wire.length);
                bytes = joined;
            }
            Random random = new Random(seed);
            for (int i = 0; i < count && bytes.length > 0; i++) {
                bytes = mutate(bytes, random);
            }
            return bytes;
        });
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] flipped = bytes.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                yield flipped;
            }
            case 1 -> {
                byte[] shorter = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                yield shorter;
            }
            case 2 -> {
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt();
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                yield longer;
            }
            default -> Arrays.copyOf(bytes, at);
        };
    }
}
