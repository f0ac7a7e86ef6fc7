package dev.troupe.actor.internal;

import dev.troupe.actor.Cancellable;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The listeners of one circuit breaker. Registration and removal are safe from any thread; {@link #emit}
 * calls each listener on the calling thread, in registration order. A listener that throws stays registered:
 * its first failure is logged (so that a broken listener cannot flood the log), later ones are not.
 *
 * @param <E> the event type
 */
public final class BreakerListeners<E> {
    private final CopyOnWriteArrayList<Entry<E>> entries = new CopyOnWriteArrayList<>();
    private final Logger log;

    public BreakerListeners(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    public Cancellable add(Consumer<? super E> listener) {
        Entry<E> entry = new Entry<>(Objects.requireNonNull(listener, "listener"), this);
        entries.add(entry);
        return entry;
    }

    public void emit(E event) {
        for (Entry<E> entry : entries) {
            try {
                entry.listener.accept(event);
            } catch (Throwable t) {
                if (entry.failedBefore.compareAndSet(false, true)) {
                    log.warn("Circuit breaker listener {} threw on {}; it stays registered, its further failures "
                            + "are not logged", entry.listener, event, t);
                }
            }
        }
    }

    private static final class Entry<E> implements Cancellable {
        final Consumer<? super E> listener;
        final BreakerListeners<E> owner;
        final AtomicBoolean failedBefore = new AtomicBoolean();
        volatile boolean cancelled;

        Entry(Consumer<? super E> listener, BreakerListeners<E> owner) {
            this.listener = listener;
            this.owner = owner;
        }

        @Override
        public boolean cancel() {
            boolean removed = owner.entries.remove(this);
            if (removed) {
                cancelled = true;
            }
            return removed;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
