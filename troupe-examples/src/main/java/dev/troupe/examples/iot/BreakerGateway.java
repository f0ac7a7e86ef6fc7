package dev.troupe.examples.iot;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.CircuitBreaker;
import dev.troupe.actor.CircuitBreakerSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fleet's way to the cloud: one {@link CircuitBreaker} shared by every device, because they all depend on
 * the same service. While the cloud is down or too slow, the breaker opens and the devices' uploads fail at once
 * with {@link dev.troupe.actor.CircuitBreakerOpenException} (counted as <em>rejected</em>) instead of waiting for
 * a service that cannot answer; a trial upload tells it when the cloud is back.
 *
 * <p>Thread-safe, like the breaker: devices upload from every dispatcher thread.
 */
public final class BreakerGateway implements CloudGateway {
    /**
     * The fleet's breaker: open after 20 failures in a row (a down cloud fails a few hundred uploads a second
     * with a million devices, so this takes milliseconds, while the healthy cloud's 1 in 100 never strings 20
     * together), a call time-out of 1 s (the slow cloud's 0.5 to 2 s answers count as failures), and a trial
     * after 1 s, then 2, 4, up to 8 s while the cloud stays down.
     */
    public static final CircuitBreakerSettings SETTINGS = CircuitBreakerSettings
            .of(20, Duration.ofSeconds(1), Duration.ofSeconds(1))
            .withExponentialBackoff(2.0, Duration.ofSeconds(8));

    private final CircuitBreaker breaker;
    private final CloudGateway cloud;
    private final LongAdder opened = new LongAdder();

    /** A gateway that calls {@code cloud} through {@code breaker}. */
    public BreakerGateway(CircuitBreaker breaker, CloudGateway cloud) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        breaker.listen(event -> {
            if (event instanceof CircuitBreaker.Event.Opened) {
                opened.increment();
            }
        });
    }

    /** The wiring of a fleet whose devices reach the cloud through a breaker with {@code settings}. */
    public static Wiring wiring(CircuitBreakerSettings settings) {
        return new Wiring(Objects.requireNonNull(settings, "settings"));
    }

    // tag::breaker-upload[]
    @Override
    public CompletionStage<Void> upload(Upload upload) {
        return breaker.call(() -> cloud.upload(upload));
    }
    // end::breaker-upload[]

    /** The breaker's state now. */
    public CircuitBreaker.State state() {
        return breaker.state();
    }

    /** How many times the breaker has opened. */
    public long timesOpened() {
        return opened.sum();
    }

    /**
     * Puts a {@link BreakerGateway} in front of the cloud once the fleet's system runs (the breaker's timers use
     * its scheduler) and remembers it, so that the live line and the summary can show the breaker.
     */
    public static final class Wiring implements CloudWiring {
        private final CircuitBreakerSettings settings;
        private volatile BreakerGateway gateway;

        private Wiring(CircuitBreakerSettings settings) {
            this.settings = settings;
        }

        @Override
        public CloudGateway wire(ActorSystem<Void> system, SimulatedCloud cloud) {
            BreakerGateway wired = new BreakerGateway(CircuitBreaker.create(system, settings), cloud);
            gateway = wired;
            return wired;
        }

        /** The gateway, once the fleet has started. */
        public Optional<BreakerGateway> gateway() {
            return Optional.ofNullable(gateway);
        }
    }
}
