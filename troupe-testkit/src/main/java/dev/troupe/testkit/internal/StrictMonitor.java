package dev.troupe.testkit.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records, during one test, the dead letters of a system and/or the ERROR log events, so that those the
 * test did not expect with a capture can be reported after it. Thread-safe.
 */
public final class StrictMonitor {
    private final ActorSystem<?> system;
    private final ClaimedEvents claims = ClaimedEvents.open();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final List<ILoggingEvent> errors = new CopyOnWriteArrayList<>();
    private final ActorRef<DeadLetter> subscriber;
    private final CapturingAppender appender;

    private StrictMonitor(ActorSystem<?> system, boolean watchDeadLetters, boolean watchErrorLogs) {
        this.system = system;
        if (watchDeadLetters) {
            subscriber = new ForwardingRef<>(ForwardingRef.capturePath(system.path()), deadLetters::add);
            system.eventStream().subscribe(DeadLetter.class, subscriber);
        } else {
            subscriber = null;
        }
        appender = watchErrorLogs ? CapturingAppender.install("troupe-strict-mode",
                event -> event.getLevel() == Level.ERROR, errors::add) : null;
    }

    public static StrictMonitor start(ActorSystem<?> system, boolean watchDeadLetters, boolean watchErrorLogs) {
        return new StrictMonitor(system, watchDeadLetters, watchErrorLogs);
    }

    /** Stops recording and describes each dead letter and ERROR event no capture claimed; empty if none. */
    public List<String> stop() {
        if (subscriber != null) {
            system.eventStream().unsubscribe(DeadLetter.class, subscriber);
        }
        if (appender != null) {
            appender.uninstall();
        }
        claims.close();
        List<String> unexpected = new ArrayList<>();
        for (DeadLetter letter : deadLetters) {
            if (!claims.isClaimed(letter)) {
                unexpected.add("dead letter: " + letter.message() + " to " + letter.recipient().path());
            }
        }
        for (ILoggingEvent event : errors) {
            if (!claims.isClaimed(event)) {
                unexpected.add("ERROR log: " + event.getLoggerName() + " - " + event.getFormattedMessage());
            }
        }
        return unexpected;
    }
}
