package dev.troupe.observe.internal.web;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream behind {@code GET /api/live}: once a second, on its own daemon thread, it asks the model for
 * a {@link Views.LiveFrame} (which also advances the model's rates and chart history, whether or not anyone
 * listens) and sends it to every connected page as the server-sent event {@code tick}. A page that connects
 * first gets the chart history as the event {@code history}.
 *
 * <p>Threading: {@link #join} runs on server threads, concurrently with the ticks; a client is sent events by the
 * tick thread only after {@code join} has sent it the history, so its events arrive in order. A client that
 * disconnects is dropped when its connection closes or a send to it fails. Sends are written one client after
 * the other: a client that stops reading without closing delays the others' ticks until the server's idle
 * time-out ends its connection, a trade for having one thread and no queue per client.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final ObserverModel model;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    LiveFeed(ObserverModel model, String systemName) {
        this.model = model;
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "troupe-observer-" + systemName);
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Keeps {@code client} open and sends it the live events from now on; a server thread. */
    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        synchronized (client) {
            client.sendEvent("history", model.history());
            clients.add(client);
        }
    }

    private void tick() {
        try {
            Views.LiveFrame frame = model.tick();
            for (SseClient client : clients) {
                send(client, frame);
            }
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule (an exception would end it for good).
            LOG.error("The observer's live tick failed; the next one tries again", e);
        }
    }

    private void send(SseClient client, Views.LiveFrame frame) {
        try {
            synchronized (client) {
                if (client.terminated()) {
                    clients.remove(client);
                } else {
                    client.sendEvent("tick", frame);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Dropping a live client whose connection failed", e);
            clients.remove(client);
            client.close();
        }
    }

    /** Stops the ticks and closes every client's stream; any thread. */
    @Override
    public void close() {
        ticker.shutdownNow();
        for (SseClient client : clients) {
            client.close();
        }
        clients.clear();
    }
}
