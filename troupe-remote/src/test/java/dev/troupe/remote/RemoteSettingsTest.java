package dev.troupe.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behaviors;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteSettingsTest {

    @Test
    void tlsIsOnByDefaultAndPlaintextOnlyWhenAskedFor() {
        assertThat(RemoteSettings.defaults().tls()).isInstanceOf(RemoteSettings.Tls.Development.class);
        assertThat(RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Plaintext()).tls())
                .isInstanceOf(RemoteSettings.Tls.Plaintext.class);
    }

    @Test
    void eachWithChangesOneSettingAndKeepsTheOthers() {
        RemoteSettings settings = RemoteSettings.defaults().withBind("0.0.0.0", 0).withCanonicalHost("10.0.0.7")
                .withOutboundBufferSize(7).withMaxInboundConnections(9);

        assertThat(settings.bindHost()).isEqualTo("0.0.0.0");
        assertThat(settings.bindPort()).isZero();
        assertThat(settings.canonicalHost()).contains("10.0.0.7");
        assertThat(settings.outboundBufferSize()).isEqualTo(7);
        assertThat(settings.maxInboundConnections()).isEqualTo(9);
        assertThat(settings.maxFrameSize()).isEqualTo(RemoteSettings.defaults().maxFrameSize());
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        RemoteSettings defaults = RemoteSettings.defaults();
        assertThatThrownBy(() -> defaults.withBind("127.0.0.1", 70_000)).hasMessageContaining("bind port");
        assertThatThrownBy(() -> defaults.withMaxFrameSize(100)).hasMessageContaining("maxFrameSize");
        assertThatThrownBy(() -> defaults.withOutboundBufferSize(0)).hasMessageContaining("outboundBufferSize");
        assertThatThrownBy(() -> defaults.withMaxInboundConnections(0)).hasMessageContaining("maxInboundConnections");
        assertThatThrownBy(() -> defaults.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("max backoff");
        assertThatThrownBy(() -> new RemoteSettings.FailureDetection(Duration.ofSeconds(1), Double.NaN, 10,
                Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("threshold");
    }

    @Test
    void mutualTlsKeepsItsPasswordsToItselfAndOutOfToString() {
        char[] password = "secret".toCharArray();
        RemoteSettings.Tls.Mutual tls = new RemoteSettings.Tls.Mutual(Path.of("k.p12"), password, Path.of("t.p12"),
                password, true);
        password[0] = 'X';

        assertThat(tls.keyStorePassword()).containsExactly("secret".toCharArray());
        assertThat(tls.toString()).doesNotContain("secret");
    }

    @Test
    void aWildcardBindNeedsACanonicalHost() {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "wild");
        try {
            assertThatThrownBy(() -> RemoteNode.start(system, RemoteSettings.defaults().withBind("0.0.0.0", 0)
                    .withTls(new RemoteSettings.Tls.Plaintext()), MessageTypes.builder().build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical host");
        } finally {
            system.terminate();
        }
    }
}
