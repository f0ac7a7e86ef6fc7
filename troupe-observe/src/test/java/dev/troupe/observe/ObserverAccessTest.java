package dev.troupe.observe;

import static dev.troupe.observe.ObserverHttpTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.testkit.ActorTestKit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may use the observer and how long it lives: the access token on every request, the refusal to listen
 * beyond loopback without one, the live stream, the Prometheus scrape, and the end of the server with its
 * system.
 */
class ObserverAccessTest {
    private static final String TOKEN = "s3cret-token-for-the-observer";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void everyRequestNeedsTheTokenWhenOneIsSet() {
        ObserverSettings settings = ObserverSettings.builder().accessToken(TOKEN).build();
        try (ObservedSystem observed = new ObservedSystem("observed-token", 1, 3, 0, ActorMetricsSettings.defaults(),
                settings)) {
            ObserverClient client = new ObserverClient(observed.observer.url());

            ObserverClient.Reply missing = client.get("api/summary");
            assertError(missing, 401, "unauthorized");
            assertThat(missing.authenticate()).isEqualTo("Bearer");
            assertError(client.get(""), 401, "unauthorized");
            assertError(client.get("assets/observer.js"), 401, "unauthorized");
            assertError(client.get("api/summary", "Authorization", "Bearer wrong-token-of-some-length"), 401,
                    "unauthorized");
            assertError(client.get("api/summary?token=wrong"), 401, "unauthorized");
            assertError(client.post("api/actor/stop?path=x"), 401, "unauthorized");

            assertThat(client.get("api/summary", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
            assertThat(client.get("api/summary?token=" + TOKEN).status()).isEqualTo(200);
            ObserverClient.Reply page = client.get("?token=" + TOKEN);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("assets/observer.js?token=" + TOKEN);
            assertThat(client.get("assets/observer.js?token=" + TOKEN).status()).isEqualTo(200);
        }
    }

    @Test
    void aLoopbackObserverWithoutTokenServesOnlyLoopbackNamesAndThePagesPosts() {
        try (ObservedSystem observed = new ObservedSystem("observed-local", 1, 3, 0, ActorMetricsSettings.defaults(),
                ObserverSettings.defaults())) {
            ObserverClient client = new ObserverClient(observed.observer.url());
            int port = observed.observer.url().getPort();
            assertThat(client.rawGet("api/summary", "localhost:" + port).status()).isEqualTo(200);
            assertThat(client.rawGet("api/summary", "127.0.0.1:" + port).status()).isEqualTo(200);
            // A page of evil.example whose name was made to resolve to 127.0.0.1 (DNS rebinding):
            assertError(client.rawGet("api/summary", "evil.example:" + port), 403, "forbidden");
            // A form on another site posting through the operator's browser cannot add the page's header:
            String victim = "api/actor/stop?path=" + ObserverClient.encoded("troupe://observed-local/user/victim");
            assertError(client.foreignPost(victim), 403, "forbidden");
            assertThat(client.json("api/actor?path=" + ObserverClient.encoded("troupe://observed-local/user/victim"))
                    .get("terminated").asBoolean()).isFalse();
        }
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAToken() {
        ActorMetrics metrics = ActorMetrics.create();
        ActorTestKit kit = ActorTestKit.create("observed-open",
                ActorSystemSettings.builder().instrumentation(metrics).build());
        try {
            ObserverSettings open = ObserverSettings.builder().host("0.0.0.0").build();
            assertThatThrownBy(() -> TroupeObserver.start(kit.system(), metrics, open))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without an access token");
        } finally {
            kit.shutdown();
        }
    }

    @Test
    void refusesMetricsThatAreNotTheSystemsInstrumentation() {
        ActorTestKit kit = ActorTestKit.create("observed-other");
        try {
            assertThatThrownBy(() -> TroupeObserver.start(kit.system(), ActorMetrics.create()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instrumentation");
        } finally {
            kit.shutdown();
        }
    }

    @Test
    void tokensThatWouldNotSurviveAUrlAreRefused() {
        assertThatThrownBy(() -> ObserverSettings.builder().accessToken("short"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObserverSettings.builder().accessToken("has spaces and & in it, sadly"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObserverSettings.builder().port(70_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveStreamSendsTheHistoryThenATickEverySecond() throws IOException {
        try (ObservedSystem observed = new ObservedSystem("observed-live", 1, 5, 1, ActorMetricsSettings.defaults(),
                ObserverSettings.defaults())) {
            HttpURLConnection stream = new ObserverClient(observed.observer.url()).open("api/live");
            stream.setRequestProperty("Accept", "text/event-stream"); // as EventSource sends it
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(stream.getContentType()).startsWith("text/event-stream");
                List<String> events = new ArrayList<>();
                String data = null;
                while (events.size() < 3) {
                    String line = lines.readLine(); // the read time-out (10 s) bounds each wait
                    assertThat(line).as("the stream ended").isNotNull();
                    if (line.startsWith("event:")) {
                        events.add(line.substring("event:".length()).trim());
                    } else if (line.startsWith("data:") && events.size() == 3) {
                        data = line;
                    }
                }
                assertThat(events).containsExactly("history", "tick", "tick");
                String tick = data != null ? data : lines.readLine();
                assertThat(tick).startsWith("data:").contains("\"summary\"").contains("\"point\"")
                        .contains("\"systemName\":\"observed-live\"");
            } finally {
                stream.disconnect();
            }
        }
    }

    @Test
    void metricsEndpointServesThePrometheusScrape() {
        try (ObservedSystem observed = new ObservedSystem("observed-prom", 1, 5, 1, ActorMetricsSettings.defaults(),
                ObserverSettings.defaults())) {
            ObserverClient client = new ObserverClient(observed.observer.url());
            await().atMost(PATIENCE).untilAsserted(() -> {
                ObserverClient.Reply scrape = client.get("metrics");
                assertThat(scrape.status()).isEqualTo(200);
                assertThat(scrape.contentType()).startsWith("text/plain");
                assertThat(scrape.body()).contains("troupe_actors_alive").contains("actor_type=\"worker\"")
                        .contains("system=\"observed-prom\"");
            });
        }
    }

    @Test
    void observerClosesWhenItsSystemTerminates() {
        ObservedSystem observed = new ObservedSystem("observed-end", 1, 3, 0, ActorMetricsSettings.defaults(),
                ObserverSettings.defaults());
        ObserverClient client = new ObserverClient(observed.observer.url());
        assertThat(client.get("api/summary").status()).isEqualTo(200);

        observed.kit.shutdown();

        await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(() -> client.get("api/summary"))
                .isInstanceOf(UncheckedIOException.class));
        observed.observer.close(); // closing again is harmless
    }
}
