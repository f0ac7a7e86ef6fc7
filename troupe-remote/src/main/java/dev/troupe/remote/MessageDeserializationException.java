package dev.troupe.remote;

/**
 * Bytes received from another node could not be turned into a message: an unknown serializer id, a manifest
 * (wire name) not on the allow-list, malformed or truncated bytes, a value a message type rejects, or a limit
 * of the reader exceeded (nesting depth, string or number length). The message is not delivered; the
 * receiving node carries on. The text names the serializer id and manifest; since both, and any text Jackson
 * quotes from the payload, come from the network, it is shortened and its control characters are escaped.
 * Thrown on the thread that read the bytes; immutable.
 */
public final class MessageDeserializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_MANIFEST_SHOWN = 120;
    private static final int MAX_REASON_SHOWN = 500;

    private final int serializerId;
    private final String manifest;

    /** For a payload of {@code serializerId} and {@code manifest} that could not be read, with the reason. */
    public MessageDeserializationException(int serializerId, String manifest, String reason, Throwable cause) {
        super("Cannot read a message from another node (serializer " + serializerId + ", manifest \""
                + printable(manifest, MAX_MANIFEST_SHOWN) + "\"): " + printable(reason, MAX_REASON_SHOWN), cause);
        this.serializerId = serializerId;
        this.manifest = manifest;
    }

    /** The serializer id the bytes came with. */
    public int serializerId() {
        return serializerId;
    }

    /** The manifest the bytes came with, in full. */
    public String manifest() {
        return manifest;
    }

    /** Short and printable: a manifest, and a reason quoting the payload, come from the wire. */
    private static String printable(String text, int max) {
        if (text == null) {
            return "(no reason given)";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), max); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                shown.append(c);
            } else {
                shown.append(String.format("\\u%04x", (int) c));
            }
        }
        if (text.length() > max) {
            shown.append("... (").append(text.length()).append(" characters)");
        }
        return shown.toString();
    }
}
