package dev.troupe.actor;

import java.util.Objects;

/**
 * How a group supervisor starts one child: its name (unique among the supervisor's children), the behavior
 * every incarnation starts from, its {@link RestartType} and the {@link Props} it is spawned with. Immutable
 * and safe to share; build with {@link #of} and refine with the {@code with...} methods, which return copies.
 *
 * <p>The same {@code behavior} value starts every incarnation, so per-incarnation state belongs in a
 * {@link Behaviors#setup} inside it (which runs again on each restart), not in objects captured outside it.
 *
 * <p><b>Bad input</b> is rejected at construction: a null argument throws {@link NullPointerException}; a
 * malformed name, or one starting with {@code $} (reserved for anonymous actors), throws
 * {@link InvalidActorNameException}.
 *
 * @param name the child's actor name
 * @param behavior the behavior each incarnation starts with
 * @param restartType when the child is restarted
 * @param props the mailbox and dispatcher of the child
 * @param <T> the child's message type
 */
public record ChildSpec<T>(String name, Behavior<T> behavior, RestartType restartType, Props props) {
    public ChildSpec {
        ActorPath.ActorNames.validateElement(name);
        if (name.startsWith("$")) {
            throw new InvalidActorNameException("Child spec name [" + name + "] must not start with '$' "
                    + "(reserved for anonymous actors)");
        }
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(restartType, "restartType");
        Objects.requireNonNull(props, "props");
    }

    /** A {@link RestartType#PERMANENT} child with default props. */
    public static <T> ChildSpec<T> of(String name, Behavior<T> behavior) {
        return new ChildSpec<>(name, behavior, RestartType.PERMANENT, Props.empty());
    }

    /** A copy with {@code restartType}. */
    public ChildSpec<T> withRestartType(RestartType restartType) {
        return new ChildSpec<>(name, behavior, restartType, props);
    }

    /** A copy with {@code props}. */
    public ChildSpec<T> withProps(Props props) {
        return new ChildSpec<>(name, behavior, restartType, props);
    }
}
