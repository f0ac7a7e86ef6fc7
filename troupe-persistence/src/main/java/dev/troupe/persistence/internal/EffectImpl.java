package dev.troupe.persistence.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.persistence.Effect;
import dev.troupe.persistence.EventRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one implementation of {@link Effect}.
 *
 * @param events to persist, none for an effect that only acts
 * @param unhandled whether the command was unhandled
 * @param actions to run with the new state, in order
 * @param stop whether the actor stops after the actions
 * @param rejectionActions to run instead of {@code actions} if the journal rejects the events
 */
public record EffectImpl<E, S>(List<? extends E> events, boolean unhandled, List<Consumer<? super S>> actions,
                               boolean stop, List<Consumer<? super EventRejectedException>> rejectionActions)
        implements Effect<E, S> {

    public static <E, S> EffectImpl<E, S> persisting(List<? extends E> events) {
        return new EffectImpl<>(events, false, List.of(), false, List.of());
    }

    public static <E, S> EffectImpl<E, S> nothing(boolean unhandled, boolean stop) {
        return new EffectImpl<>(List.of(), unhandled, List.of(), stop, List.of());
    }

    @Override
    public <S2 extends S> Effect<E, S2> thenRun(Consumer<? super S2> action) {
        List<Consumer<? super S2>> next = new ArrayList<>(actions);
        next.add(Objects.requireNonNull(action, "action"));
        return new EffectImpl<E, S2>(events, unhandled, List.copyOf(next), stop, rejectionActions);
    }

    @Override
    public <S2 extends S, R> Effect<E, S2> thenReply(ActorRef<R> replyTo, Function<? super S2, ? extends R> reply) {
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(reply, "reply");
        return thenRun((S2 state) -> replyTo.tell(reply.apply(state)));
    }

    @Override
    public <S2 extends S> Effect<E, S2> thenStop() {
        return new EffectImpl<E, S2>(events, unhandled, narrowedActions(), true, rejectionActions);
    }

    @Override
    public <S2 extends S> Effect<E, S2> onRejected(Consumer<? super EventRejectedException> action) {
        List<Consumer<? super EventRejectedException>> next = new ArrayList<>(rejectionActions);
        next.add(Objects.requireNonNull(action, "action"));
        return new EffectImpl<E, S2>(events, unhandled, narrowedActions(), stop, List.copyOf(next));
    }

    /** The actions, typed for a narrower state: an action that takes any S also takes an S2. */
    private <S2 extends S> List<Consumer<? super S2>> narrowedActions() {
        List<Consumer<? super S2>> narrowed = new ArrayList<>(actions);
        return List.copyOf(narrowed);
    }
}
