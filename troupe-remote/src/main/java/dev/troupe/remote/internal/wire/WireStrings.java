package dev.troupe.remote.internal.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/*
 * Recipients and manifests repeat: a connection carries the same few actor paths and type names frame after
 * frame. So each direction keeps the strings it met last in a small direct-mapped table, which turns the UTF-8
 * work per frame into a hash and a compare of the bytes; encoding picks the slot from String.hashCode, which a
 * string caches.
 * A miss costs the ordinary work and replaces the slot; the tables never grow. Only strings that decoded as
 * well-formed UTF-8 enter the decoding table, so a hit needs no check: its bytes are the same.
 */

/** A connection's recently coded strings, for {@link FrameCodec}. Confined to one thread (the event loop). */
final class WireStrings {
    private static final int SLOTS = 64;

    private final byte[][] decodedBytes = new byte[SLOTS][];
    private final String[] decoded = new String[SLOTS];
    private final String[] encoded = new String[SLOTS];
    private final byte[][] encodedBytes = new byte[SLOTS][];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    /** The bytes being decoded, copied in one go: reading a direct buffer byte by byte is slow. */
    private byte[] scratch = new byte[128];

    /**
     * The string in the {@code length} bytes at {@code in}'s reader index, which it skips.
     *
     * @throws CharacterCodingException if they are not well-formed UTF-8
     */
    String decode(ByteBuf in, int length) throws CharacterCodingException {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        in.readBytes(scratch, 0, length);
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + scratch[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] known = decodedBytes[slot];
        if (known != null && Arrays.equals(known, 0, known.length, scratch, 0, length)) {
            return decoded[slot];
        }
        String text = utf8.reset().decode(ByteBuffer.wrap(scratch, 0, length)).toString();
        decodedBytes[slot] = Arrays.copyOf(scratch, length);
        decoded[slot] = text;
        return text;
    }

    /** {@code text} as UTF-8; the caller must not change the array. */
    byte[] encode(String text) {
        int slot = text.hashCode() & (SLOTS - 1);
        String known = encoded[slot];
        if (known != null && known.equals(text)) {
            return encodedBytes[slot];
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        encoded[slot] = text;
        encodedBytes[slot] = bytes;
        return bytes;
    }
}
