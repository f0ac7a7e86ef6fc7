package dev.troupe.actor.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Each turn runs on a new virtual thread (a thread-per-task executor): starting one costs about as much as
 * queueing a task, and a handler that blocks parks only its virtual thread, so blocked actors do not hold the
 * carrier threads (the JDK's shared scheduler) that the others need. Turns of one actor are still one at a
 * time, and the executor's start of a thread is the happens-before hand-off between them. The executor tracks
 * its threads, so awaitTermination() returns once every turn has ended.
 */

/** Runs each actor turn on a virtual thread. Thread-safe. */
final class VirtualThreadDispatcher extends ExecutorDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    VirtualThreadDispatcher(String threadNamePrefix, int throughput, Duration throughputDeadline) {
        super(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadNamePrefix + "-", 1)
                .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught error on dispatcher thread {}",
                        t.getName(), e))
                .factory()), throughput, throughputDeadline);
    }
}
