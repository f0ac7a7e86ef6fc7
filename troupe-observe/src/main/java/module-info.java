/**
 * Observability for Troupe: per-actor-type metrics with histograms and alerts, and the integrations built on
 * them (Micrometer, JDK Flight Recorder, OpenTelemetry, SLF4J MDC, the live web observer). The integrations'
 * libraries are optional dependencies: each is needed only by the part that uses it.
 */
module dev.troupe.observe {
    requires transitive dev.troupe.actor;
    requires HdrHistogram; // an automatic module: its jar declares no name
    requires jdk.jfr;
    // Automatic modules, named in their jars' manifests. Not transitive although Tracing's signature names
    // OpenTelemetry: a module that reads this one must compile without the optional library, and one that calls
    // Tracing requires it itself.
    requires static io.opentelemetry.api;
    requires static io.opentelemetry.context;
    requires static micrometer.core; // optional: only TroupeMeterBinder uses it
    // Optional, for the live web observer (TroupeObserver) only.
    requires static io.javalin;
    requires static com.fasterxml.jackson.databind;
    requires static micrometer.registry.prometheus;

    exports dev.troupe.observe;
}
