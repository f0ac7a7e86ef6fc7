package dev.troupe.bench.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Pekko side of the remote benchmark runs and validates over Artery TCP, plain and with TLS. */
class PekkoRemotePairTest {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void throughputAndLatencyRunsValidate(boolean tls) throws Exception {
        try (PekkoRemotePair pair = PekkoRemotePair.start(tls ? RemoteTls.generate(directory) : null)) {
            assertThat(pair.throughput(5_000, 400)).isPositive(); // validated inside: all pings, in order
            assertThat(pair.throughput(1_001, 400)).isPositive(); // not a whole number of batches: rounded up
            Histogram latency = pair.latency(200);
            assertThat(latency.getTotalCount()).isEqualTo(200);
            assertThat(latency.getValueAtPercentile(50)).isPositive();
        }
    }
}
