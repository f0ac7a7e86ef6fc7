package dev.troupe.actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a group supervisor ({@link Supervisors#group}) supervises and how: a {@link GroupStrategy}, a restart
 * intensity (at most {@link #maxRestarts()} restarts within {@link #within()}) and the {@link ChildSpec}s of
 * its initial children, in start order. Immutable and safe to share; each {@code with...} method returns a
 * checked copy.
 *
 * <p><b>Restart intensity.</b> The default is Erlang/OTP's: at most 1 restart in 5 seconds. When an exit would
 * make more than {@code maxRestarts} restarts within the last {@code within} (measured by the system
 * {@link Scheduler#nanoTime()} clock), the supervisor gives up: it stops all children in reverse start order
 * and fails with a {@link SupervisorGaveUpException}. {@code maxRestarts} 0 gives up on the first exit that
 * needs a restart.
 *
 * <p><b>Bad input</b> throws at once: {@link NullPointerException} for a null argument or child spec,
 * {@link IllegalArgumentException} for a negative {@code maxRestarts}, a zero or negative {@code within},
 * or two child specs with the same name.
 */
public final class SupervisorSpec {
    /** Erlang/OTP's default intensity: 1 restart ... */
    public static final int DEFAULT_MAX_RESTARTS = 1;
    /** ... within 5 seconds. */
    public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(5);

    private final GroupStrategy strategy;
    private final int maxRestarts;
    private final Duration within;
    private final List<ChildSpec<?>> children;

    private SupervisorSpec(GroupStrategy strategy, int maxRestarts, Duration within, List<ChildSpec<?>> children) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(within, "within");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, was " + maxRestarts);
        }
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("within must be positive, was " + within);
        }
        this.maxRestarts = maxRestarts;
        this.within = within;
        Objects.requireNonNull(children, "children");
        Set<String> names = new HashSet<>();
        for (ChildSpec<?> child : children) {
            Objects.requireNonNull(child, "child spec");
            if (!names.add(child.name())) {
                throw new IllegalArgumentException("Duplicate child spec name [" + child.name() + "]: names must be "
                        + "unique among a supervisor's children");
            }
        }
        this.children = List.copyOf(children);
    }

    /** A spec with {@code strategy}, the default intensity and {@code children} in start order. */
    public static SupervisorSpec of(GroupStrategy strategy, List<? extends ChildSpec<?>> children) {
        return new SupervisorSpec(strategy, DEFAULT_MAX_RESTARTS, DEFAULT_WITHIN, List.copyOf(children));
    }

    /** A spec with {@code strategy}, the default intensity and {@code children} in start order. */
    public static SupervisorSpec of(GroupStrategy strategy, ChildSpec<?>... children) {
        return of(strategy, List.of(children));
    }

    /** A copy that allows at most {@code maxRestarts} restarts within {@code within}. */
    public SupervisorSpec withIntensity(int maxRestarts, Duration within) {
        return new SupervisorSpec(strategy, maxRestarts, within, children);
    }

    /** A copy with {@code child} added after the existing children. */
    public SupervisorSpec withChild(ChildSpec<?> child) {
        List<ChildSpec<?>> all = new ArrayList<>(children);
        all.add(Objects.requireNonNull(child, "child"));
        return new SupervisorSpec(strategy, maxRestarts, within, all);
    }

    public GroupStrategy strategy() {
        return strategy;
    }

    public int maxRestarts() {
        return maxRestarts;
    }

    public Duration within() {
        return within;
    }

    /** The initial children, in start order (unmodifiable). */
    public List<ChildSpec<?>> children() {
        return children;
    }

    @Override
    public String toString() {
        return "SupervisorSpec[" + strategy + ", " + maxRestarts + " restarts within " + within + ", children="
                + children.stream().map(ChildSpec::name).toList() + "]";
    }
}
