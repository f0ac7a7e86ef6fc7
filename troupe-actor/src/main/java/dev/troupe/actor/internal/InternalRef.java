package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import java.util.Objects;

/**
 * The base of every ref implementation: local actors, the dead-letter ref, temporary ask refs, message
 * adapters, and (in other Troupe modules) remote refs and test inboxes. Equality is by path, which includes
 * the actor's uid. Thread-safe.
 */
public abstract non-sealed class InternalRef<T> implements ActorRef<T> {
    private final ActorPath path;

    protected InternalRef(ActorPath path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public final ActorPath path() {
        return path;
    }

    /** Delivers a system message (watch, stop, death notification). Never throws, never blocks. */
    public abstract void sendSystem(SystemMessage message);

    /** True once the actor behind this ref has stopped for good. */
    public abstract boolean isTerminated();

    /** Checks a message before sending, so that a null fails at the call site, naming the target. */
    protected final T requireMessage(T message) {
        if (message == null) {
            throw new NullPointerException("Message must not be null (tell to " + path + ")");
        }
        return message;
    }

    @Override
    public final boolean equals(Object o) {
        return this == o || (o instanceof ActorRef<?> other && path.equals(other.path()));
    }

    @Override
    public final int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "Actor[" + path.toStringWithUid() + "]";
    }
}
