package dev.troupe.actor;

/**
 * How a group supervisor ({@link Supervisors#group}) reacts when one of its children exits and must be
 * restarted (see {@link RestartType} for which exits do). Children are kept in start order: the order of the
 * {@link SupervisorSpec}'s child specs, followed by children added at run time with
 * {@link SupervisorCommand.StartChild}.
 *
 * <pre>
 *   children in start order:   A   B   C   D        (C fails)
 *
 *   ONE_FOR_ONE    restart C only                 A   B  [C]  D
 *
 *   ALL_FOR_ONE    stop D, B, A (reverse order),  [A] [B] [C] [D]
 *                  then start A, B, C, D
 *
 *   REST_FOR_ONE   stop D, then start C, D        A   B  [C] [D]
 *                  (C and every child started after it)
 *
 *   [X] = a new incarnation with fresh state; the others keep running and keep their state.
 * </pre>
 *
 * Siblings are stopped one at a time in reverse start order, each stop awaited before the next, and started
 * one at a time in start order, each child's {@code setup} completed before the next child is spawned.
 * Siblings stopped this way are not failures: they raise no event and do not count toward the restart
 * intensity. A {@link RestartType#TEMPORARY} sibling stopped this way is not started again (its spec is
 * removed), and a sibling that was not running (a transient child that had exited normally) stays down.
 * One exit that leads to restarts counts as one restart toward the intensity, however many siblings it
 * restarts (as in Erlang/OTP).
 */
public enum GroupStrategy {
    /** Restart only the child that exited. */
    ONE_FOR_ONE,
    /** Stop all other children in reverse start order, then start all of them again in start order. */
    ALL_FOR_ONE,
    /** Restart the child that exited and every child started after it, stopping those in reverse order. */
    REST_FOR_ONE
}
