package dev.troupe.observe.internal.web;

/**
 * A request the observer refuses, with the HTTP status and the JSON body the client gets:
 * {@code {"error": code, "message": message}}. Thrown by handlers on any server thread; turned into the response
 * by {@link ObserverServer}.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    private ApiException(int status, String code, String message) {
        super(message, null, false, false); // an answer to a client, not a bug: no stack trace to fill in
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    static ApiException notAcceptable(String message) {
        return new ApiException(406, "not_acceptable", message);
    }

    int status() {
        return status;
    }

    /** The response body. */
    ErrorBody body() {
        return new ErrorBody(code, getMessage());
    }

    /** What a refused request gets back. */
    record ErrorBody(String error, String message) {}
}
