package dev.troupe.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Test helper: a plain SLF4J logger of its own, whose lines Logback keeps in a list with the MDC of the
 * thread that wrote them. Close it to detach the list.
 */
final class CapturedLog implements AutoCloseable {
    private static int loggers;

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // Logback reads the MDC lazily: take the writing thread's now
            super.append(event);
        }
    };

    private CapturedLog(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    static synchronized CapturedLog create() {
        return new CapturedLog((Logger) LoggerFactory.getLogger(CapturedLog.class.getName() + "." + ++loggers));
    }

    /** The logger, to write lines with from inside actors. */
    org.slf4j.Logger logger() {
        return logger;
    }

    /** The MDC of each line written so far, in order. Read after the lines were written (happens-before). */
    List<Map<String, String>> mdcOfLines() {
        synchronized (appender) { // the appender appends holding its own lock
            return appender.list.stream().map(ILoggingEvent::getMDCPropertyMap).toList();
        }
    }

    /** The text of each line written so far, in order. */
    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
