package dev.troupe.examples.iot;

import dev.troupe.actor.CircuitBreakerOpenException;
import java.util.concurrent.CompletionException;

/**
 * What became of an upload, as {@link CloudGateway} defines it; a refusal by an open circuit breaker is a
 * rejection too.
 */
public enum UploadOutcome {
    OK, FAILED, REJECTED;

    /** The outcome of a stage that completed with {@code failure} (null for success). */
    public static UploadOutcome of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause == null) {
            return OK;
        }
        return cause instanceof UploadRejectedException || cause instanceof CircuitBreakerOpenException
                ? REJECTED : FAILED;
    }
}
