package dev.troupe.examples.iot;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Scatter-gather as a short-lived actor: it sends one request to each target, collects the replies until all
 * have answered or the time-out passes, hands what it has to {@code finish}, sends the result to
 * {@code replyTo} and stops. A target that answers late finds it gone: its reply becomes a dead letter.
 *
 * @param <R> the type of a reply
 */
final class Gather<R> {

    sealed interface Message<R> permits Replied, Expired {}

    record Replied<R>(R reply) implements Message<R> {}

    record Expired<R>() implements Message<R> {}

    private Gather() {}

    /**
     * @param request the request for one target, given the ref to reply to
     * @param finish the result, from the replies that arrived in time (in arrival order)
     */
    static <Q, R, O> Behavior<Message<R>> create(List<ActorRef<Q>> targets, Function<ActorRef<R>, Q> request,
                                                  Duration timeout, Function<List<R>, O> finish,
                                                  ActorRef<? super O> replyTo) {
        return Behaviors.setup(ctx -> {
            if (targets.isEmpty()) {
                replyTo.tell(finish.apply(List.of()));
                return Behaviors.stopped();
            }
            ActorRef<R> replies = ctx.messageAdapter(Replied::new);
            for (ActorRef<Q> target : targets) {
                target.tell(request.apply(replies));
            }
            List<R> received = new ArrayList<>(targets.size());
            // A timer, not scheduleOnce: stopping cancels it, so an early finish leaves no dead letter behind.
            // tag::gather[]
            return Behaviors.withTimers(timers -> {
                timers.startSingleTimer(new Expired<>(), timeout);
                return Behaviors.receiveMessage(message -> switch (message) {
                    case Replied<R>(R reply) -> {
                        received.add(reply);
                        yield received.size() < targets.size() ? Behaviors.same() : finish(received, finish, replyTo);
                    }
                    case Expired<R>() -> finish(received, finish, replyTo);
                });
            });
            // end::gather[]
        });
    }

    private static <R, O> Behavior<Message<R>> finish(List<R> received, Function<List<R>, O> finish,
                                                       ActorRef<? super O> replyTo) {
        replyTo.tell(finish.apply(received));
        return Behaviors.stopped();
    }
}
