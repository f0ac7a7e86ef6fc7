package dev.troupe.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * The failure of a group supervisor ({@link Supervisors#group}) that exceeded its restart intensity: more
 * than {@link #maxRestarts()} restarts within {@link #within()}. By the time it is thrown the supervisor has
 * stopped all its children (in reverse start order); its parent receives it in {@link ChildFailed}. The cause
 * is the failure of the child whose exit exceeded the intensity, or null if that child exited normally
 * (a {@link RestartType#PERMANENT} child that stopped itself).
 */
public final class SupervisorGaveUpException extends RuntimeException {
    private final ActorPath supervisor;
    private final String child;
    private final int maxRestarts;
    private final Duration within;

    public SupervisorGaveUpException(ActorPath supervisor, String child, int maxRestarts, Duration within,
                                     Throwable cause) {
        super(message(supervisor, child, maxRestarts, within, cause), cause);
        this.supervisor = supervisor;
        this.child = child;
        this.maxRestarts = maxRestarts;
        this.within = within;
    }

    private static String message(ActorPath supervisor, String child, int maxRestarts, Duration within,
                                  Throwable cause) {
        Objects.requireNonNull(supervisor, "supervisor");
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(within, "within");
        String last;
        if (cause == null) {
            last = "a normal exit";
        } else {
            String text;
            try {
                text = cause.getMessage();
            } catch (RuntimeException e) {
                text = null; // a broken getMessage must not break the supervisor's own failure
            }
            last = cause.getClass().getName() + (text == null ? "" : ": " + text);
        }
        return "Supervisor " + supervisor + " gave up: more than " + maxRestarts + " restart(s) within " + within
                + "; last exit of child [" + child + "] was " + last;
    }

    /** The supervisor that gave up. */
    public ActorPath supervisor() {
        return supervisor;
    }

    /** The name of the child whose exit exceeded the intensity. */
    public String child() {
        return child;
    }

    public int maxRestarts() {
        return maxRestarts;
    }

    public Duration within() {
        return within;
    }
}
