package dev.troupe.actor.internal;

import dev.troupe.actor.ActorRef;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs undelivered messages (dead letters, drops) at WARN, at most {@code limit} per window; when a window had
 * more, the first line of the next window says how many were not logged. Thread-safe; the lock is held only
 * on this slow path.
 */
final class DeadLetterLog {
    private final Logger log;
    private final String what;

    private final int limit;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private int loggedInWindow;
    private long suppressed;

    DeadLetterLog(String loggerName, String what, int limit, Duration window) {
        this.log = LoggerFactory.getLogger(loggerName);
        this.what = what;
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    void log(Object message, ActorRef<?> recipient, String detail) {
        if (limit == 0 || !log.isWarnEnabled()) {
            return;
        }
        long notLogged;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                loggedInWindow = 0;
            }
            if (loggedInWindow >= limit) {
                suppressed++;
                return;
            }
            loggedInWindow++;
            notLogged = suppressed;
            suppressed = 0;
        }
        if (notLogged > 0) {
            log.warn("{} more were not logged: {} (limit {} per {} ms, setting deadLetterLogLimit)", notLogged,
                    what, limit, windowNanos / 1_000_000);
        }
        log.warn("{}: message of type {} to {} ({})", what, message.getClass().getName(), recipient.path(), detail);
    }
}
