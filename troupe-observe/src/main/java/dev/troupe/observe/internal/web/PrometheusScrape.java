package dev.troupe.observe.internal.web;

import dev.troupe.observe.ActorMetrics;
import dev.troupe.observe.TroupeMeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What {@code GET /metrics} serves: a Prometheus registry of the observer's own, bound with
 * {@link TroupeMeterBinder}. Loaded only when {@code micrometer-registry-prometheus} is on the class path
 * ({@link ObserverServer} checks first), since its signatures name that library's types.
 *
 * <p>Threading: {@link #scrape()} on server threads, concurrently (the registry is thread-safe).
 */
final class PrometheusScrape implements AutoCloseable {
    static final String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    PrometheusScrape(ActorMetrics metrics) {
        new TroupeMeterBinder(metrics).bindTo(registry);
    }

    /** The scrape in Prometheus's text format. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}
