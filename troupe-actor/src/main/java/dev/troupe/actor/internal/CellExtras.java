package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The part of an actor cell's state that most actors never use: failure bookkeeping, restarts, death watch,
 * timers, the receive timeout, anonymous-name numbering and the logger. The cell allocates it on first use, so
 * that an idle actor that only ever receives messages pays one null field for all of this. Same confinement as
 * the cell's own fields (the actor's turn), except {@link #failure}, see {@link ActorCell}.
 */
final class CellExtras<T> {
    /** Why the actor stopped, if it failed; written before the mailbox closes and read after by anyone. */
    Throwable failure;
    boolean escalateFailure;
    /** While an escalated ChildFailed is being delivered: its cause. */
    Throwable currentEscalation;
    RestartInProgress<T> restart;

    /** Whom this actor watches, with the message (or the Terminated marker) to deliver on their death. */
    Map<InternalRef<?>, Object> watching;
    /** Deaths already notified whose Terminated waits in the mailbox behind earlier user messages. */
    Map<InternalRef<?>, Object> terminatedQueued;
    /** Who watches this actor, and through which ref (itself or one of its message adapters). */
    Set<ActorCell.Watcher> watchedBy;

    TimerSchedulerImpl<T> timers;
    Object receiveTimeoutMessage;
    Duration receiveTimeout;
    /** When the last message was processed, by the scheduler's clock; meaningful while receiveTimeout is set. */
    long lastMessageNanos;

    /** The number the next anonymous child or message adapter is named after. */
    int anonymousNames;
    /** Whether {@link #anonymousNames} has come round to 0 again, so that a number may belong to a live child. */
    boolean anonymousNamesWrapped;

    /** The next number for an anonymous child or message adapter; notes when the counter comes round to 0. */
    int takeAnonymousNumber() {
        int number = anonymousNames++;
        if (anonymousNames == 0) {
            anonymousNamesWrapped = true;
        }
        return number;
    }
    Logger logger;
}
