package dev.troupe.actor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures the events of one Logback logger (and its descendants) while open. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousAdditive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // capture the MDC and thread name of the logging thread now
            super.append(event);
        }
    };

    private LogCapture(String loggerName, Level level) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        previousLevel = logger.getLevel();
        previousAdditive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false); // keep the console quiet
        if (level != null) {
            logger.setLevel(level);
        }
    }

    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, null);
    }

    static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    static LogCapture of(Class<?> loggerClass, Level level) {
        return new LogCapture(loggerClass.getName(), level);
    }

    /** A snapshot of the events so far. */
    List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while appending
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
        appender.stop();
    }
}
