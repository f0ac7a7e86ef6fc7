package dev.troupe.testkit.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender on the root logger that hands the events matching a filter to a sink, for as long as
 * it is installed. Events arrive on whatever thread logs, so the sink must be thread-safe.
 */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {
    private final Predicate<ILoggingEvent> filter;
    private final Consumer<ILoggingEvent> sink;
    private final Logger root;

    private CapturingAppender(Predicate<ILoggingEvent> filter, Consumer<ILoggingEvent> sink, Logger root) {
        this.filter = filter;
        this.sink = sink;
        this.root = root;
    }

    /**
     * Installs an appender handing the events that pass {@code filter} to {@code sink}.
     *
     * @throws IllegalStateException if SLF4J is not bound to Logback
     */
    public static CapturingAppender install(String name, Predicate<ILoggingEvent> filter,
                                            Consumer<ILoggingEvent> sink) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("Log capture needs Logback as the SLF4J binding, found "
                    + factory.getClass().getName());
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        CapturingAppender appender = new CapturingAppender(filter, sink, root);
        appender.setName(name);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        return appender;
    }

    /** True if {@code level} is enabled for {@code loggerName} (the root logger if null). */
    public static boolean isEnabled(String loggerName, Level level) {
        org.slf4j.Logger logger = LoggerFactory.getLogger(loggerName == null
                ? org.slf4j.Logger.ROOT_LOGGER_NAME : loggerName);
        return !(logger instanceof Logger logback) || logback.isEnabledFor(level);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (filter.test(event)) {
            event.prepareForDeferredProcessing();
            sink.accept(event);
        }
    }

    /** Detaches and stops the appender. */
    public void uninstall() {
        root.detachAppender(this);
        stop();
    }
}
