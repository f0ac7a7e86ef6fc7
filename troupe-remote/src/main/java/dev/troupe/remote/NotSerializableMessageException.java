package dev.troupe.remote;

/**
 * A message could not be turned into bytes on the sending node: its type is neither in {@link MessageTypes}
 * nor handled by a {@link RemoteSerializer}, or the serializer failed on it (the cause says why). The message
 * is not sent. Thrown on the thread that asked for the message to be serialized; immutable.
 */
public final class NotSerializableMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Class<?> messageType;

    /** For a message of {@code messageType} that could not be serialized, with the reason. */
    public NotSerializableMessageException(Class<?> messageType, String reason, Throwable cause) {
        super("Cannot send a " + messageType.getName() + " to another node: " + reason, cause);
        this.messageType = messageType;
    }

    /** The class of the message that could not be serialized. */
    public Class<?> messageType() {
        return messageType;
    }
}
