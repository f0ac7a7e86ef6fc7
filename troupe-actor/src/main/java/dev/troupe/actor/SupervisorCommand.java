package dev.troupe.actor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The protocol of a group supervisor ({@link Supervisors#group}). Every command is answered (except
 * {@link Shutdown}, which is observed by watching the supervisor).
 *
 * <p><b>Ordering.</b> Commands are processed one at a time, in arrival order, and only while the supervisor is
 * idle: a command that arrives while children are being stopped or started (a restart, an earlier
 * {@code StartChild} or {@code StopChild}) waits until that work is done, so each command sees the state the
 * earlier work left. A supervisor that gives up or shuts down answers the commands still waiting:
 * {@code StartChild} with {@link StartResult.Failed}, {@code StopChild} with {@link StopResult.Stopped} (the
 * child is stopped with the others) or {@link StopResult.NotFound}, {@code WhichChildren} with the current
 * children. Commands arriving after the supervisor stopped are dead letters.
 */
public sealed interface SupervisorCommand {

    /**
     * Adds a child after the existing ones and starts it; answered with {@link StartResult.Started} once the
     * child's {@code setup} has completed, with {@link StartResult.AlreadyExists} if a child spec of that name
     * exists (running or not), or with {@link StartResult.Failed} if spawning or its {@code setup} failed (the
     * spec is then not added and nothing counts toward the restart intensity).
     */
    record StartChild(ChildSpec<?> spec, ActorRef<StartResult> replyTo) implements SupervisorCommand {
        public StartChild {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * Stops the child named {@code name} (awaiting its stop) and removes its spec, so it is not restarted;
     * answered with {@link StopResult.Stopped} once it has stopped, or {@link StopResult.NotFound}.
     */
    record StopChild(String name, ActorRef<StopResult> replyTo) implements SupervisorCommand {
        public StopChild {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Answered with every child spec the supervisor holds, in start order. */
    record WhichChildren(ActorRef<List<ChildInfo>> replyTo) implements SupervisorCommand {
        public WhichChildren {
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * Stops the supervisor in order: its children stop one at a time in reverse start order, then the
     * supervisor stops (normally). Stopping the supervisor any other way (its parent's
     * {@link ActorContext#stop}, the system's termination) stops its children concurrently.
     */
    record Shutdown() implements SupervisorCommand {}

    /**
     * One child spec held by a supervisor.
     *
     * @param ref the running incarnation, empty while the child is not running
     * @param running whether an incarnation is running ({@code ref} is present)
     */
    record ChildInfo(String name, Optional<ActorRef<Void>> ref, RestartType restartType, boolean running) {
        public ChildInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(restartType, "restartType");
            if (running != ref.isPresent()) {
                throw new IllegalArgumentException("running must be true exactly when ref is present");
            }
        }
    }

    /** The answer to {@link StartChild}. */
    sealed interface StartResult {
        /** The child runs as {@code ref}. */
        record Started(ActorRef<Void> ref) implements StartResult {
            public Started {
                Objects.requireNonNull(ref, "ref");
            }
        }

        /** A child spec named {@code name} already exists; nothing was started. */
        record AlreadyExists(String name) implements StartResult {
            public AlreadyExists {
                Objects.requireNonNull(name, "name");
            }
        }

        /** The child could not be started (or the supervisor is stopping); its spec was not added. */
        record Failed(String name, Throwable cause) implements StartResult {
            public Failed {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(cause, "cause");
            }
        }
    }

    /** The answer to {@link StopChild}. */
    sealed interface StopResult {
        /** The child has stopped (or was not running) and its spec is removed. */
        record Stopped(String name) implements StopResult {
            public Stopped {
                Objects.requireNonNull(name, "name");
            }
        }

        /** No child spec of that name. */
        record NotFound(String name) implements StopResult {
            public NotFound {
                Objects.requireNonNull(name, "name");
            }
        }
    }
}
