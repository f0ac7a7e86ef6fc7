package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A gateway in front of the cloud (as a circuit breaker would be) decides what the devices' uploads meet. */
class CloudWiringTest {

    @Test
    void uploadsRefusedByTheGatewayAreCountedAsRejectedAndNeverReachTheCloud() {
        FleetSettings settings = FleetSettings.of(2_000).withLayout(500, 10).withReportInterval(Duration.ofMillis(50))
                .withFailureRate(0).withUploadRate(1);
        CloudWiring refuseAll = (system, cloud) -> upload -> CompletableFuture.failedStage(
                new UploadRejectedException("the breaker is open", null));
        try (RunningFleet fleet = RunningFleet.start(settings, Optional.empty(), refuseAll)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.counters().uploads(UploadOutcome.REJECTED) >= 2_000);

            assertThat(fleet.counters().uploads(UploadOutcome.OK)).isZero();
            assertThat(fleet.counters().uploads(UploadOutcome.FAILED)).isZero();
            assertThat(fleet.cloud().received()).isZero();
        }
    }
}
