package dev.troupe.observe.internal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides whether a request may be served:
 * <ul>
 *   <li>With an access token: the request carries it, as {@code Authorization: Bearer <token>} or as the query
 *       parameter {@code token} (what the page's {@code EventSource} and links can carry).</li>
 *   <li>Without one (a loopback observer): the request names a loopback host in its {@code Host} header, so that
 *       a web page whose own host name resolves to 127.0.0.1 (DNS rebinding) cannot read the observer.</li>
 *   <li>A request that changes something ({@code POST}) carries the header {@value #ACTION_HEADER}: a page from
 *       another origin cannot send it without a CORS preflight, which the observer never grants, so it cannot
 *       stop actors through the operator's browser.</li>
 * </ul>
 * Immutable; any thread.
 */
final class AccessGuard {
    /** The header the page sends with every POST. */
    static final String ACTION_HEADER = "X-Troupe-Observer";
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
     * @param host the request's Host header, or null
     * @param authorization the request's Authorization header, or null
     * @param tokenParameter the request's {@code token} query parameter, or null
     * @throws ApiException 401 if a token is required and neither carries it; 403 for a foreign host name
     */
    void check(String host, String authorization, String tokenParameter) {
        if (token == null) {
            if (!isLoopbackName(host)) {
                throw ApiException.forbidden("This observer answers only requests addressed to this machine "
                        + "(Host 127.0.0.1, localhost or [::1]), not to '" + host + "'; to reach it from elsewhere, "
                        + "start it with an access token");
            }
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

    /**
     * @param actionHeader the request's {@value #ACTION_HEADER} header, or null
     * @throws ApiException 403 without it
     */
    void checkAction(String actionHeader) {
        if (actionHeader == null) {
            throw ApiException.forbidden("A POST to the observer needs the header '" + ACTION_HEADER + ": 1' "
                    + "(the page sends it; it keeps other web pages from posting through your browser)");
        }
    }

    /** Whether a Host header ({@code name} or {@code name:port}) names this machine's loopback interface. */
    private static boolean isLoopbackName(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equalsIgnoreCase("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
    }
}
