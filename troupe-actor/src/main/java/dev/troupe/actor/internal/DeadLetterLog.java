package dev.troupe.actor.internal;

import dev.troupe.actor.ActorRef;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dead letters at WARN, at most {@code limit} per window; when a window had more, the first line of the
 * next window says how many were not logged. Thread-safe; the lock is held only on the dead-letter path.
 */
final class DeadLetterLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.troupe.actor.DeadLetters");

    private final int limit;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private int loggedInWindow;
    private long suppressed;

    DeadLetterLog(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    void log(Object message, ActorRef<?> recipient) {
        if (limit == 0 || !LOG.isWarnEnabled()) {
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
            LOG.warn("{} dead letters were not logged (limit {} per {} ms, setting deadLetterLogLimit)", notLogged,
                    limit, windowNanos / 1_000_000);
        }
        LOG.warn("Dead letter: message of type {} to {} was not delivered", message.getClass().getName(),
                recipient.path());
    }
}
