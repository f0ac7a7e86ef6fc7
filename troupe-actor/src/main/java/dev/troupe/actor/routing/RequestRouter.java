package dev.troupe.actor.routing;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Request–response routing over a fixed set of routees where the first reply wins: <em>scatter-gather</em>
 * sends each request to every routee at once; <em>tail-chopping</em> sends it to one routee, then to the next
 * after each {@code interval} while no reply has come. Build one with {@link Routers#scatterGather} or
 * {@link Routers#tailChopping}.
 *
 * <pre>{@code
 * CompletionStage<Quote> best = quotes.ask(replyTo -> new GetQuote(item, replyTo));
 * }</pre>
 *
 * <p><b>Replies.</b> The stage completes with the first reply from any routee. Replies arriving later are
 * discarded silently (each routee replies to its own temporary ref; they are not dead letters). If no reply
 * arrives within {@code within} of the call, the stage fails with a {@link TimeoutException}; tail-chopping
 * sends to no further routee once that time is up or a reply has come. By the time the stage completes, the
 * sends still to come and the time-out have been cancelled (they hold nothing in the scheduler).
 *
 * <p><b>Threading.</b> Immutable and safe to call from any thread. The sends after the first (tail-chopping)
 * and the time-out run on the {@link Scheduler} given at creation, so a manual scheduler makes them
 * deterministic. Dependent actions added to the stage without {@code Async} run on the replying actor's
 * thread or the scheduler's; inside an actor, use {@link ActorContext#pipeToSelf}.
 *
 * @param <Req> the routees' request type
 */
public final class RequestRouter<Req> {
    private final List<ActorRef<Req>> routees;
    private final Duration interval; // null for scatter-gather
    private final Duration within;
    private final Scheduler scheduler;
    private final AtomicInteger start = new AtomicInteger();

    RequestRouter(java.util.Collection<? extends ActorRef<Req>> routees, Duration interval, Duration within,
                  Scheduler scheduler) {
        Objects.requireNonNull(routees, "routees");
        List<ActorRef<Req>> copy = new ArrayList<>(new LinkedHashSet<>(routees));
        for (ActorRef<Req> r : copy) {
            Objects.requireNonNull(r, "routee");
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A request router needs at least one routee");
        }
        requirePositive(within, "within");
        if (interval != null) {
            requirePositive(interval, "interval");
        }
        this.routees = List.copyOf(copy);
        this.interval = interval;
        this.within = within;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** The routees, in the order tail-chopping tries them (each request starts one further along). */
    public List<ActorRef<Req>> routees() {
        return routees;
    }

    /**
     * Sends {@code createRequest.apply(replyTo)} to the routees (all at once, or one per interval) and returns
     * the first reply.
     *
     * @throws NullPointerException if {@code createRequest} is null or returns null (for the first routee; for a
     *     later one the stage fails with it)
     */
    public <Res> CompletionStage<Res> ask(Function<ActorRef<Res>, Req> createRequest) {
        Objects.requireNonNull(createRequest, "createRequest");
        CompletableFuture<Res> result = new CompletableFuture<>();
        int n = routees.size();
        int first = Math.floorMod(start.getAndIncrement(), n);
        List<Cancellable> pending = new ArrayList<>();
        long startNanos = scheduler.nanoTime();
        for (int i = 0; i < n; i++) {
            ActorRef<Req> routee = routees.get((first + i) % n);
            Duration delay = interval == null ? Duration.ZERO : interval.multipliedBy(i);
            if (delay.compareTo(within) >= 0) {
                break;
            }
            if (delay.isZero()) {
                send(routee, createRequest, within, result);
            } else {
                Cancellable c = scheduler.scheduleOnce(delay, () -> {
                    if (!result.isDone()) {
                        try {
                            long elapsed = scheduler.nanoTime() - startNanos;
                            Duration left = within.minusNanos(elapsed);
                            if (!left.isNegative() && !left.isZero()) {
                                send(routee, createRequest, left, result);
                            }
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    }
                });
                synchronized (pending) {
                    pending.add(c);
                }
            }
        }
        Cancellable timeout = scheduler.scheduleOnce(within, () -> result.completeExceptionally(new TimeoutException(
                "No reply from any of " + n + " routee(s) within " + within + (interval == null ? " (scatter-gather)"
                        : " (tail-chopping every " + interval + ")"))));
        // The caller's stage completes only after the clean-up, so whoever sees it complete sees the later sends
        // and the time-out cancelled.
        return result.whenComplete((v, e) -> {
            timeout.cancel();
            synchronized (pending) {
                pending.forEach(Cancellable::cancel);
            }
        });
    }

    private <Res> void send(ActorRef<Req> routee, Function<ActorRef<Res>, Req> createRequest, Duration timeout,
                            CompletableFuture<Res> result) {
        AskPattern.ask(routee, createRequest, timeout, scheduler).thenAccept(result::complete);
    }

    @Override
    public String toString() {
        return (interval == null ? "ScatterGather" : "TailChopping[interval=" + interval + "]") + "[routees="
                + routees.size() + ", within=" + within + "]";
    }
}
