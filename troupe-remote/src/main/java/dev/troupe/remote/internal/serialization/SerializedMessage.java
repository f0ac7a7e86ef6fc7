package dev.troupe.remote.internal.serialization;

/**
 * A message as it goes on the wire: which serializer wrote it, the manifest that tells the reader what it is (a
 * {@link dev.troupe.remote.MessageTypes} wire name for the default serializer), and the bytes. The array is not
 * copied: whoever holds it must not change it.
 */
public record SerializedMessage(int serializerId, String manifest, byte[] payload) {
    public SerializedMessage {
        java.util.Objects.requireNonNull(manifest, "manifest");
        java.util.Objects.requireNonNull(payload, "payload");
    }
}
