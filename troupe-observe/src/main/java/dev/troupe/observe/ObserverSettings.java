package dev.troupe.observe;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the {@link TroupeObserver} listens and who may use it. Immutable; build with {@link #builder()}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code host}</td><td>{@code 127.0.0.1}</td><td>the address the server binds to</td></tr>
 *   <tr><td>{@code port}</td><td>0</td><td>the TCP port; 0 takes any free one ({@link TroupeObserver#url()}
 *       tells which)</td></tr>
 *   <tr><td>{@code accessToken}</td><td>none</td><td>a secret every request must carry, as the header
 *       {@code Authorization: Bearer <token>} or the query parameter {@code token}. Required when the host is not
 *       a loopback address: the observer shows every actor and can stop any of them.</td></tr>
 * </table>
 */
public final class ObserverSettings {
    private static final ObserverSettings DEFAULTS = builder().build();

    private final String host;
    private final int port;
    private final String accessToken;

    private ObserverSettings(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.accessToken = builder.accessToken;
    }

    /** Loopback only, any free port, no token. */
    public static ObserverSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address to bind to: a host name or an IP literal. */
    public String host() {
        return host;
    }

    /** The port to bind to, or 0 for any free one. */
    public int port() {
        return port;
    }

    /** The secret requests must carry, if any. */
    public Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    @Override
    public String toString() {
        return "ObserverSettings[host=" + host + ", port=" + port + ", accessToken="
                + (accessToken == null ? "none" : "set") + "]";
    }

    /** Builds {@link ObserverSettings}; not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String accessToken;

        private Builder() {}

        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank; use 127.0.0.1 for loopback only");
            }
            this.host = host;
            return this;
        }

        /** @throws IllegalArgumentException unless 0 (any free port) to 65535 */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The secret requests must carry.
         *
         * @throws IllegalArgumentException if shorter than 16 characters or holding anything but the URL-safe
         *     characters {@code A-Z a-z 0-9 - _ . ~} (it travels in a query parameter)
         */
        public Builder accessToken(String accessToken) {
            Objects.requireNonNull(accessToken, "accessToken");
            if (accessToken.length() < 16 || !accessToken.matches("[A-Za-z0-9._~-]+")) {
                throw new IllegalArgumentException("accessToken must be at least 16 URL-safe characters "
                        + "(A-Z a-z 0-9 - _ . ~), for example 32 random base64url characters");
            }
            this.accessToken = accessToken;
            return this;
        }

        public ObserverSettings build() {
            return new ObserverSettings(this);
        }
    }
}
