package dev.troupe.actor;

/** Delivered to the failing behavior just before its actor restarts (see supervision). */
public record PreRestart() implements Signal {
    /** The one instance; {@code new PreRestart()} is equal to it. */
    public static final PreRestart INSTANCE = new PreRestart();
}
