package dev.troupe.examples.chat;

/** A frame that {@link ChatCodec} cannot read; the message says what is wrong with it, for the error reply. */
public final class MalformedFrameException extends Exception {

    public MalformedFrameException(String message) {
        super(message);
    }
}
