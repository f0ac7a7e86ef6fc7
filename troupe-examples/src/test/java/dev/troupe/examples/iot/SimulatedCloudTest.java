package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SimulatedCloudTest {

    @Test
    void cyclesThroughHealthySlowAndDownEveryThirtySeconds() {
        assertThat(SimulatedCloud.Phase.at(Duration.ZERO)).isEqualTo(SimulatedCloud.Phase.HEALTHY);
        assertThat(SimulatedCloud.Phase.at(Duration.ofMillis(19_999))).isEqualTo(SimulatedCloud.Phase.HEALTHY);
        assertThat(SimulatedCloud.Phase.at(Duration.ofSeconds(20))).isEqualTo(SimulatedCloud.Phase.SLOW);
        assertThat(SimulatedCloud.Phase.at(Duration.ofSeconds(25))).isEqualTo(SimulatedCloud.Phase.DOWN);
        assertThat(SimulatedCloud.Phase.at(Duration.ofSeconds(30))).isEqualTo(SimulatedCloud.Phase.HEALTHY);
    }

    @Test
    void outcomesAreClassifiedAsTheGatewayContractSays() {
        assertThat(UploadOutcome.of(null)).isEqualTo(UploadOutcome.OK);
        assertThat(UploadOutcome.of(new CloudUnavailableException("down"))).isEqualTo(UploadOutcome.FAILED);
        assertThat(UploadOutcome.of(new CompletionException(new UploadRejectedException("open", null))))
                .isEqualTo(UploadOutcome.REJECTED);
    }

    @Test
    void aClosedCloudFailsNewUploads() {
        SimulatedCloud cloud = new SimulatedCloud();
        cloud.close();
        Throwable failure = cloud.upload(new CloudGateway.Upload(1, 1, 20.0)).handle((ok, e) -> e)
                .toCompletableFuture().join();
        assertThat(failure).isInstanceOf(CloudUnavailableException.class);
    }
}
