package dev.troupe.actor;

import dev.troupe.actor.internal.GroupSupervisorBehavior;
import java.util.Objects;

/**
 * Erlang/OTP-style group supervisors: an actor that starts children from ordered {@link ChildSpec}s, watches
 * them and restarts them by a {@link GroupStrategy}, each child's {@link RestartType} and a restart intensity.
 * Pure factories: safe to call from any thread.
 *
 * <pre>{@code
 * Behavior<SupervisorCommand> sup = Supervisors.group(SupervisorSpec.of(GroupStrategy.REST_FOR_ONE,
 *         ChildSpec.of("db", db()),
 *         ChildSpec.of("cache", cache()).withRestartType(RestartType.TRANSIENT))
 *     .withIntensity(3, Duration.ofSeconds(10)));
 * }</pre>
 *
 * When a group supervisor gives up (its restart intensity is exceeded), it stops its children in reverse start
 * order and escalates a {@link SupervisorGaveUpException}: its parent receives a {@link ChildFailed} and, if it
 * does not handle it, fails with it. A parent that is itself a group supervisor handles it as an abnormal exit
 * of that child, by its own strategy, so group supervisors nest.
 *
 * <p>Events: a failed child publishes {@code Failed} and {@code StoppedOnFailure} for itself; the group
 * supervisor then publishes its decision, {@code Restarted} once per restarted child (with the cause of the
 * failure that made the restart) or {@code Escalated} (naming the child whose failure exceeded the intensity).
 * Restarts after a normal exit of a permanent child publish no event (there is no failure) but count toward the
 * intensity.
 */
public final class Supervisors {
    private Supervisors() {}

    /**
     * A group supervisor for {@code spec}. On start it spawns the children in spec order, each after the
     * previous one's {@code setup} has completed (for a nested group supervisor: after all its own initial
     * children have started), and watches them; see {@link SupervisorCommand} for what it accepts at run time.
     * Start order is only guaranteed through a child spec's own behavior: a nested supervisor wrapped in another
     * behavior (such as {@link Behaviors#logMessages}) counts as started once its own setup has run.
     *
     * @throws NullPointerException if {@code spec} is null
     */
    public static Behavior<SupervisorCommand> group(SupervisorSpec spec) {
        return Behaviors.supervise(GroupSupervisorBehavior.create(Objects.requireNonNull(spec, "spec")))
                .onFailure(SupervisorGaveUpException.class, SupervisorStrategy.escalate());
    }
}
