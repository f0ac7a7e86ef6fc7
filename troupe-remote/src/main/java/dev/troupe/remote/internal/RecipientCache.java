package dev.troupe.remote.internal;

import dev.troupe.actor.internal.InternalRef;
import java.util.concurrent.ConcurrentHashMap;

/*
 * A connection names the same few actors frame after frame, and parsing the recipient's path and looking it up
 * in the export table was a third of the work of receiving a message. This remembers the answers by the path's
 * text (the frame decoder hands out the same String for the same bytes, so its hash is already computed).
 *
 * It grants nothing the export table would not: only refs the table returned go in, and the table only ever
 * loses an entry when its actor stops. So an entry whose actor has stopped is not used (the caller looks the
 * path up again: a newer published actor may hold the name by now). Bounded: it is emptied when full, which
 * also lets go of the refs of stopped actors.
 */

/** Recipients' paths as they came on the wire, resolved to local actors. Thread-safe. */
final class RecipientCache {
    static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<String, InternalRef<?>> byPath = new ConcurrentHashMap<>();

    /** The actor {@link #remember remembered} for {@code wirePath}, or null if none or it has stopped. */
    InternalRef<?> get(String wirePath) {
        InternalRef<?> ref = byPath.get(wirePath);
        return ref == null || ref.isTerminated() ? null : ref;
    }

    /** Remembers that {@code wirePath} resolved to {@code ref} through the export table. */
    void remember(String wirePath, InternalRef<?> ref) {
        if (byPath.size() >= MAX_ENTRIES) {
            byPath.clear();
        }
        byPath.put(wirePath, ref);
    }

    int size() {
        return byPath.size();
    }
}
