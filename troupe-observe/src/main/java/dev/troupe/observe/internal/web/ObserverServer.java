package dev.troupe.observe.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.troupe.observe.ObserverSettings;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's HTTP server: Javalin (on Jetty) serving the page, the JSON endpoints and the live stream for
 * one {@link ObserverModel}. The endpoints are documented on {@link dev.troupe.observe.TroupeObserver}.
 *
 * <p>Every request passes the {@link AccessGuard} first, the page's files too. Bad input is answered with a
 * 4xx status and a JSON body {@code {"error": ..., "message": ...}}; an unexpected failure with 500 and the same
 * shape (and an ERROR log), never with an HTML page.
 *
 * <p>Threading: {@link #start} and {@link #close} may be called from any thread; {@code close} is idempotent.
 * Handlers run on Jetty's threads.
 */
public final class ObserverServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverServer.class);
    private static final int DEFAULT_LIST_LIMIT = 20;
    private static final int DEFAULT_CHILDREN_LIMIT = 500;
    private static final int MAX_LIMIT = 10_000;
    /** The request attribute marking a response already written by the {@link ApiException} handler. */
    private static final String ANSWERED = "troupe.observer.answered";

    private final ObserverModel model;
    private final AccessGuard guard;
    private final WebAssets assets = WebAssets.load();
    private final LiveFeed feed;
    /** Null without micrometer-registry-prometheus on the class path. */
    private final PrometheusScrape prometheus;
    private final Javalin app;
    private final URI url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ObserverServer(ObserverModel model, ObserverSettings settings) {
        this.model = model;
        this.guard = new AccessGuard(settings.accessToken().orElse(null));
        this.prometheus = prometheusOnClassPath() ? new PrometheusScrape(model.metrics()) : null;
        this.feed = new LiveFeed(model, model.systemName());
        try {
            this.app = Javalin.create(this::configure).start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            closeScrape();
            feed.close();
            throw new IllegalStateException("The observer could not listen on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        this.url = URI.create("http://" + hostForUrl(settings.host()) + ":" + app.port() + "/");
    }

    /**
     * Starts serving {@code model}; returns once the server listens.
     *
     * @throws IllegalStateException if it cannot bind
     */
    public static ObserverServer start(ObserverModel model, ObserverSettings settings) {
        return new ObserverServer(model, settings);
    }

    /** The page's address, without the token. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            feed.close();
            app.stop();
            closeScrape();
        }
    }

    private void configure(JavalinConfig config) {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.defaultContentType = "application/json";

        var routes = config.routes;
        routes.before(ctx -> {
            guard.check(ctx.header("Host"), ctx.header("Authorization"), ctx.queryParam("token"));
            if (ctx.method() == HandlerType.POST) {
                guard.checkAction(ctx.header(AccessGuard.ACTION_HEADER));
            }
        });
        routes.get("/", ctx -> ctx.html(assets.indexHtml(tokenQuery(ctx))));
        routes.get("/assets/observer.js", asset(assets.script(), "text/javascript; charset=utf-8"));
        routes.get("/assets/observer.css", asset(assets.styles(), "text/css; charset=utf-8"));

        routes.get("/api/summary", ctx -> ctx.json(model.summary()));
        routes.get("/api/types", ctx -> ctx.json(model.actorTypes()));
        routes.get("/api/tree", ctx -> ctx.json(model.children(optionalPath(ctx),
                limit(ctx, DEFAULT_CHILDREN_LIMIT))));
        routes.get("/api/actor", ctx -> ctx.json(model.actor(requiredPath(ctx))));
        routes.post("/api/actor/stop", ctx -> ctx.status(202).json(model.stop(requiredPath(ctx))));
        routes.get("/api/hottest", ctx -> ctx.json(model.hottest(limit(ctx, DEFAULT_LIST_LIMIT))));
        routes.get("/api/restarts", ctx -> ctx.json(model.restarts()));
        routes.get("/api/dead-letters", ctx -> ctx.json(model.deadLetters()));
        routes.get("/api/alerts", ctx -> ctx.json(model.alerts()));
        routes.get("/api/history", ctx -> ctx.json(model.history()));
        routes.before("/api/live", ObserverServer::requireEventStream);
        routes.sse("/api/live", feed::join);
        if (prometheus != null) {
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(prometheus.scrape()));
        }

        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            ctx.attribute(ANSWERED, Boolean.TRUE);
            ctx.status(e.status()).json(e.body());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("The observer failed to answer {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ApiException.ErrorBody("internal_error", String.valueOf(e)));
        });
        routes.error(404, ctx -> {
            if (ctx.attribute(ANSWERED) == null) { // not an unknown actor, which has its own message
                ctx.json(new ApiException.ErrorBody("not_found", "No endpoint " + ctx.method() + " "
                        + ctx.path() + "; the endpoints are listed in TroupeObserver's documentation"));
            }
        });
    }

    private void closeScrape() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static Handler asset(byte[] content, String contentType) {
        return ctx -> ctx.contentType(contentType).header("Cache-Control", "no-cache").result(content);
    }

    /** The query string that lets the page's asset links pass the guard: the token was checked already. */
    private String tokenQuery(Context ctx) {
        String token = ctx.queryParam("token");
        return guard.enabled() && token != null ? "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) : "";
    }

    /** Javalin answers a stream request without this Accept header with an empty 200; say what is wrong. */
    private static void requireEventStream(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw ApiException.notAcceptable("/api/live is a stream of server-sent events: send "
                    + "'Accept: text/event-stream' (as EventSource does)");
        }
    }

    private static String optionalPath(Context ctx) {
        String path = ctx.queryParam("path");
        return path == null || path.isEmpty() ? null : path;
    }

    private static String requiredPath(Context ctx) {
        String path = optionalPath(ctx);
        if (path == null) {
            throw ApiException.badRequest("Missing the query parameter 'path', an actor path such as "
                    + "troupe://shop/user/orders (URL-encoded)");
        }
        return path;
    }

    private static int limit(Context ctx, int defaultLimit) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw ApiException.badRequest("The query parameter 'limit' must be a number from 1 to " + MAX_LIMIT
                + ", was '" + text + "'");
    }

    /** Checked before {@link PrometheusScrape} is touched, which cannot even load without the library. */
    private static boolean prometheusOnClassPath() {
        try {
            Class.forName(PrometheusScrape.REGISTRY_CLASS, false, ObserverServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
