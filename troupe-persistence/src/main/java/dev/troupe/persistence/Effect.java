package dev.troupe.persistence;

import dev.troupe.actor.ActorRef;
import dev.troupe.persistence.internal.EffectImpl;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a command handler of an {@link EventSourcedBehavior} decides: events to persist (or none), and what to
 * do once they are persisted. A value, immutable and safe to share; the {@code then…} methods return new
 * effects.
 *
 * <pre>{@code
 * case Deposit(long amount, var replyTo) -> Effect.persist(new Deposited(amount))
 *         .thenReply(replyTo, account -> account.balance());
 * }</pre>
 *
 * <p><b>Order of events.</b> For a persist effect the events are stored atomically (all or none) under the next
 * sequence numbers; only then is the state advanced through the event handler and do the {@code then…}
 * actions run, in the order they were added, on the actor's thread with the new state. Commands that arrive
 * meanwhile wait (see {@link EventSourcedBehavior}). For an effect without events, the actions run at once with
 * the current state.
 *
 * <p><b>Rejection.</b> If the journal rejects the events ({@link EventRejectedException}), nothing was stored,
 * the state is unchanged, the {@code then…} actions do not run, and the {@link #onRejected} actions run instead;
 * the actor keeps going.
 *
 * <p><b>Typing.</b> The {@code then…} methods may narrow the state type, so that a chain ending in a handler's
 * return value infers the state type from it: {@code Effect.persist(e).thenReply(ref, s -> s.total())} gives
 * {@code s} the behavior's state type. In the middle of a longer chain, give the lambda parameter's type. The
 * event type of {@code persist(e)} is that of {@code e}, so a command handler written as a method declares its
 * result as {@code Effect<? extends Event, State>}, as {@link EventSourcedBehavior.CommandHandler} does.
 *
 * @param <E> the type of event
 * @param <S> the type of state the actions accept
 */
public sealed interface Effect<E, S> permits EffectImpl {

    /** Persist one event. */
    static <E, S> Effect<E, S> persist(E event) {
        return EffectImpl.persisting(List.of(Objects.requireNonNull(event, "event")));
    }

    /** Persist several events atomically, in this order. @throws IllegalArgumentException if none is given */
    @SafeVarargs
    static <E, S> Effect<E, S> persist(E... events) {
        return persist(List.of(events));
    }

    /** Persist several events atomically, in list order. @throws IllegalArgumentException if the list is empty */
    static <E, S> Effect<E, S> persist(List<? extends E> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("Persist needs at least one event; use Effect.none() for none");
        }
        return EffectImpl.persisting(List.copyOf(events));
    }

    /** Persist nothing; the {@code then…} actions run at once. */
    static <E, S> Effect<E, S> none() {
        return EffectImpl.nothing(false, false);
    }

    /**
     * The command was not for this state: like {@code Behaviors.unhandled()}, which under the default
     * {@code UnhandledMessagePolicy} fails the actor.
     */
    static <E, S> Effect<E, S> unhandled() {
        return EffectImpl.nothing(true, false);
    }

    /** Persist nothing and stop the actor (after the {@code then…} actions). */
    static <E, S> Effect<E, S> stop() {
        return EffectImpl.nothing(false, true);
    }

    /** Persist nothing and send {@code message} to {@code replyTo}. */
    static <E, S, R> Effect<E, S> reply(ActorRef<R> replyTo, R message) {
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(message, "message");
        return EffectImpl.<E, S>nothing(false, false).thenRun(state -> replyTo.tell(message));
    }

    /** Then runs {@code action} with the new state, on the actor's thread; if it throws, the actor fails. */
    <S2 extends S> Effect<E, S2> thenRun(Consumer<? super S2> action);

    /** Then sends {@code reply.apply(newState)} to {@code replyTo}. */
    <S2 extends S, R> Effect<E, S2> thenReply(ActorRef<R> replyTo, Function<? super S2, ? extends R> reply);

    /** Then stops the actor; commands that were waiting go to dead letters. */
    <S2 extends S> Effect<E, S2> thenStop();

    /**
     * If the journal rejects these events, runs {@code action} with the rejection (on the actor's thread), for
     * example to tell the sender. Without any such action a rejection is logged at WARN.
     */
    <S2 extends S> Effect<E, S2> onRejected(Consumer<? super EventRejectedException> action);
}
