package dev.troupe.actor;

import java.util.Objects;

/**
 * Delivered once to each actor that {@linkplain ActorContext#watch watches} {@code ref} when that actor has
 * stopped, after every message the stopped actor sent to the watcher before stopping. Not handling it fails
 * the watcher with a {@link DeathPactException}.
 */
public record Terminated(ActorRef<Void> ref) implements Signal {
    public Terminated {
        Objects.requireNonNull(ref, "ref");
    }
}
