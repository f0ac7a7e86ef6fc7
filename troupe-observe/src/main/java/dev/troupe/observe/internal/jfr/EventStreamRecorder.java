package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.Cancellable;
import dev.troupe.actor.DeadLetter;
import dev.troupe.actor.Dropped;
import dev.troupe.actor.EventStream;
import dev.troupe.actor.SupervisionEvent;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.Event;
import jdk.jfr.EventType;

/**
 * Turns a system's supervision, dead-letter and drop events into flight-recorder events, with listeners on
 * its event stream. A listener runs on the publishing thread; while no recording enables its event it costs
 * one flag read and allocates nothing.
 */
public final class EventStreamRecorder implements Cancellable {
    private final List<Cancellable> listeners;

    private EventStreamRecorder(List<Cancellable> listeners) {
        this.listeners = listeners;
    }

    /** Adds the listeners to {@code stream}; cancel the result to remove them. */
    public static EventStreamRecorder install(EventStream stream) {
        return new EventStreamRecorder(List.of(
                listen(stream, SupervisionEvent.Failed.class, ActorFailedEvent.class,
                        failed -> new ActorFailedEvent().commitFrom(failed)),
                listen(stream, SupervisionEvent.Restarted.class, ActorRestartedEvent.class,
                        restarted -> new ActorRestartedEvent().commitFrom(restarted)),
                listen(stream, Dropped.class, MailboxOverflowEvent.class,
                        dropped -> new MailboxOverflowEvent().commitFrom(dropped)),
                listen(stream, DeadLetter.class, DeadLetterEvent.class,
                        letter -> new DeadLetterEvent().commitFrom(letter))));
    }

    private static <E> Cancellable listen(EventStream stream, Class<E> published,
                                          Class<? extends Event> recorded, Consumer<E> commit) {
        EventType type = EventType.getEventType(recorded);
        return stream.listen(published, event -> {
            if (type.isEnabled()) {
                commit.accept(event);
            }
        });
    }

    /** Removes the listeners; true if this call removed them, false if they were removed already. */
    @Override
    public boolean cancel() {
        boolean cancelled = false;
        for (Cancellable listener : listeners) {
            cancelled |= listener.cancel();
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        return listeners.stream().allMatch(Cancellable::isCancelled);
    }
}
