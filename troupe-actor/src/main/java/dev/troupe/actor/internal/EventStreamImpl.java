package dev.troupe.actor.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.EventStream;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Subscriptions are few and change rarely, publications are frequent: a copy-on-write list gives lock-free
 * publication. A subscriber that has terminated is dropped when a publication finds it, so that dead
 * subscribers neither leak nor turn every event into a dead letter.
 */

/** The system's event stream. Thread-safe. */
public final class EventStreamImpl implements EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamImpl.class);

    private record Subscription(Class<?> type, ActorRef<?> subscriber) {}

    /** A listener's subscription; identity equality, so that each {@code listen} call is its own. */
    private final class Listener implements Cancellable {
        final Class<?> type;
        final Consumer<Object> consumer;
        volatile boolean failureLogged;

        Listener(Class<?> type, Consumer<Object> consumer) {
            this.type = type;
            this.consumer = consumer;
        }

        @Override
        public boolean cancel() {
            return listeners.remove(this);
        }

        @Override
        public boolean isCancelled() {
            return !listeners.contains(this);
        }
    }

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public <E> Cancellable listen(Class<E> type, Consumer<? super E> listener) {
        Listener added = new Listener(Objects.requireNonNull(type, "type"),
                (Consumer<Object>) Objects.requireNonNull(listener, "listener"));
        listeners.add(added);
        return added;
    }

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
        for (Listener listener : listeners) {
            if (listener.type.isInstance(event)) {
                try {
                    listener.consumer.accept(event);
                } catch (Throwable e) {
                    if (!listener.failureLogged) {
                        listener.failureLogged = true;
                        LOG.error("Event stream listener {} failed on {}; its later failures are not logged",
                                listener.consumer, event.getClass().getName(), e);
                    }
                }
            }
        }
        for (Subscription s : subscriptions) {
            if (s.subscriber() instanceof InternalRef<?> ref && ref.isTerminated()) {
                subscriptions.remove(s);
            } else if (s.type().isInstance(event)) {
                ((ActorRef<Object>) s.subscriber()).tell(event);
            }
        }
    }
}
