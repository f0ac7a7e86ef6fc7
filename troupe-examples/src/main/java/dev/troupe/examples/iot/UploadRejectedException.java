package dev.troupe.examples.iot;

/**
 * An upload refused before it reached the cloud, e.g. by a circuit breaker that is open; see
 * {@link CloudGateway}.
 */
public final class UploadRejectedException extends RuntimeException {
    public UploadRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
