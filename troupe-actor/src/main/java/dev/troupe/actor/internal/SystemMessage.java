package dev.troupe.actor.internal;

import java.util.Objects;

/**
 * Messages about an actor's lifecycle. They travel in the mailbox's own queue, ahead of user messages, and are
 * never dropped. Each instance is a node of that intrusive queue and may be enqueued only once.
 */
public abstract sealed class SystemMessage {
    /** The next node in a mailbox's system queue; written before the node is published by CAS. */
    SystemMessage next;

    /** Start the actor: run its initial behavior's setup. */
    public static final class Create extends SystemMessage {}

    /** Stop the actor (children first). */
    public static final class Terminate extends SystemMessage {}

    /** {@code watcher} wants to know when {@code watchee} stops. */
    public static final class Watch extends SystemMessage {
        final InternalRef<?> watchee;
        final InternalRef<?> watcher;

        public Watch(InternalRef<?> watchee, InternalRef<?> watcher) {
            this.watchee = Objects.requireNonNull(watchee);
            this.watcher = Objects.requireNonNull(watcher);
        }

        public InternalRef<?> watchee() {
            return watchee;
        }

        public InternalRef<?> watcher() {
            return watcher;
        }
    }

    /** {@code watcher} no longer wants to know when {@code watchee} stops. */
    public static final class Unwatch extends SystemMessage {
        final InternalRef<?> watchee;
        final InternalRef<?> watcher;

        public Unwatch(InternalRef<?> watchee, InternalRef<?> watcher) {
            this.watchee = Objects.requireNonNull(watchee);
            this.watcher = Objects.requireNonNull(watcher);
        }

        public InternalRef<?> watchee() {
            return watchee;
        }

        public InternalRef<?> watcher() {
            return watcher;
        }
    }

    /**
     * {@code actor} has stopped; {@code failure} is why, or null if it stopped normally. {@code escalated}
     * (only ever sent to the parent) asks the parent to take the failure on as its own.
     */
    public static final class DeathWatchNotification extends SystemMessage {
        final InternalRef<?> actor;
        final Throwable failure;
        final boolean escalated;

        public DeathWatchNotification(InternalRef<?> actor, Throwable failure) {
            this(actor, failure, false);
        }

        public DeathWatchNotification(InternalRef<?> actor, Throwable failure, boolean escalated) {
            this.actor = Objects.requireNonNull(actor);
            this.failure = failure;
            this.escalated = escalated;
        }

        public InternalRef<?> actor() {
            return actor;
        }

        public Throwable failure() {
            return failure;
        }
    }
}
