package dev.troupe.observe;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.instrument.MessageHook;
import dev.troupe.observe.internal.jfr.ActorFailedEvent;
import dev.troupe.observe.internal.jfr.ActorRestartedEvent;
import dev.troupe.observe.internal.jfr.DeadLetterEvent;
import dev.troupe.observe.internal.jfr.EventStreamRecorder;
import dev.troupe.observe.internal.jfr.MailboxOverflowEvent;
import dev.troupe.observe.internal.jfr.SlowMessageEvent;
import dev.troupe.observe.internal.jfr.SlowMessageHook;
import java.util.Objects;

/**
 * JDK Flight Recorder events for an actor system, in the category "Troupe":
 * <ul>
 *   <li>{@value #ACTOR_FAILED} and {@value #ACTOR_RESTARTED}: actor path, actor type, cause class and message,
 *       restart count (from {@link dev.troupe.actor.SupervisionEvent.Failed} and {@code Restarted});</li>
 *   <li>{@value #MAILBOX_OVERFLOW}: actor path, message class, reason (from {@link dev.troupe.actor.Dropped});</li>
 *   <li>{@value #DEAD_LETTER}: actor path (the recipient), message class, sender path where known (from
 *       {@link dev.troupe.actor.DeadLetter});</li>
 *   <li>{@value #SLOW_MESSAGE}: a message whose processing took longer than the event's threshold, 100 ms by
 *       default, with its duration, actor path, actor type, message class and, if the handler threw, the
 *       failure's class.</li>
 * </ul>
 * The first four come from {@link #install}, the last from {@link #slowMessageHook()}. They are recorded
 * whenever a flight recording runs ({@code -XX:StartFlightRecording}, {@code jcmd <pid> JFR.start}, a
 * {@code RecordingStream}): like any event without {@code @Enabled(false)} they are on unless the recording's
 * settings turn them off, and a recording may change the slow message's threshold, for instance
 * {@code recordingStream.enable("troupe.SlowMessage").withThreshold(Duration.ofMillis(20))}. While no
 * recording enables an event, its listener or hook costs one flag read.
 *
 * <p>Threading: both methods may be called from any thread. The events are committed on the thread that
 * publishes the system event (for a dead letter or a drop, the sender's) or, for a slow message, on the actor's
 * thread at the end of the message.
 */
public final class FlightRecorderEvents {
    /** The name of the event of a failed actor. */
    public static final String ACTOR_FAILED = ActorFailedEvent.NAME;
    /** The name of the event of a restarting actor. */
    public static final String ACTOR_RESTARTED = ActorRestartedEvent.NAME;
    /** The name of the event of a message that a full bounded mailbox dropped or refused. */
    public static final String MAILBOX_OVERFLOW = MailboxOverflowEvent.NAME;
    /** The name of the event of an undelivered message. */
    public static final String DEAD_LETTER = DeadLetterEvent.NAME;
    /** The name of the event of a message processed more slowly than the event's threshold. */
    public static final String SLOW_MESSAGE = SlowMessageEvent.NAME;

    private static final MessageHook SLOW_MESSAGE_HOOK = new SlowMessageHook();

    private FlightRecorderEvents() {}

    /**
     * Records the failures, restarts, dead letters and drops of {@code system} as flight-recorder events, from
     * now on, with listeners on its event stream. Each call adds its own listeners: install once per system.
     *
     * @return the listeners' handle: cancel it to stop recording the system's events
     */
    public static Cancellable install(ActorSystem<?> system) {
        Objects.requireNonNull(system, "system");
        return EventStreamRecorder.install(system.eventStream());
    }

    /**
     * The hook that records slow messages, for {@link dev.troupe.actor.instrument.Instrumentation#messageHook()}
     * (with others through {@link MessageHooks#compose}). While a recording enables {@value #SLOW_MESSAGE} it
     * times every user message; a message processed by a batch handler after the first of its batch is not
     * timed. Stateless: one instance serves every system.
     */
    public static MessageHook slowMessageHook() {
        return SLOW_MESSAGE_HOOK;
    }
}
