package dev.troupe.examples.iot;

/** The simulated cloud failed an upload (it is down, or the request failed). No stack trace: it is expected. */
public final class CloudUnavailableException extends RuntimeException {
    public CloudUnavailableException(String message) {
        super(message, null, false, false);
    }
}
