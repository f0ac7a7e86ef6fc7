package dev.troupe.actor.internal;

import dev.troupe.actor.Behavior;
import dev.troupe.actor.ChildFailed;
import dev.troupe.actor.PreRestart;
import dev.troupe.actor.Signal;
import dev.troupe.actor.SupervisionEvent;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.actor.UnhandledMessageException;
import dev.troupe.actor.UnhandledMessagePolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One instance per supervised actor (made when the supervised behavior starts), kept across restarts so that
 * restart counts survive them. A failure is anything thrown by the wrapped behavior's start, message or
 * signal handling, an unhandled message under the FAIL policy, and an escalated ChildFailed the wrapped
 * behavior did not handle. The most specific rule for the failure's class decides; without one the failure is
 * rethrown to the next supervisor out (or the actor's default). VirtualMachineErrors are always rethrown.
 *
 * Restart and stop are not done here: the decision is returned as a marker (Restarting, or Stopped after
 * recording the failure in the context) and carried out by the actor cell, which owns children, timers and
 * the mailbox.
 */

/** Applies a supervised behavior's rules to its failures. Confined to the actor's thread. */
final class SupervisorInterceptor<T> implements Interceptor<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorInterceptor.class);

    private final Behavior<T> initial;
    private final List<BehaviorImpl.Supervised.Rule> rules;
    /**
     * Restart times within the current window (limited restart), as the scheduler clock's nanos; made at the
     * first limited restart, since most supervised actors never fail (a million idle ones save 100 bytes each).
     */
    private ArrayDeque<Long> restartTimes;
    /** Restarts so far, for an unlimited restart strategy. */
    private int unlimitedRestarts;
    /** Consecutive restarts (back-off), reset after a quiet period. */
    private int backoffRestarts;
    /** When the last back-off restart let the actor run again (clock nanos); valid if backoffRestarts > 0. */
    private long runningSinceNanos;

    SupervisorInterceptor(Behavior<T> initial, List<BehaviorImpl.Supervised.Rule> rules) {
        this.initial = initial;
        this.rules = rules;
    }

    @Override
    public Behavior<T> aroundStart(ContextBase<T> ctx, StartTarget<T> target) throws Exception {
        try {
            return target.start();
        } catch (Throwable t) {
            return onFailure(ctx, t, null);
        }
    }

    @Override
    public Behavior<T> aroundReceive(ContextBase<T> ctx, T message, Target<T> target) throws Exception {
        Behavior<T> next;
        try {
            next = target.interpretInner(message);
        } catch (Throwable t) {
            return onFailure(ctx, t, target.inner());
        }
        if (BehaviorInterpreter.isUnhandled(next) && ctx.unhandledMessagePolicy() == UnhandledMessagePolicy.FAIL) {
            return onFailure(ctx, new UnhandledMessageException(message, ctx.self().path()), target.inner());
        }
        return next;
    }

    @Override
    public Behavior<T> aroundSignal(ContextBase<T> ctx, Signal signal, Target<T> target) throws Exception {
        Behavior<T> next;
        try {
            next = target.interpretInnerSignal(signal);
        } catch (Throwable t) {
            return onFailure(ctx, t, target.inner());
        }
        if (BehaviorInterpreter.isUnhandled(next) && signal instanceof ChildFailed failed
                && ctx.currentEscalation() == failed.cause()) {
            return onFailure(ctx, failed.cause(), target.inner());
        }
        return next;
    }

    /** Decides about {@code failure} of {@code failed} (null if the failure happened while starting). */
    private Behavior<T> onFailure(ContextBase<T> ctx, Throwable failure, Behavior<T> failed) throws Exception {
        SupervisorStrategy strategy = strategyFor(failure);
        if (strategy == null || failure instanceof VirtualMachineError) {
            throw Failures.rethrow(failure);
        }
        String actorType = ctx.actorTypeFor(failed != null ? failed : initial);
        long now = ctx.clock().nanoTime();
        publish(ctx, new SupervisionEvent.Failed(ctx.self().path(), actorType, failure, restartCount()));
        return switch (strategy) {
            case SupervisorStrategy.Resume resume when failed != null -> {
                log(ctx, failure, "resumes");
                publish(ctx, new SupervisionEvent.Resumed(ctx.self().path(), actorType, failure, restartCount()));
                yield BehaviorImpl.same();
            }
            case SupervisorStrategy.Resume resume -> stop(ctx, failure, actorType, "cannot resume a failed start, stops");
            case SupervisorStrategy.Stop stop -> stop(ctx, failure, actorType, "stops");
            case SupervisorStrategy.Escalate escalate -> escalate(ctx, failure, actorType, "escalates");
            case SupervisorStrategy.Restart restart -> {
                if (restart.maxRestarts() >= 0) {
                    if (restartTimes == null) {
                        restartTimes = new ArrayDeque<>(Math.min(restart.maxRestarts() + 1, 16));
                    }
                    long windowStart = now - restart.within().toNanos();
                    while (!restartTimes.isEmpty() && restartTimes.peekFirst() - windowStart <= 0) {
                        restartTimes.pollFirst();
                    }
                    if (restartTimes.size() >= restart.maxRestarts()) {
                        yield escalate(ctx, failure, actorType, "exceeded " + restart.maxRestarts()
                                + " restarts within " + restart.within() + ", stops and escalates");
                    }
                    restartTimes.addLast(now);
                } else {
                    unlimitedRestarts++;
                }
                yield restart(ctx, failure, failed, actorType, restart.stopChildren(), Duration.ZERO, 0,
                        restartCount());
            }
            case SupervisorStrategy.Backoff backoff -> {
                // The quiet period counts from when the restarted actor ran again, not from the failure: a long
                // back-off must not by itself reset the back-off.
                if (backoffRestarts > 0 && now - runningSinceNanos >= backoff.resetBackoffAfter().toNanos()) {
                    backoffRestarts = 0;
                }
                if (backoff.maxRestarts() >= 0 && backoffRestarts >= backoff.maxRestarts()) {
                    yield escalate(ctx, failure, actorType, "exceeded " + backoff.maxRestarts()
                            + " restarts with back-off, stops and escalates");
                }
                Duration base = backoff.delayFor(backoffRestarts);
                double stretch = 1.0 + ThreadLocalRandom.current().nextDouble() * backoff.randomFactor();
                Duration delay = Duration.ofNanos((long) Math.min(base.toNanos() * stretch,
                        (double) Long.MAX_VALUE));
                backoffRestarts++;
                runningSinceNanos = now + delay.toNanos();
                yield restart(ctx, failure, failed, actorType, backoff.stopChildren(), delay,
                        backoff.stashCapacity(), backoffRestarts);
            }
        };
    }

    private int restartCount() {
        int limited = restartTimes == null ? 0 : restartTimes.size();
        return Math.max(unlimitedRestarts, Math.max(limited, backoffRestarts));
    }

    private SupervisorStrategy strategyFor(Throwable failure) {
        for (Class<?> c = failure.getClass(); c != null; c = c.getSuperclass()) {
            for (BehaviorImpl.Supervised.Rule rule : rules) {
                if (rule.failure() == c) {
                    return rule.strategy();
                }
            }
        }
        return null;
    }

    private Behavior<T> restart(ContextBase<T> ctx, Throwable failure, Behavior<T> failed, String actorType,
                                boolean stopChildren, Duration delay, int stashCapacity, int count) {
        log(ctx, failure, delay.isZero() ? "restarts (restart " + count + ")"
                : "restarts in " + delay.toMillis() + " ms (restart " + count + ")");
        if (failed != null) {
            try {
                BehaviorInterpreter.interpretSignal(failed, ctx, PreRestart.INSTANCE);
            } catch (Throwable t) {
                LOG.error("PreRestart handling of {} failed", ctx.self().path(), t);
            }
        }
        publish(ctx, new SupervisionEvent.Restarted(ctx.self().path(), actorType, failure, count));
        return new BehaviorImpl.Restarting<>(initial, stopChildren, delay, stashCapacity);
    }

    private Behavior<T> stop(ContextBase<T> ctx, Throwable failure, String actorType, String decision) {
        log(ctx, failure, decision);
        publish(ctx, new SupervisionEvent.StoppedOnFailure(ctx.self().path(), actorType, failure, restartCount()));
        ctx.recordFailure(failure, false);
        return BehaviorImpl.stopped(null);
    }

    private Behavior<T> escalate(ContextBase<T> ctx, Throwable failure, String actorType, String decision) {
        log(ctx, failure, decision);
        publish(ctx, new SupervisionEvent.Escalated(ctx.self().path(), actorType, failure, restartCount()));
        ctx.recordFailure(failure, true);
        return BehaviorImpl.stopped(null);
    }

    private static void publish(ContextBase<?> ctx, SupervisionEvent event) {
        ctx.publishEvent(event);
    }

    private static void log(ContextBase<?> ctx, Throwable failure, String decision) {
        try {
            LOG.error("Supervised actor {} failed and {}: {}", ctx.self().path(), decision,
                    failure.getClass().getName(), failure);
        } catch (RuntimeException loggingFailed) {
            failure.addSuppressed(loggingFailed);
        }
    }

    @Override
    public String toString() {
        return "supervise" + rules;
    }
}
