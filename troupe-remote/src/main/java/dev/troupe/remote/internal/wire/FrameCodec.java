package dev.troupe.remote.internal.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;

/*
 * The body of a frame (the 4-byte length prefix is added and checked by FrameEncoder/FrameDecoder):
 *
 *   body        = type:u8 fields
 *   HANDSHAKE   = 1  magic:i32 version:u8 lane:u8 from:str incarnation:i64 to:str
 *   ACCEPTED    = 2  address:str incarnation:i64
 *   REJECTED    = 3  reason:str
 *   HEARTBEAT   = 4
 *   HB_ACK      = 5
 *   MESSAGE     = 6  recipient:str serializerId:i32 manifest:str payload:(the rest of the frame)
 *   WATCH       = 7  watchee:str watcher:str
 *   UNWATCH     = 8  watchee:str watcher:str
 *   TERMINATED  = 9  actor:str watcher:str
 *   str         = length:u16 UTF-8 bytes (at most MAX_STRING_BYTES, well-formed UTF-8)
 *
 * Integers are big-endian. A frame with bytes left over after its fields is malformed, so every frame has
 * exactly one reading.
 */

/**
 * Encodes and decodes frame bodies. One per connection and direction, because it remembers the strings it
 * coded last ({@link WireStrings}); confined to that connection's event loop (or to one thread in tests).
 */
public final class FrameCodec {
    /** "TRP" and the format version's byte: a connection from something that is not Troupe fails at once. */
    static final int MAGIC = 0x5452_5001;
    static final int MAX_STRING_BYTES = 8 * 1024;

    private static final int HANDSHAKE = 1;
    private static final int ACCEPTED = 2;
    private static final int REJECTED = 3;
    private static final int HEARTBEAT = 4;
    private static final int HEARTBEAT_ACK = 5;
    private static final int MESSAGE = 6;
    private static final int WATCH = 7;
    private static final int UNWATCH = 8;
    private static final int TERMINATED = 9;

    private static final Frame.Heartbeat HEARTBEAT_FRAME = new Frame.Heartbeat();
    private static final Frame.HeartbeatAck HEARTBEAT_ACK_FRAME = new Frame.HeartbeatAck();

    private final WireStrings strings = new WireStrings();

    /**
     * Writes the body of {@code frame} to {@code out}.
     *
     * @throws IllegalArgumentException if a string of the frame is longer than the format allows
     */
    public void encode(Frame frame, ByteBuf out) {
        switch (frame) {
            case Frame.Handshake h -> {
                out.writeByte(HANDSHAKE).writeInt(MAGIC).writeByte(1).writeByte(h.lane().id());
                writeString(out, h.from());
                out.writeLong(h.incarnation());
                writeString(out, h.to());
            }
            case Frame.HandshakeAccepted a -> {
                out.writeByte(ACCEPTED);
                writeString(out, a.address());
                out.writeLong(a.incarnation());
            }
            case Frame.HandshakeRejected r -> {
                out.writeByte(REJECTED);
                writeString(out, r.reason());
            }
            case Frame.Heartbeat h -> out.writeByte(HEARTBEAT);
            case Frame.HeartbeatAck a -> out.writeByte(HEARTBEAT_ACK);
            case Frame.Message m -> {
                out.writeByte(MESSAGE);
                writeString(out, m.recipient());
                out.writeInt(m.serializerId());
                writeString(out, m.manifest());
                out.writeBytes(m.payload());
            }
            case Frame.Watch w -> writePair(out, WATCH, w.watchee(), w.watcher());
            case Frame.Unwatch u -> writePair(out, UNWATCH, u.watchee(), u.watcher());
            case Frame.Terminated t -> writePair(out, TERMINATED, t.actor(), t.watcher());
        }
    }

    /** An upper bound of the encoded body size, for Netty's count of pending outbound bytes. */
    public static int estimatedSize(Frame frame) {
        if (frame instanceof Frame.Message m) {
            return 16 + 3 * (m.recipient().length() + m.manifest().length()) + m.payload().length;
        }
        return 256;
    }

    /**
     * Reads one frame from the whole of {@code body}.
     *
     * @throws MalformedFrameException naming what is wrong, if {@code body} is not exactly one frame
     */
    public Frame decode(ByteBuf body) {
        int type = readUnsignedByte(body, "frame type");
        Frame frame = switch (type) {
            case HANDSHAKE -> decodeHandshake(body);
            case ACCEPTED -> new Frame.HandshakeAccepted(readString(body, "address"), readLong(body, "incarnation"));
            case REJECTED -> new Frame.HandshakeRejected(readString(body, "reason"));
            case HEARTBEAT -> HEARTBEAT_FRAME;
            case HEARTBEAT_ACK -> HEARTBEAT_ACK_FRAME;
            case MESSAGE -> {
                String recipient = readString(body, "recipient");
                int serializerId = readInt(body, "serializer id");
                String manifest = readString(body, "manifest");
                byte[] payload = new byte[body.readableBytes()];
                body.readBytes(payload);
                yield new Frame.Message(recipient, serializerId, manifest, payload);
            }
            case WATCH -> new Frame.Watch(readString(body, "watchee"), readString(body, "watcher"));
            case UNWATCH -> new Frame.Unwatch(readString(body, "watchee"), readString(body, "watcher"));
            case TERMINATED -> new Frame.Terminated(readString(body, "actor"), readString(body, "watcher"));
            default -> throw new MalformedFrameException("Unknown frame type " + type);
        };
        if (body.isReadable()) {
            throw new MalformedFrameException(body.readableBytes() + " bytes left over after a frame of type " + type);
        }
        return frame;
    }

    private Frame.Handshake decodeHandshake(ByteBuf body) {
        int magic = readInt(body, "magic");
        if (magic != MAGIC) {
            throw new MalformedFrameException("Not a Troupe handshake (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int version = readUnsignedByte(body, "version");
        if (version != 1) {
            throw new MalformedFrameException("Unsupported wire format version " + version + " (this node speaks 1)");
        }
        int laneId = readUnsignedByte(body, "lane");
        Lane lane = Lane.byId(laneId);
        if (lane == null) {
            throw new MalformedFrameException("Unknown lane " + laneId);
        }
        return new Frame.Handshake(lane, readString(body, "from"), readLong(body, "incarnation"), readString(body, "to"));
    }

    private void writePair(ByteBuf out, int type, String first, String second) {
        out.writeByte(type);
        writeString(out, first);
        writeString(out, second);
    }

    private void writeString(ByteBuf out, String text) {
        byte[] bytes = strings.encode(text);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("A string of " + bytes.length + " UTF-8 bytes does not fit a frame field"
                    + " (at most " + MAX_STRING_BYTES + "): " + text.substring(0, 80) + "...");
        }
        out.writeShort(bytes.length).writeBytes(bytes);
    }

    private String readString(ByteBuf in, String field) {
        int length = readUnsignedShort(in, field);
        if (length > MAX_STRING_BYTES) {
            throw new MalformedFrameException("The " + field + " is " + length + " bytes long, more than "
                    + MAX_STRING_BYTES);
        }
        need(in, length, field);
        try {
            return strings.decode(in, length);
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("The " + field + " is not well-formed UTF-8");
        }
    }

    private static int readUnsignedByte(ByteBuf in, String field) {
        need(in, 1, field);
        return in.readUnsignedByte();
    }

    private static int readUnsignedShort(ByteBuf in, String field) {
        need(in, 2, field);
        return in.readUnsignedShort();
    }

    private static int readInt(ByteBuf in, String field) {
        need(in, 4, field);
        return in.readInt();
    }

    private static long readLong(ByteBuf in, String field) {
        need(in, 8, field);
        return in.readLong();
    }

    private static void need(ByteBuf in, int bytes, String field) {
        if (in.readableBytes() < bytes) {
            throw new MalformedFrameException("The frame ends inside its " + field);
        }
    }
}
