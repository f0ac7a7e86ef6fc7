package dev.troupe.observe;

import static dev.troupe.observe.ObserverClient.encoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The observer's JSON endpoints over plain HTTP: their shapes and values for a small live system (5 groups of
 * 20 workers, one group busy), the stop endpoint, and 4xx JSON answers to bad input.
 */
class ObserverHttpTest {
    private static final String SYSTEM = "observed-http";
    private static final String USER = "troupe://" + SYSTEM + "/user";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static ObservedSystem observed;
    private static ObserverClient client;

    @BeforeAll
    static void start() {
        ActorMetricsSettings metrics = ActorMetricsSettings.builder().restartsPerMinuteThreshold(2).build();
        observed = new ObservedSystem(SYSTEM, 5, 20, 1, metrics, ObserverSettings.defaults());
        client = new ObserverClient(observed.observer.url());
    }

    @AfterAll
    static void stop() {
        observed.close();
    }

    @Test
    void observerListensOnLoopbackOnAFreePort() {
        assertThat(observed.observer.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(observed.observer.url().getPort()).isPositive();
    }

    @Test
    void summaryCountsTheSystem() {
        JsonNode summary = client.json("api/summary");
        assertThat(summary.get("systemName").asText()).isEqualTo(SYSTEM);
        assertThat(summary.get("actorsAlive").asLong()).isGreaterThanOrEqualTo(5 * 21 + 3);
        assertThat(summary.get("heapUsedBytes").asLong()).isPositive();
        assertThat(names(summary)).contains("uptimeMillis", "messagesProcessed", "messagesPerSecond",
                "deadLetters", "drops", "restarts", "heapMaxBytes", "activeAlerts");
        await().atMost(PATIENCE).until(() -> client.json("api/summary").get("messagesPerSecond").asLong() > 0);
    }

    @Test
    void treeIsServedOneLevelAtATime() {
        JsonNode top = client.json("api/tree");
        assertThat(top.get("path").asText()).isEqualTo("troupe://" + SYSTEM + "/");
        assertThat(client.json("api/tree?path=" + encoded("troupe://" + SYSTEM))).isEqualTo(top);
        assertThat(values(top.get("children"), "path")).contains(USER);

        JsonNode app = client.json("api/tree?path=" + encoded(USER + "/app"));
        assertThat(app.get("total").asInt()).isEqualTo(5);
        assertThat(values(app.get("children"), "name"))
                .containsExactly("group-00", "group-01", "group-02", "group-03", "group-04");
        JsonNode group = app.get("children").get(0);
        assertThat(group.get("childCount").asInt()).isEqualTo(20);
        assertThat(group.get("actorType").asText()).isEqualTo("group");
        assertThat(names(group)).contains("mailboxDepth", "messagesPerSecond");

        JsonNode firstTwo = client.json("api/tree?limit=2&path=" + encoded(USER + "/app/group-00"));
        assertThat(firstTwo.get("total").asInt()).isEqualTo(20);
        assertThat(values(firstTwo.get("children"), "name")).containsExactly("worker-000", "worker-001");
    }

    @Test
    void busyWorkersShowARate() {
        String busy = encoded(USER + "/app/group-00");
        client.json("api/tree?path=" + busy); // a first look; rates come from the change between looks
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                client.json("api/tree?path=" + busy).get("children").get(0).get("messagesPerSecond").asLong())
                .isBetween(10L, 200L)); // 50 a second, by the group's timer
    }

    @Test
    void actorDetailsDescribeOneActor() {
        String path = USER + "/app/group-01";
        JsonNode actor = client.json("api/actor?path=" + encoded(path));
        assertThat(actor.get("path").asText()).isEqualTo(path);
        assertThat(actor.get("name").asText()).isEqualTo("group-01");
        assertThat(actor.get("actorType").asText()).isEqualTo("group");
        assertThat(actor.get("mailboxKind").asText()).isEqualTo("unbounded");
        assertThat(actor.get("dispatcher").asText()).isEqualTo("default");
        assertThat(actor.get("childCount").asInt()).isEqualTo(20);
        assertThat(actor.get("children")).hasSize(20);
        assertThat(actor.get("terminated").asBoolean()).isFalse();
        String withUid = path + "#" + actor.get("uid").asLong();
        assertThat(client.json("api/actor?path=" + encoded(withUid)).get("path").asText()).isEqualTo(path);
        assertThat(names(actor)).contains("uid", "mailboxDepth", "messagesProcessed", "messagesPerSecond",
                "estimatedProcessingMillis", "estimatedMemoryBytes", "uptimeMillis");
    }

    @Test
    void actorTypesCarryPercentiles() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode worker = byKey(client.json("api/types"), "actorType", "worker");
            assertThat(worker.get("actorsAlive").asLong()).isEqualTo(100);
            assertThat(worker.get("messagesProcessed").asLong()).isPositive();
            JsonNode processing = worker.get("processingMillis");
            assertThat(processing.get("p99").asDouble()).isGreaterThanOrEqualTo(processing.get("p95").asDouble())
                    .isGreaterThanOrEqualTo(processing.get("p50").asDouble()).isPositive();
            assertThat(names(worker.get("timeInMailboxMillis"))).containsExactly("p50", "p95", "p99");
            assertThat(names(worker)).contains("mailboxDepthMax", "restarts", "failures", "actorsSpawned");
        });
    }

    @Test
    void hottestListsBothOrders() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode hottest = client.json("api/hottest?limit=10");
            assertThat(hottest.get("byProcessing")).hasSize(10);
            assertThat(hottest.get("byMailboxDepth")).hasSize(10);
            // The busy group's workers do the work; the guardian spawning the tests' actors may rank too.
            assertThat(values(hottest.get("byProcessing"), "path"))
                    .anySatisfy(path -> assertThat(path).startsWith(USER + "/app/group-00/worker-"));
            List<Double> busy = new ArrayList<>();
            hottest.get("byProcessing").forEach(a -> busy.add(a.get("processingMillis").asDouble()));
            assertThat(busy).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        });
    }

    @Test
    void restartsAreListedWithTheirCauseAndRaiseAnAlert() {
        for (int i = 1; i <= 3; i++) {
            observed.flaky.tell(new ObservedSystem.Work.Fail("boom " + i));
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode restarts = client.json("api/restarts");
            assertThat(restarts).hasSizeGreaterThanOrEqualTo(3);
            JsonNode newest = restarts.get(0);
            assertThat(newest.get("path").asText()).isEqualTo(USER + "/flaky");
            assertThat(newest.get("causeClass").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(newest.get("causeMessage").asText()).isEqualTo("boom 3");
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode alert = byKey(client.json("api/alerts"), "kind", "RestartRate");
            assertThat(alert.get("subject").asText()).isEqualTo("flaky");
            assertThat(alert.get("message").asText()).contains("restarted");
        });
    }

    @Test
    void deadLettersAreCountedByMessageType() {
        var doomed = observed.kit.spawn(ObservedSystem.worker(), "doomed");
        observed.kit.stop(doomed);
        doomed.tell(new ObservedSystem.Work.Job(1));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode dead = client.json("api/dead-letters");
            assertThat(dead.get("deadLetters").asLong()).isPositive();
            assertThat(values(dead.get("deadLettersByType"), "messageType"))
                    .anySatisfy(type -> assertThat(type).endsWith("Job"));
            assertThat(dead.get("dropsByType").isArray()).isTrue();
        });
    }

    @Test
    void stopEndpointStopsTheActor() {
        var target = observed.kit.spawn(ObservedSystem.worker(), "stop-me");
        TestProbe<Object> watcher = observed.kit.createTestProbe();
        ObserverClient.Reply reply = client.post("api/actor/stop?path=" + encoded(USER + "/stop-me"));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("status").asText()).isEqualTo("stopping");
        watcher.expectTerminated(target, PATIENCE);
        await().atMost(PATIENCE)
                .until(() -> client.get("api/actor?path=" + encoded(USER + "/stop-me")).status() == 404);
    }

    @Test
    void badInputGetsA4xxJsonError() {
        assertError(client.get("api/actor"), 400, "bad_request");
        assertError(client.get("api/actor?path=nonsense"), 400, "bad_request");
        assertError(client.get("api/actor?path=" + encoded("troupe://other-system/user")), 400, "bad_request");
        assertError(client.get("api/actor?path=" + encoded(USER + "/no-such-actor")), 404, "not_found");
        assertError(client.get("api/tree?path=" + encoded(USER + "/no-such-actor")), 404, "not_found");
        assertError(client.get("api/tree?limit=lots"), 400, "bad_request");
        assertError(client.get("api/hottest?limit=0"), 400, "bad_request");
        assertError(client.post("api/actor/stop?path=" + encoded(USER + "/no-such-actor")), 404, "not_found");
        assertError(client.post("api/actor/stop"), 400, "bad_request");
        assertError(client.get("api/no-such-endpoint"), 404, "not_found");
        assertError(client.get("api/actor/stop?path=" + encoded(USER + "/victim")), 404, "not_found");
        assertError(client.get("api/live"), 406, "not_acceptable"); // a stream only for EventSource's Accept
        assertError(client.get("api/tree?limit=" + Long.MAX_VALUE), 400, "bad_request");
        assertError(client.rawGet("api/actor?path=%ZZ", "127.0.0.1"), 400, "bad_request");
        assertError(client.get("api/actor?path=" + encoded(USER + "/victim#notanumber")), 404, "not_found");
        assertError(client.get("api/actor?path=" + encoded(USER + "/%%%/\u0000")), 404, "not_found");
    }

    @Test
    void historyHoldsChartPoints() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode history = client.json("api/history");
            assertThat(history).hasSizeGreaterThanOrEqualTo(2);
            assertThat(names(history.get(0))).containsExactly("timeMillis", "messagesPerSecond",
                    "processingP95Millis", "timeInMailboxP95Millis");
        });
    }

    @Test
    void pageAndAssetsAreServed() {
        ObserverClient.Reply page = client.get("");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"assets/observer.js\"");
        assertThat(client.get("assets/observer.js").contentType()).startsWith("text/javascript");
        assertThat(client.get("assets/observer.css").contentType()).startsWith("text/css");
    }

    static void assertError(ObserverClient.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("error").asText()).isEqualTo(error);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> values(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static JsonNode byKey(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.get(field).asText().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError("No " + field + "=" + value + " in " + array));
    }
}
