package dev.troupe.observe;

import dev.troupe.actor.ActorSystem;
import dev.troupe.observe.internal.web.ObserverModel;
import dev.troupe.observe.internal.web.ObserverServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The live observer of one actor system — the Erlang observer for Troupe: an embedded web server (Javalin)
 * with a page that shows the actor tree, the hottest actors and actor types, throughput and latency charts,
 * restarts, dead letters, drops and alerts, updated every second, and lets an operator stop an actor. One line
 * starts it:
 *
 * <pre>{@code
 * TroupeObserver observer = TroupeObserver.start(system, metrics);   // then open observer.url()
 * }</pre>
 *
 * <p>It needs {@code io.javalin:javalin} and {@code com.fasterxml.jackson.core:jackson-databind} on the class
 * path (optional dependencies of {@code troupe-observe}), and serves {@code /metrics} only when
 * {@code io.micrometer:micrometer-registry-prometheus} is there too.
 *
 * <p><b>Access.</b> By default it binds to 127.0.0.1 on a free port. Bound to any other address it refuses to
 * start without an {@linkplain ObserverSettings.Builder#accessToken access token}: the page shows every actor
 * and can stop any of them. With a token, every request (the page and its files too) must carry it, as
 * {@code Authorization: Bearer <token>} or as the query parameter {@code token}; open the page as
 * {@code url() + "?token=" + token}, and it passes the token on by itself. Without a token, it answers only
 * requests whose {@code Host} header names the loopback interface ({@code 127.0.0.1}, {@code localhost},
 * {@code [::1]}), so that a web page cannot read it by having its own host name resolve to 127.0.0.1. Every
 * {@code POST} must carry the header {@code X-Troupe-Observer} (the page sends it), which another site's page
 * cannot add without a CORS preflight the observer never grants: no web page can stop actors through the
 * operator's browser.
 *
 * <p><b>Endpoints.</b> JSON, UTF-8. Times are milliseconds, rates per second, sizes bytes; an actor path is
 * passed URL-encoded in the query parameter {@code path}, printed as {@link dev.troupe.actor.ActorPath#toString()}
 * (optionally with its {@code #uid}), e.g. {@code path=troupe%3A%2F%2Fshop%2Fuser%2Forders}.
 * <table>
 *   <caption>The observer's HTTP interface</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /}</td><td>the page (HTML; its script and styles under {@code /assets/})</td></tr>
 *   <tr><td>{@code GET /api/summary}</td><td>{@code systemName, uptimeMillis, actorsAlive, messagesProcessed,
 *       messagesPerSecond, deadLetters, drops, restarts, heapUsedBytes, heapMaxBytes, activeAlerts}</td></tr>
 *   <tr><td>{@code GET /api/types}</td><td>per actor type: {@code actorType, actorsAlive, actorsSpawned,
 *       actorsStopped, messagesProcessed, processingMillis} and {@code timeInMailboxMillis} (each
 *       {@code {p50, p95, p99}}), {@code currentMailboxDepth, mailboxDepthMax, failures, restarts,
 *       averageMemoryBytes}</td></tr>
 *   <tr><td>{@code GET /api/tree?path=&limit=500}</td><td>one level of the actor tree, for a page that loads it
 *       lazily: {@code path, name, total} and {@code children}, sorted by name, each {@code path, name, actorType,
 *       mailboxDepth, messagesPerSecond, childCount}; without {@code path}, the top level (the guardians)</td></tr>
 *   <tr><td>{@code GET /api/actor?path=}</td><td>one actor: {@code path, name, uid, actorType, mailboxKind,
 *       mailboxDepth, dispatcher, childCount, children} (the first 50 names), {@code messagesProcessed,
 *       messagesPerSecond, estimatedProcessingMillis, estimatedMemoryBytes, uptimeMillis, terminated}</td></tr>
 *   <tr><td>{@code POST /api/actor/stop?path=}</td><td>202 {@code {path, status: "stopping"}}: the actor is asked
 *       to stop, as its parent's {@code context.stop} would (its children stop first); the stop is
 *       asynchronous</td></tr>
 *   <tr><td>{@code GET /api/hottest?limit=20}</td><td>{@code byProcessing} (most estimated processing time
 *       first) and {@code byMailboxDepth}, each actor {@code path, actorType, processingMillis, mailboxDepth,
 *       messagesPerSecond}</td></tr>
 *   <tr><td>{@code GET /api/restarts}</td><td>the latest restarts, newest first: {@code timeMillis, path,
 *       actorType, kind, causeClass, causeMessage, restartCount}</td></tr>
 *   <tr><td>{@code GET /api/dead-letters}</td><td>{@code deadLetters, drops} and, by message class, most first,
 *       {@code deadLettersByType} and {@code dropsByType} ({@code messageType, count})</td></tr>
 *   <tr><td>{@code GET /api/alerts}</td><td>the latest {@link Alert}s, newest first: {@code timeMillis, kind,
 *       subject, actorType, message, active}</td></tr>
 *   <tr><td>{@code GET /api/history}</td><td>the chart points of the last two minutes, oldest first:
 *       {@code timeMillis, messagesPerSecond, processingP95Millis, timeInMailboxP95Millis} (the P95s of the
 *       actor type with the highest one over the last check interval)</td></tr>
 *   <tr><td>{@code GET /api/live}</td><td>server-sent events: {@code history} once on connecting (as
 *       {@code /api/history}), then {@code tick} every second, {@code {summary, point}} (as
 *       {@code /api/summary} and one chart point)</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>the Prometheus scrape (text format) of everything
 *       {@link TroupeMeterBinder} binds</td></tr>
 * </table>
 * Refused requests get a 4xx status and {@code {"error": code, "message": explanation}}: 400
 * {@code bad_request} for a malformed path or parameter, 401 {@code unauthorized} for a missing or wrong token,
 * 403 {@code forbidden} for a foreign {@code Host} or a {@code POST} without {@code X-Troupe-Observer}, 404
 * {@code not_found} for an unknown endpoint or an actor that is not alive, 406 {@code not_acceptable} for
 * {@code /api/live} asked for without {@code Accept: text/event-stream}.
 *
 * <p><b>Freshness.</b> The summary, the types, the dead letters and the hottest actors (up to 100 of each
 * kind) need a pass over every live actor; each such pass is kept for ten times what it took and shared by
 * every request and the live tick. With a few thousand actors the answers are current; with a million they may
 * be a few seconds old (the rates are computed between passes). The tree and {@code /api/actor} read the actors
 * at each request.
 *
 * <p><b>Threading and lifetime.</b> {@link #start} returns once the server listens; requests are served on the
 * server's threads and the live stream from one daemon thread. {@link #close()} may be called from any
 * thread, more than once; the observer also closes itself when the system terminates.
 */
public final class TroupeObserver implements AutoCloseable {
    private final ObserverServer server;

    private TroupeObserver(ObserverServer server) {
        this.server = server;
    }

    /** Starts an observer with {@link ObserverSettings#defaults()}: 127.0.0.1, any free port, no token. */
    public static TroupeObserver start(ActorSystem<?> system, ActorMetrics metrics) {
        return start(system, metrics, ObserverSettings.defaults());
    }

    /**
     * Starts an observer of {@code system}, reading {@code metrics} (its instrumentation; bound to it here if
     * the application has not done so).
     *
     * @throws IllegalArgumentException if {@code system} was not created with {@code metrics} as its
     *     instrumentation, or the host is not a loopback address and no access token is set
     * @throws IllegalStateException if the server cannot bind its address, or Javalin or Jackson is missing
     */
    public static TroupeObserver start(ActorSystem<?> system, ActorMetrics metrics, ObserverSettings settings) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(settings, "settings");
        if (system.settings().instrumentation().orElse(null) != metrics) {
            throw new IllegalArgumentException("System " + system.name() + " was not created with these "
                    + "ActorMetrics: pass them to ActorSystemSettings.builder().instrumentation(...)");
        }
        if (settings.accessToken().isEmpty() && !isLoopback(settings.host())) {
            throw new IllegalArgumentException("The observer would listen on " + settings.host() + ", beyond this "
                    + "machine, without an access token; set ObserverSettings.builder().accessToken(...) or bind "
                    + "to 127.0.0.1");
        }
        requireLibraries();
        ObserverServer server = ObserverServer.start(new ObserverModel(system, metrics), settings);
        TroupeObserver observer = new TroupeObserver(server);
        system.whenTerminated().whenComplete((done, failure) -> observer.close());
        return observer;
    }

    /** The page's address, such as {@code http://127.0.0.1:41234/} (without the access token). */
    public URI url() {
        return server.url();
    }

    /** Stops the server and the live stream; open pages show that they are disconnected. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "TroupeObserver[" + url() + "]";
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The observer's host " + host + " does not resolve", e);
        }
    }

    private static void requireLibraries() {
        for (String[] library : new String[][] {
                {"io.javalin.Javalin", "io.javalin:javalin"},
                {"com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core:jackson-databind"}}) {
            try {
                Class.forName(library[0], false, TroupeObserver.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("The observer needs " + library[1] + " on the class path (an "
                        + "optional dependency of troupe-observe)", e);
            }
        }
    }
}
