package dev.troupe.testkit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.troupe.actor.ActorRef;
import dev.troupe.testkit.internal.CapturingAppender;
import dev.troupe.testkit.internal.ClaimedEvents;
import dev.troupe.testkit.internal.Matches;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * Expects log lines: while a block of test code runs, counts the log events of one level that match every
 * given condition, and asserts that exactly the expected number occurred.
 *
 * <pre>{@code
 * LogCapture.error()
 *         .withMessageContaining("failed and stops")
 *         .withActor(worker)
 *         .expect(() -> worker.tell(new Crash()));
 * }</pre>
 *
 * <p>Events are captured by a Logback appender on the root logger, installed only while
 * {@link #expect(Runnable)} runs; they are logged as usual too. Matched events count as expected for the
 * strict mode of {@link TestKitExtension}. Values are immutable; each {@code with} method returns a copy.
 *
 * <p><b>Threading.</b> {@code expect} blocks the calling thread; the code runs on it, the events may come
 * from any thread.
 *
 * <p><b>Bad input.</b> {@code expect} throws {@link IllegalStateException} if SLF4J is not bound to Logback
 * or the level is disabled for the logger (nothing could ever be captured).
 */
public final class LogCapture {
    private static final String ACTOR_MDC_KEY = "troupe.actor";

    private final Level level;
    private final String messageContaining;
    private final String loggerName;
    private final ActorRef<?> actor;
    private final Class<? extends Throwable> throwable;
    private final int occurrences;
    private final TestKitSettings settings;

    private LogCapture(Level level, String messageContaining, String loggerName, ActorRef<?> actor,
                       Class<? extends Throwable> throwable, int occurrences, TestKitSettings settings) {
        this.level = level;
        this.messageContaining = messageContaining;
        this.loggerName = loggerName;
        this.actor = actor;
        this.throwable = throwable;
        this.occurrences = occurrences;
        this.settings = settings;
    }

    /** One ERROR event. */
    public static LogCapture error() {
        return of(Level.ERROR);
    }

    /** One WARN event. */
    public static LogCapture warn() {
        return of(Level.WARN);
    }

    /** One INFO event. */
    public static LogCapture info() {
        return of(Level.INFO);
    }

    /** One event of {@code level}. */
    public static LogCapture of(Level level) {
        return new LogCapture(Objects.requireNonNull(level, "level"), null, null, null, null, 1,
                TestKitSettings.defaults());
    }

    /** Only events whose formatted message contains {@code text}. */
    public LogCapture withMessageContaining(String text) {
        return new LogCapture(level, Objects.requireNonNull(text, "text"), loggerName, actor, throwable,
                occurrences, settings);
    }

    /** Only events of the logger {@code name} or its descendants ({@code name.*}). */
    public LogCapture withLoggerName(String name) {
        return new LogCapture(level, messageContaining, Objects.requireNonNull(name, "name"), actor, throwable,
                occurrences, settings);
    }

    /**
     * Only events about {@code actor}: logged through its {@code ActorContext.log()} (the path is in the MDC)
     * or naming its path in the message (as the runtime's failure and dead-letter lines do).
     */
    public LogCapture withActor(ActorRef<?> actor) {
        return new LogCapture(level, messageContaining, loggerName, Objects.requireNonNull(actor, "actor"),
                throwable, occurrences, settings);
    }

    /** Only events carrying a throwable of class {@code type} (exactly that class). */
    public LogCapture withThrowable(Class<? extends Throwable> type) {
        return new LogCapture(level, messageContaining, loggerName, actor, Objects.requireNonNull(type, "type"),
                occurrences, settings);
    }

    /**
     * Exactly {@code n} matching events, instead of one. With 0, {@code expect} watches for the no-message
     * time ({@link TestKitSettings#expectNoMessage()}) after the code ran.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public LogCapture withOccurrences(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("occurrences must not be negative, was " + n);
        }
        return new LogCapture(level, messageContaining, loggerName, actor, throwable, n, settings);
    }

    /** Waits as {@code settings} say instead of {@link TestKitSettings#defaults()}. */
    public LogCapture withSettings(TestKitSettings settings) {
        return new LogCapture(level, messageContaining, loggerName, actor, throwable, occurrences,
                Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Runs {@code code}, then waits up to {@link TestKitSettings#singleExpect()} for the expected number of
     * matching events, and asserts that exactly that many occurred.
     *
     * @throws AssertionError listing what matched, if the count differs
     */
    public void expect(Runnable code) {
        Objects.requireNonNull(code, "code");
        ch.qos.logback.classic.Level logbackLevel = ch.qos.logback.classic.Level.toLevel(level.toString());
        if (!CapturingAppender.isEnabled(loggerName, logbackLevel)) {
            throw new IllegalStateException("Level " + level + " is disabled for logger "
                    + (loggerName == null ? "ROOT" : loggerName) + " in the logging configuration, so " + this
                    + " could never match");
        }
        Matches<ILoggingEvent> matches = new Matches<>();
        CapturingAppender appender = CapturingAppender.install("troupe-log-capture", this::matches, event -> {
            ClaimedEvents.claim(event);
            matches.add(event);
        });
        List<ILoggingEvent> matched;
        try {
            code.run();
            Duration max = settings.dilated(occurrences == 0 ? settings.expectNoMessage() : settings.singleExpect());
            matched = matches.awaitAtLeast(Math.max(occurrences, 1), max.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + this, e);
        } finally {
            appender.uninstall();
        }
        if (matched.size() != occurrences) {
            throw new AssertionError("Expected " + occurrences + " " + this + " but " + matched.size()
                    + " occurred" + (matched.isEmpty() ? "" : ": " + matched.stream().map(LogCapture::describe)
                    .toList()));
        }
    }

    private boolean matches(ILoggingEvent event) {
        return event.getLevel().toString().equals(level.toString())
                && (messageContaining == null || event.getFormattedMessage().contains(messageContaining))
                && (loggerName == null || event.getLoggerName().equals(loggerName)
                    || event.getLoggerName().startsWith(loggerName + "."))
                && (actor == null || isAbout(event, actor))
                && (throwable == null || throwableMatches(event.getThrowableProxy()));
    }

    private static boolean isAbout(ILoggingEvent event, ActorRef<?> actor) {
        String path = actor.path().toString();
        return path.equals(event.getMDCPropertyMap().get(ACTOR_MDC_KEY)) || event.getFormattedMessage().contains(path);
    }

    private boolean throwableMatches(IThrowableProxy proxy) {
        return proxy != null && proxy.getClassName().equals(throwable.getName());
    }

    private static String describe(ILoggingEvent event) {
        return event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
    }

    /** Describes the expected events, e.g. {@code ERROR log event(s) with message containing [boom]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(level + " log event(s)");
        if (messageContaining != null) {
            sb.append(" with message containing [").append(messageContaining).append(']');
        }
        if (loggerName != null) {
            sb.append(" from logger ").append(loggerName);
        }
        if (actor != null) {
            sb.append(" about ").append(actor.path());
        }
        if (throwable != null) {
            sb.append(" with a ").append(throwable.getName());
        }
        return sb.toString();
    }
}
