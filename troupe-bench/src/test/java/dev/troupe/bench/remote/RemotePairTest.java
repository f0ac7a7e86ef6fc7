package dev.troupe.bench.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both systems' sides of the remote benchmark run and validate, plain and with TLS. */
class RemotePairTest {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} tls={1}")
    @CsvSource({"troupe, false", "troupe, true", "pekko, false", "pekko, true"})
    void throughputAndLatencyRunsValidate(String system, boolean tls) throws Exception {
        try (RemotePair pair = RemotePair.start(system, tls ? RemoteTls.generate(directory) : null)) {
            assertThat(pair.throughput(5_000, 400)).isPositive(); // validated inside: all pings, in order
            assertThat(pair.throughput(1_001, 400)).isPositive(); // not a whole number of batches: rounded up
            Histogram latency = pair.latency(200);
            assertThat(latency.getTotalCount()).isEqualTo(200);
            assertThat(latency.getValueAtPercentile(50)).isPositive();
        }
    }

    @Test
    void anUnknownSystemIsRefused() {
        assertThatThrownBy(() -> RemotePair.start("akka", null)).hasMessageContaining("known: troupe, pekko");
    }
}
