package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/*
 * The temporary reply-to of an ask. It is registered nowhere: the only references to it are the request
 * message (held by the target until processed) and the scheduled time-out, which is cancelled on the first
 * reply. So a completed ask leaves nothing behind, however many asks are made.
 */

/** The reply-to ref of one ask; completes a future with the first reply. Thread-safe. */
public final class PromiseRef<R> extends InternalRef<R> {
    private static final AtomicLong NAMES = new AtomicLong();

    private final CompletableFuture<R> future = new AskFuture<>();
    private final ActorSystemImpl<?> system;
    private volatile Cancellable timeout;
    private List<InternalRef<?>> watchers;

    private PromiseRef(ActorPath path, ActorSystemImpl<?> system) {
        super(path);
        this.system = system;
    }

    /** See {@link dev.troupe.actor.AskPattern#ask}. */
    public static <Req, Res> CompletionStage<Res> ask(ActorRef<Req> target,
                                                      Function<ActorRef<Res>, Req> createRequest,
                                                      Duration timeout, Scheduler scheduler) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(createRequest, "createRequest");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(scheduler, "scheduler");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Ask timeout must be positive, was " + timeout);
        }
        ActorPath tempPath = target.path().root().child("temp", 0)
                .child("$" + Long.toString(NAMES.incrementAndGet(), 36), 0);
        PromiseRef<Res> promise = new PromiseRef<>(tempPath, systemOf(target));
        Req request = createRequest.apply(promise);
        if (request == null) {
            throw new NullPointerException("createRequest returned null for ask to " + target.path());
        }
        promise.timeout = scheduler.scheduleOnce(timeout, () -> promise.future.completeExceptionally(
                new TimeoutException("Ask to " + target.path() + " timed out after " + timeout.toMillis()
                        + " ms with no reply to a message of type " + request.getClass().getName()
                        + ". The target may have stopped, be overloaded, or not reply to this message.")));
        // The caller gets the clean-up's stage: an AskFuture too, completing it cannot complete the promise, and
        // whoever sees it complete sees the time-out cancelled and the watchers told.
        CompletionStage<Res> answer = promise.future.whenComplete((value, error) -> promise.completed());
        target.tell(request);
        return answer;
    }

    private static ActorSystemImpl<?> systemOf(ActorRef<?> ref) {
        if (ref instanceof ActorSystemImpl<?> system) {
            return system;
        }
        if (ref instanceof LocalActorRef<?> local) {
            return local.cell().systemImpl();
        }
        return null;
    }

    @Override
    public void tell(R message) {
        requireMessage(message);
        if (!future.complete(message) && system != null) {
            system.deadLetter(message, this);
        }
    }

    private void completed() {
        Cancellable task = timeout;
        if (task != null) {
            task.cancel();
        }
        List<InternalRef<?>> toNotify;
        synchronized (this) {
            toNotify = watchers;
            watchers = null;
        }
        if (toNotify != null) {
            toNotify.forEach(w -> w.sendSystem(new SystemMessage.DeathWatchNotification(this, null)));
        }
    }

    @Override
    public void sendSystem(SystemMessage message) {
        if (message instanceof SystemMessage.Watch watch) {
            synchronized (this) {
                if (!future.isDone()) {
                    if (watchers == null) {
                        watchers = new ArrayList<>(1);
                    }
                    watchers.add(watch.watcher);
                    return;
                }
            }
            watch.watcher.sendSystem(new SystemMessage.DeathWatchNotification(this, null));
        } else if (message instanceof SystemMessage.Unwatch unwatch) {
            synchronized (this) {
                if (watchers != null) {
                    watchers.remove(unwatch.watcher);
                }
            }
        }
    }

    @Override
    public boolean isTerminated() {
        return future.isDone();
    }
}
