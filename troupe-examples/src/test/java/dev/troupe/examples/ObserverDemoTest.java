package dev.troupe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The observer demo serves its page and live metrics of its workshop. */
class ObserverDemoTest {

    @Test
    void servesThePageAndTheWorkshopsMetrics() throws Exception {
        try (ObserverDemo.Running running = ObserverDemo.start(2, 5, 0)) {
            URI url = running.observer().url();
            assertThat(get(url)).contains("Troupe observer");
            assertThat(get(url.resolve("/api/summary"))).contains("\"systemName\":\"workshop\"");
            // the foremen's timers keep the workers busy: messages are counted
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> processed(get(url.resolve("/api/summary"))) > 0);
            assertThat(get(url.resolve("/api/types"))).contains("\"actorType\":\"worker\"",
                    "\"actorType\":\"foreman\"");
        }
    }

    private static long processed(String summary) {
        Matcher m = Pattern.compile("\"messagesProcessed\":(\\d+)").matcher(summary);
        assertThat(m.find()).as("messagesProcessed in %s", summary).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try (InputStream body = connection.getInputStream()) {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
