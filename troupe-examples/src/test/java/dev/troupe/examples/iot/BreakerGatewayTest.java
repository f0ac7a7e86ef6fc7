package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.CircuitBreaker;
import dev.troupe.actor.CircuitBreakerOpenException;
import dev.troupe.testkit.ManualTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fleet's circuit breaker in front of the cloud: it stops the devices from calling a cloud that is down. */
class BreakerGatewayTest {
    private static final CloudGateway.Upload UPLOAD = new CloudGateway.Upload(7, 1, 21.5);

    @Test
    void opensAfterTwentyFailuresInARowRefusesWithoutCallingTheCloudAndClosesOnASuccessfulTrial() {
        ManualTime time = ManualTime.create();
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean(true);
        CloudGateway cloud = upload -> {
            calls.incrementAndGet();
            return down.get() ? CompletableFuture.failedStage(new CloudUnavailableException("down"))
                    : CompletableFuture.completedStage(null);
        };
        BreakerGateway gateway = new BreakerGateway(CircuitBreaker.create(time, BreakerGateway.SETTINGS), cloud);

        for (int i = 0; i < 20; i++) {
            assertThat(outcomeOf(gateway)).isEqualTo(UploadOutcome.FAILED);
        }
        assertThat(gateway.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(gateway.timesOpened()).isEqualTo(1);

        assertThat(outcomeOf(gateway)).isEqualTo(UploadOutcome.REJECTED);
        assertThat(calls).hasValue(20);

        time.timePasses(Duration.ofSeconds(1));                      // the trial fails: open again, for 2 s
        assertThat(outcomeOf(gateway)).isEqualTo(UploadOutcome.FAILED);
        assertThat(gateway.timesOpened()).isEqualTo(2);
        time.timePasses(Duration.ofSeconds(1));
        assertThat(outcomeOf(gateway)).isEqualTo(UploadOutcome.REJECTED);

        down.set(false);
        time.timePasses(Duration.ofSeconds(1));
        assertThat(outcomeOf(gateway)).isEqualTo(UploadOutcome.OK);
        assertThat(gateway.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls).hasValue(22);
    }

    @Test
    void aSlowCloudTimesOutAndCountsAsAFailure() {
        ManualTime time = ManualTime.create();
        CloudGateway silent = upload -> new CompletableFuture<>();
        BreakerGateway gateway = new BreakerGateway(CircuitBreaker.create(time, BreakerGateway.SETTINGS), silent);

        CompletableFuture<Void> upload = gateway.upload(UPLOAD).toCompletableFuture();
        time.timePasses(Duration.ofSeconds(1));

        assertThat(upload).isCompletedExceptionally();
        assertThat(UploadOutcome.of(catchFailure(upload))).isEqualTo(UploadOutcome.FAILED);
    }

    @Test
    void aFleetBehindTheBreakerStopsCallingACloudThatIsDown() {
        FleetSettings settings = FleetSettings.of(2_000).withLayout(500, 10).withReportInterval(Duration.ofMillis(50))
                .withFailureRate(0).withUploadRate(1);
        AtomicInteger calls = new AtomicInteger();
        CloudGateway down = upload -> {
            calls.incrementAndGet();
            return CompletableFuture.failedStage(new CloudUnavailableException("down"));
        };
        CloudWiring wiring = (system, cloud) ->
                new BreakerGateway(CircuitBreaker.create(system, BreakerGateway.SETTINGS), down);
        try (RunningFleet fleet = RunningFleet.start(settings, Optional.empty(), wiring)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> fleet.counters().uploads(UploadOutcome.REJECTED) >= 10_000);

            assertThat(fleet.counters().uploads(UploadOutcome.OK)).isZero();
            // only the failures that opened the breaker and one trial per open period reached the cloud
            assertThat(fleet.counters().uploads(UploadOutcome.FAILED)).isLessThanOrEqualTo(calls.get());
            assertThat(calls.get()).isLessThan(1_000);
        }
    }

    @Test
    void theDefaultFleetIsWiredThroughTheBreaker() {
        FleetSettings settings = FleetSettings.of(1_000).withLayout(500, 2).withFailureRate(0);
        try (RunningFleet fleet = RunningFleet.start(settings, Optional.empty())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.breaker().isPresent());
            assertThat(fleet.breaker().orElseThrow().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    private static UploadOutcome outcomeOf(BreakerGateway gateway) {
        CompletableFuture<Void> upload = gateway.upload(UPLOAD).toCompletableFuture();
        assertThat(upload).isDone();
        Throwable failure = catchFailure(upload);
        if (failure instanceof CircuitBreakerOpenException open) {
            assertThat(open.remaining()).isPositive();
        }
        return UploadOutcome.of(failure);
    }

    private static Throwable catchFailure(CompletableFuture<Void> upload) {
        try {
            upload.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
