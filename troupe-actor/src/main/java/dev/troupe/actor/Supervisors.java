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
 * A group supervisor may itself be a child of another one: when it gives up it fails with a
 * {@link SupervisorGaveUpException}, which its supervisor sees as an abnormal exit and handles by its own
 * strategy. Every child failure and the decision taken is published on the event stream as a
 * {@link SupervisionEvent}: {@code Failed}, then {@code Restarted} (once per restarted child, with the cause
 * of the failure that made the restart), {@code StoppedOnFailure} (not restarted) or {@code Escalated} (the
 * supervisor gives up). Restarts after a normal exit of a permanent child publish no event (there is no
 * failure) but count toward the intensity.
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
        return GroupSupervisorBehavior.create(Objects.requireNonNull(spec, "spec"));
    }
}
