package dev.troupe.actor;

/**
 * Whether a group supervisor restarts a child when it exits, as in Erlang/OTP. An exit is <em>abnormal</em> when
 * the child failed (its supervisor gets {@link ChildFailed}) and <em>normal</em> when it stopped itself or was
 * stopped ({@link Terminated}).
 */
public enum RestartType {
    /** Always restarted, after a normal or an abnormal exit. */
    PERMANENT,
    /**
     * Restarted only after an abnormal exit. After a normal exit its spec is kept (it shows as not running in
     * {@link SupervisorCommand.WhichChildren}) and its exit does not restart siblings.
     */
    TRANSIENT,
    /**
     * Never restarted; its exit never restarts siblings, and its spec is removed once it exits. Stopped (not
     * restarted) when a sibling's failure restarts it under {@link GroupStrategy#ALL_FOR_ONE} or
     * {@link GroupStrategy#REST_FOR_ONE}.
     */
    TEMPORARY
}
