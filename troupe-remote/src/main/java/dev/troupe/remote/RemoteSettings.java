package dev.troupe.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a {@link RemoteNode} listens, secures its connections, bounds what it buffers and decides that another
 * node has failed. Immutable and safe to share; every {@code with} method returns a new instance.
 *
 * <p>Start from {@link #defaults()}: listen on {@code 127.0.0.1:25520}, TLS in {@linkplain Tls.Development
 * development mode} with the key in {@code ~/.troupe/dev-tls}, frames up to 1 MiB, 10,000 messages buffered per
 * lane for a node that is not connected, at most 1,000 inbound connections. Plaintext is never chosen for you: only {@link Tls.Plaintext} turns
 * TLS off.
 *
 * <p><b>Bad input.</b> Every {@code with} method checks its arguments and throws {@link IllegalArgumentException}
 * (or {@link NullPointerException} for null) naming the setting and the allowed range.
 */
public final class RemoteSettings {

    /** How connections between nodes are secured. */
    public sealed interface Tls {

        /**
         * No TLS: anyone who can reach the port can send to published actors, and traffic can be read. Only for
         * networks you trust completely; it has to be chosen explicitly.
         */
        record Plaintext() implements Tls {}

        /**
         * Mutual TLS with one shared development key: the first node to start with an empty {@code directory}
         * generates an EC P-256 key pair and a self-signed certificate there ({@code troupe-dev-cluster.p12},
         * readable only by its owner); every node started with the same directory loads it, presents it and
         * trusts exactly that certificate. So the nodes of one development cluster authenticate each other by
         * sharing the directory, and a node with any other key cannot connect in either direction. Not for
         * production: whoever can read the file can join; host names are not checked.
         */
        record Development(Path directory) implements Tls {
            public Development {
                Objects.requireNonNull(directory, "directory");
            }
        }

        /**
         * Mutual TLS for production: this node presents the key and certificate chain in {@code keyStore} and
         * accepts peers (as server and as client) whose certificate chains to one in {@code trustStore}. Both
         * are PKCS#12 files. With {@code verifyHostname}, a node also checks that the certificate of the node it
         * connects to names the host it dialled (a DNS or IP subject alternative name, by the HTTPS rules), and
         * that the certificate of a node connecting to it names the host of the address that node claims in its
         * handshake (an IP address or an exact DNS name; no wildcards), refusing the handshake otherwise. So a node
         * with a trusted certificate for its own host cannot pose as another node, say to quarantine that one by
         * handshaking with a new incarnation in its name. Without it, any trusted certificate may claim any address.
         */
        record Mutual(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                      boolean verifyHostname) implements Tls {
            public Mutual {
                Objects.requireNonNull(keyStore, "keyStore");
                Objects.requireNonNull(keyStorePassword, "keyStorePassword");
                Objects.requireNonNull(trustStore, "trustStore");
                Objects.requireNonNull(trustStorePassword, "trustStorePassword");
                keyStorePassword = keyStorePassword.clone();
                trustStorePassword = trustStorePassword.clone();
            }

            @Override
            public char[] keyStorePassword() {
                return keyStorePassword.clone();
            }

            @Override
            public char[] trustStorePassword() {
                return trustStorePassword.clone();
            }

            @Override
            public String toString() {
                return "Mutual[keyStore=" + keyStore + ", trustStore=" + trustStore + ", verifyHostname="
                        + verifyHostname + "]";
            }
        }
    }

    /**
     * When another node counts as failed: phi-accrual over the heartbeat acknowledgements (see Hayashibara et
     * al.), then {@code downAfter} more of being unreachable before the node is quarantined.
     *
     * @param heartbeatInterval how often a heartbeat is sent on the control lane
     * @param threshold phi above which the node is unreachable
     * @param maxSampleSize how many heartbeat intervals the detector remembers
     * @param minStdDeviation the least standard deviation assumed for the intervals
     * @param acceptableHeartbeatPause how much longer than usual a heartbeat may be late without raising phi
     * @param firstHeartbeatEstimate the interval assumed before any heartbeat has been seen
     * @param downAfter how long a node stays unreachable before it is quarantined and its watchers get
     *     {@code Terminated}
     */
    public record FailureDetection(Duration heartbeatInterval, double threshold, int maxSampleSize,
                                   Duration minStdDeviation, Duration acceptableHeartbeatPause,
                                   Duration firstHeartbeatEstimate, Duration downAfter) {
        public FailureDetection {
            positive(heartbeatInterval, "heartbeatInterval");
            if (!(threshold > 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("threshold must be a positive number, was " + threshold);
            }
            if (maxSampleSize < 1) {
                throw new IllegalArgumentException("maxSampleSize must be at least 1, was " + maxSampleSize);
            }
            positive(minStdDeviation, "minStdDeviation");
            notNegative(acceptableHeartbeatPause, "acceptableHeartbeatPause");
            positive(firstHeartbeatEstimate, "firstHeartbeatEstimate");
            notNegative(downAfter, "downAfter");
        }

        /** Heartbeats every second, threshold 10, a pause of 10 s accepted, quarantine 5 s after unreachable. */
        public static FailureDetection defaults() {
            return new FailureDetection(Duration.ofSeconds(1), 10.0, 200, Duration.ofMillis(100),
                    Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5));
        }
    }

    private final String bindHost;
    private final int bindPort;
    private final String canonicalHost;
    private final Tls tls;
    private final int maxFrameSize;
    private final int largeMessageThreshold;
    private final int outboundBufferSize;
    private final int maxInboundConnections;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final FailureDetection failureDetection;

    /** The settings while one {@code with} method changes one of them. */
    private static final class Values {
        String bindHost;
        int bindPort;
        String canonicalHost;
        Tls tls;
        int maxFrameSize;
        int largeMessageThreshold;
        int outboundBufferSize;
        int maxInboundConnections;
        Duration connectTimeout;
        Duration handshakeTimeout;
        Duration minBackoff;
        Duration maxBackoff;
        FailureDetection failureDetection;
    }

    private RemoteSettings(Values v) {
        this.bindHost = v.bindHost;
        this.bindPort = v.bindPort;
        this.canonicalHost = v.canonicalHost;
        this.tls = v.tls;
        this.maxFrameSize = v.maxFrameSize;
        this.largeMessageThreshold = v.largeMessageThreshold;
        this.outboundBufferSize = v.outboundBufferSize;
        this.maxInboundConnections = v.maxInboundConnections;
        this.connectTimeout = v.connectTimeout;
        this.handshakeTimeout = v.handshakeTimeout;
        this.minBackoff = v.minBackoff;
        this.maxBackoff = v.maxBackoff;
        this.failureDetection = v.failureDetection;
    }

    private RemoteSettings with(Consumer<Values> change) {
        Values v = new Values();
        v.bindHost = bindHost;
        v.bindPort = bindPort;
        v.canonicalHost = canonicalHost;
        v.tls = tls;
        v.maxFrameSize = maxFrameSize;
        v.largeMessageThreshold = largeMessageThreshold;
        v.outboundBufferSize = outboundBufferSize;
        v.maxInboundConnections = maxInboundConnections;
        v.connectTimeout = connectTimeout;
        v.handshakeTimeout = handshakeTimeout;
        v.minBackoff = minBackoff;
        v.maxBackoff = maxBackoff;
        v.failureDetection = failureDetection;
        change.accept(v);
        return new RemoteSettings(v);
    }

    /** The defaults described above. */
    public static RemoteSettings defaults() {
        Values v = new Values();
        v.bindHost = "127.0.0.1";
        v.bindPort = 25_520;
        v.tls = new Tls.Development(Path.of(System.getProperty("user.home"), ".troupe", "dev-tls"));
        v.maxFrameSize = 1024 * 1024;
        v.largeMessageThreshold = 64 * 1024;
        v.outboundBufferSize = 10_000;
        v.maxInboundConnections = 1_000;
        v.connectTimeout = Duration.ofSeconds(5);
        v.handshakeTimeout = Duration.ofSeconds(10);
        v.minBackoff = Duration.ofMillis(100);
        v.maxBackoff = Duration.ofSeconds(5);
        v.failureDetection = FailureDetection.defaults();
        return new RemoteSettings(v);
    }

    /**
     * Listen on {@code host:port}; port 0 takes a free ephemeral port, which then becomes the port in this
     * node's address.
     */
    public RemoteSettings withBind(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("bind host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("bind port must be in 0..65535 (0 for an ephemeral port), was " + port);
        }
        return with(v -> {
            v.bindHost = host;
            v.bindPort = port;
        });
    }

    /**
     * The host other nodes use to reach this one, which is part of this node's address; by default the bind
     * host. Required when binding to a wildcard address such as {@code 0.0.0.0}.
     */
    public RemoteSettings withCanonicalHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("canonical host must not be blank");
        }
        return with(v -> v.canonicalHost = host);
    }

    /** How connections are secured. */
    public RemoteSettings withTls(Tls tls) {
        Objects.requireNonNull(tls, "tls");
        return with(v -> v.tls = tls);
    }

    /**
     * The largest frame (envelope and serialized message) this node sends or accepts, in bytes, 4 KiB to
     * 64 MiB. A peer announcing a longer frame has its connection closed before the bytes are buffered; a
     * message whose serialized form is larger than the limit less 1 KiB (room for the envelope) goes to dead
     * letters on the sending node.
     */
    public RemoteSettings withMaxFrameSize(int bytes) {
        if (bytes < 4 * 1024 || bytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxFrameSize must be in 4 KiB..64 MiB, was " + bytes);
        }
        return with(v -> v.maxFrameSize = bytes);
    }

    /** Messages whose serialized form is larger than this many bytes travel on the large-message lane. */
    public RemoteSettings withLargeMessageThreshold(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("largeMessageThreshold must be positive, was " + bytes);
        }
        return with(v -> v.largeMessageThreshold = bytes);
    }

    /**
     * How many messages each lane to another node holds while that node is not connected or not reading;
     * beyond that, messages go to dead letters with the reason.
     */
    public RemoteSettings withOutboundBufferSize(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("outboundBufferSize must be positive, was " + messages);
        }
        return with(v -> v.outboundBufferSize = messages);
    }

    /**
     * How many connections other nodes (or anything else that reaches the port) may hold open to this node at
     * once, handshaken or not. Each other node uses up to three, one per lane. A connection beyond the limit is
     * closed as soon as it is accepted, logged and published as a {@link RemoteEvent.ConnectionFailed}; so a
     * flood of connections costs this node a bounded amount of memory and never its existing connections.
     */
    public RemoteSettings withMaxInboundConnections(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("maxInboundConnections must be positive, was " + connections);
        }
        return with(v -> v.maxInboundConnections = connections);
    }

    /**
     * How long a TCP connect and then the TLS and Troupe handshakes may take before the attempt counts as
     * failed.
     */
    public RemoteSettings withTimeouts(Duration connect, Duration handshake) {
        positive(connect, "connect timeout");
        positive(handshake, "handshake timeout");
        return with(v -> {
            v.connectTimeout = connect;
            v.handshakeTimeout = handshake;
        });
    }

    /** The wait before reconnecting, doubled after each failed attempt from {@code min} up to {@code max}. */
    public RemoteSettings withBackoff(Duration min, Duration max) {
        positive(min, "min backoff");
        positive(max, "max backoff");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is less than min backoff " + min);
        }
        return with(v -> {
            v.minBackoff = min;
            v.maxBackoff = max;
        });
    }

    /** When another node counts as unreachable and when as failed. */
    public RemoteSettings withFailureDetection(FailureDetection failureDetection) {
        Objects.requireNonNull(failureDetection, "failureDetection");
        return with(v -> v.failureDetection = failureDetection);
    }

    public String bindHost() {
        return bindHost;
    }

    public int bindPort() {
        return bindPort;
    }

    /** The canonical host if one was set; otherwise the bind host is used. */
    public Optional<String> canonicalHost() {
        return Optional.ofNullable(canonicalHost);
    }

    public Tls tls() {
        return tls;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public int largeMessageThreshold() {
        return largeMessageThreshold;
    }

    public int outboundBufferSize() {
        return outboundBufferSize;
    }

    public int maxInboundConnections() {
        return maxInboundConnections;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration minBackoff() {
        return minBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public FailureDetection failureDetection() {
        return failureDetection;
    }

    @Override
    public String toString() {
        return "RemoteSettings[bind=" + bindHost + ":" + bindPort + ", canonicalHost=" + canonicalHost + ", tls=" + tls
                + ", maxFrameSize=" + maxFrameSize + ", largeMessageThreshold=" + largeMessageThreshold
                + ", outboundBufferSize=" + outboundBufferSize + ", maxInboundConnections=" + maxInboundConnections
                + ", connectTimeout=" + connectTimeout
                + ", handshakeTimeout=" + handshakeTimeout + ", backoff=" + minBackoff + ".." + maxBackoff
                + ", failureDetection=" + failureDetection + "]";
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
