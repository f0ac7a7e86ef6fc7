package dev.troupe.actor.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.EventStream;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/*
 * Subscriptions are few and change rarely, publications are frequent: a copy-on-write list gives lock-free
 * publication. A subscriber that has terminated is dropped when a publication finds it, so that dead
 * subscribers neither leak nor turn every event into a dead letter.
 */

/** The system's event stream. Thread-safe. */
public final class EventStreamImpl implements EventStream {
    private record Subscription(Class<?> type, ActorRef<?> subscriber) {}

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public <E> void subscribe(Class<E> type, ActorRef<? super E> subscriber) {
        subscriptions.addIfAbsent(new Subscription(Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(subscriber, "subscriber")));
    }

    @Override
    public <E> void unsubscribe(Class<E> type, ActorRef<? super E> subscriber) {
        subscriptions.remove(new Subscription(Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(subscriber, "subscriber")));
    }

    @Override
    public void unsubscribeAll(ActorRef<?> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriptions.removeIf(s -> s.subscriber().equals(subscriber));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void publish(Object event) {
        Objects.requireNonNull(event, "event");
        for (Subscription s : subscriptions) {
            if (s.subscriber() instanceof InternalRef<?> ref && ref.isTerminated()) {
                subscriptions.remove(s);
            } else if (s.type().isInstance(event)) {
                ((ActorRef<Object>) s.subscriber()).tell(event);
            }
        }
    }
}
