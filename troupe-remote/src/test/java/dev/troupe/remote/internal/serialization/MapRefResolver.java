package dev.troupe.remote.internal.serialization;

import dev.troupe.actor.ActorRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tests' side of the seam the transport implements: refs known by their path with uid, nothing else. */
final class MapRefResolver implements RefResolver {
    private final Map<String, ActorRef<?>> refs = new ConcurrentHashMap<>();

    MapRefResolver know(ActorRef<?>... known) {
        for (ActorRef<?> ref : known) {
            refs.put(ref.path().toStringWithUid(), ref);
        }
        return this;
    }

    @Override
    public String toWire(ActorRef<?> ref) {
        String text = ref.path().toStringWithUid();
        if (!refs.containsKey(text)) {
            throw new IllegalStateException("not published: " + text);
        }
        return text;
    }

    @Override
    public ActorRef<?> fromWire(String text) {
        ActorRef<?> ref = refs.get(text);
        if (ref == null) {
            throw new IllegalArgumentException("no actor " + text);
        }
        return ref;
    }
}
