package dev.troupe.persistence.internal;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.TimerScheduler;
import dev.troupe.persistence.EventEnvelope;
import dev.troupe.persistence.internal.ProjectionSettings.AtLeastOnce;
import dev.troupe.persistence.internal.ProjectionSettings.ExactlyOnce;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation overview
 *
 * One operation is in flight at a time, its answer coming back through pipeToSelf; the cycle is
 *   load the offset -> read a page after it -> process the page -> save the page's last offset -> read again
 * (at once after a full page, after the poll interval otherwise). At least once, processing is one handler
 * call per event, each after the previous one's stage completed, and the save comes after; exactly once, the
 * page's handler calls and the save are one task on the store's writer (in one transaction).
 * Any failure drops the page and, after the back-off, starts the cycle again by loading the stored offset:
 * whatever was processed but not saved is delivered again (at least once), and exactly once nothing of the
 * failed page was kept. Timers are single, under one key, so a restart and a poll never overlap.
 *
 * The actor accepts no outside messages: the behavior is a Behavior<Message> handed out as a Behavior<Void>
 * (generics are erased; a Void ref can only be told null, which tell refuses), as EventSourcedActor does.
 */
/** The actor that runs a projection. Used only on the actor's thread. */
public final class ProjectionActor {
    private static final Logger log = LoggerFactory.getLogger(ProjectionActor.class);
    private static final Object TIMER = "projection-timer";

    sealed interface Message {}

    private record OffsetLoaded(Long offset, Throwable failure) implements Message {}

    private record Fetched(List<EventEnvelope> page, Throwable failure) implements Message {}

    private record Handled(Throwable failure) implements Message {}

    private record Saved(Throwable failure) implements Message {}

    private enum Timer implements Message { POLL, RESTART }

    private final ProjectionSettings settings;
    private final ActorContext<Message> context;
    private final TimerScheduler<Message> timers;
    private long offset;
    private List<EventEnvelope> page = List.of();
    private int handled;
    private int failures;

    private ProjectionActor(ProjectionSettings settings, ActorContext<Message> context,
                            TimerScheduler<Message> timers) {
        this.settings = settings;
        this.context = context;
        this.timers = timers;
    }

    @SuppressWarnings("unchecked")
    public static Behavior<Void> behavior(ProjectionSettings settings) {
        Behavior<Message> behavior = Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ProjectionActor actor = new ProjectionActor(settings, context, timers);
            actor.loadOffset();
            return Behaviors.receiveMessage(actor::onMessage);
        }));
        return (Behavior<Void>) (Behavior<?>) behavior;
    }

    private Behavior<Message> onMessage(Message message) {
        switch (message) {
            case OffsetLoaded(Long loaded, Throwable failure) -> {
                if (failure != null) {
                    fail("loading its offset", failure);
                } else {
                    offset = loaded;
                    fetch();
                }
            }
            case Fetched(List<EventEnvelope> fetched, Throwable failure) -> {
                if (failure != null) {
                    fail("reading events", failure);
                } else if (fetched.isEmpty()) {
                    timers.startSingleTimer(TIMER, Timer.POLL, settings.pollInterval());
                } else {
                    page = fetched;
                    handled = 0;
                    process();
                }
            }
            case Handled(Throwable failure) -> {
                if (failure != null) {
                    fail("handling the event at offset " + page.get(handled).offset(), failure);
                } else {
                    handled++;
                    process();
                }
            }
            case Saved(Throwable failure) -> {
                if (failure != null) {
                    fail("processing and saving up to offset " + page.getLast().offset(), failure);
                } else {
                    offset = page.getLast().offset();
                    failures = 0;
                    boolean full = page.size() >= settings.batchSize();
                    page = List.of();
                    if (full) {
                        fetch();
                    } else {
                        timers.startSingleTimer(TIMER, Timer.POLL, settings.pollInterval());
                    }
                }
            }
            case Timer timer -> {
                switch (timer) {
                    case POLL -> fetch();
                    case RESTART -> loadOffset();
                }
            }
        }
        return Behaviors.same();
    }

    private void loadOffset() {
        pipe(() -> settings.offsets().load(settings.projectionId()), OffsetLoaded::new);
    }

    private void fetch() {
        pipe(() -> settings.journal().eventsByTag(settings.tag(), offset, settings.batchSize()), Fetched::new);
    }

    private void process() {
        long last = page.getLast().offset();
        switch (settings.processing()) {
            case AtLeastOnce(var handler) -> {
                if (handled < page.size()) {
                    EventEnvelope envelope = page.get(handled);
                    pipe(() -> handler.handle(envelope), (done, failure) -> new Handled(failure));
                } else {
                    pipe(() -> settings.offsets().save(settings.projectionId(), last),
                            (done, failure) -> new Saved(failure));
                }
            }
            case ExactlyOnce(var offsets, var handler) -> {
                List<EventEnvelope> events = page;
                pipe(() -> offsets.saveAfter(settings.projectionId(), last, connection -> {
                    for (EventEnvelope envelope : events) {
                        handler.handle(connection, envelope);
                    }
                }), (done, failure) -> new Saved(failure));
            }
        }
    }

    @FunctionalInterface
    private interface Start<V> {
        CompletionStage<V> start() throws Exception;
    }

    /** Starts an operation and sends its answer to self; one that throws at once fails like one whose stage fails. */
    private <V> void pipe(Start<V> operation, BiFunction<V, Throwable, Message> answer) {
        CompletionStage<V> stage;
        try {
            stage = operation.start();
            if (stage == null) {
                throw new NullPointerException("A projection handler returned null instead of a stage");
            }
        } catch (Exception e) {
            stage = CompletableFuture.failedFuture(e);
        }
        context.pipeToSelf(stage, answer);
    }

    private void fail(String what, Throwable failure) {
        failures++;
        page = List.of();
        var delay = settings.backoff(failures);
        log.warn("Projection {} of tag '{}' failed {} (failure {} in a row); it starts again from its stored offset "
                        + "in {} ms", settings.projectionId(), settings.tag(), what, failures, delay.toMillis(),
                failure);
        timers.startSingleTimer(TIMER, Timer.RESTART, delay);
    }
}
