package dev.troupe.observe.internal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the access token of a request, when the observer has one: as {@code Authorization: Bearer <token>}
 * or as the query parameter {@code token} (what the page's {@code EventSource} and links can carry).
 * Immutable; any thread.
 */
final class AccessGuard {
    private static final String BEARER = "Bearer ";

    /** The token's bytes, or null when every request is let in (a loopback observer without a token). */
    private final byte[] token;

    AccessGuard(String tokenOrNull) {
        this.token = tokenOrNull == null ? null : tokenOrNull.getBytes(StandardCharsets.UTF_8);
    }

    boolean enabled() {
        return token != null;
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @param tokenParameter the request's {@code token} query parameter, or null
     * @throws ApiException (401) if a token is required and neither carries it
     */
    void check(String authorization, String tokenParameter) {
        if (token == null) {
            return;
        }
        String presented = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()).trim()
                : tokenParameter;
        if (presented == null) {
            throw ApiException.unauthorized("This observer needs its access token: send the header "
                    + "'Authorization: Bearer <token>' or add '?token=<token>' to the URL");
        }
        // Constant time, so that response times do not tell how much of a guess was right.
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("Wrong access token");
        }
    }
}
