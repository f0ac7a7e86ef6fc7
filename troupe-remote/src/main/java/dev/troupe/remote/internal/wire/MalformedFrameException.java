package dev.troupe.remote.internal.wire;

/** A frame that does not follow the wire format; the connection it came on is closed. */
public final class MalformedFrameException extends RuntimeException {
    public MalformedFrameException(String message) {
        super(message);
    }
}
