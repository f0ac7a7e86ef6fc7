package dev.troupe.remote.internal.transport;

import dev.troupe.remote.internal.wire.MalformedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import javax.net.ssl.SSLException;

/** Says why a connection failed, in words for the log and the event. */
final class Failures {
    private Failures() {}

    static String describe(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof TooLongFrameException) {
            return "frame too long: " + root.getMessage();
        }
        if (root instanceof MalformedFrameException) {
            return "malformed frame: " + root.getMessage();
        }
        if (root instanceof SSLException) {
            return "TLS failure: " + root.getMessage();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
