package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.MailboxSelector;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.testkit.TestProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters of {@link TroupeMeterBinder} carry what the actors did, counted independently by the test. */
class TroupeMeterBinderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Tags WORKER = Tags.of("system", "meters", "actor.type", "worker");

    private MetricsFixture fx;

    @BeforeEach
    void start() {
        fx = new MetricsFixture("meters", MetricsFixture.everyMessage().build());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    record Work(ActorRef<String> replyTo, boolean crash) {}

    private static Behavior<Work> worker() {
        return Behaviors.supervise(Behaviors.<Work>receiveMessage(work -> {
            if (work.crash()) {
                throw new IllegalStateException("crash");
            }
            work.replyTo().tell("done");
            return Behaviors.same();
        })).onFailure(IllegalStateException.class, SupervisorStrategy.restart());
    }

    /** Two workers process {@code perWorker} messages each and one crashes twice; returns the replies counted. */
    private int runWorkload(int perWorker) {
        TestProbe<String> replies = fx.kit.createTestProbe();
        List<ActorRef<Work>> workers = List.of(
                fx.kit.spawn(worker(), "worker-a", Props.empty().withActorType("worker")),
                fx.kit.spawn(worker(), "worker-b", Props.empty().withActorType("worker")));
        workers.get(0).tell(new Work(replies.ref(), true));
        workers.get(0).tell(new Work(replies.ref(), true));
        for (int i = 0; i < perWorker; i++) {
            workers.forEach(w -> w.tell(new Work(replies.ref(), false)));
        }
        int counted = replies.receiveMessages(2 * perWorker).size();
        // Samples land after the replies; the census behind the counters runs at the monitor's next check.
        await().atMost(DEADLINE).until(() -> fx.type("worker").processingTime().count() == 2L * perWorker + 2);
        fx.time.timePasses(fx.metrics.settings().checkInterval());
        return counted;
    }

    @Test
    void aSimpleRegistrySeesCountsTimersAndNewTypes() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new TroupeMeterBinder(fx.metrics).bindTo(registry);

        int replies = runWorkload(50);

        assertThat(registry.get("troupe.actors.alive").tags(WORKER).gauge().value()).isEqualTo(2);
        assertThat(registry.get("troupe.actors.spawned").tags(WORKER).functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("troupe.messages.processed").tags(WORKER).functionCounter().count())
                .as("the replies plus the two crashing messages").isEqualTo(replies + 2);
        assertThat(registry.get("troupe.processing.time").tags(WORKER).timer().count()).isEqualTo(replies + 2);
        assertThat(registry.get("troupe.mailbox.time").tags(WORKER).timer().count()).isEqualTo(replies + 2);
        assertThat(registry.get("troupe.mailbox.depth").tags(WORKER).summary().count()).isEqualTo(replies + 2);
        Tags crashes = WORKER.and("cause", IllegalStateException.class.getName());
        assertThat(registry.get("troupe.actor.failures").tags(crashes).functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("troupe.actor.restarts").tags(crashes).functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("troupe.actor.memory").tags(WORKER).gauge().value()).isPositive();

        fx.kit.spawn(Behaviors.ignore(), "late", Props.empty().withActorType("late"));
        assertThat(registry.get("troupe.actors.alive").tags("actor.type", "late").gauge().value())
                .as("a type that appeared after the binding").isEqualTo(1);

        ActorRef<Work> gone = fx.kit.spawn(worker(), "gone");
        fx.kit.stop(gone);
        gone.tell(new Work(fx.kit.system().deadLetters(), false));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(registry.get("troupe.deadletters")
                .tags("system", "meters", "message", Work.class.getName()).functionCounter().count()).isEqualTo(1));

        MetricsFixture.HeldGate full = fx.heldGate("full", "gate",
                Props.empty().withMailbox(MailboxSelector.bounded(1, MailboxSelector.OverflowStrategy.DROP_NEWEST)), 3);
        assertThat(registry.get("troupe.dropped").tags("system", "meters", "message", String.class.getName(),
                "reason", "DROPPED_NEWEST").functionCounter().count()).as("3 sent, 1 kept").isEqualTo(2);
        full.release().countDown();
    }

    @Test
    void thePrometheusScrapeNamesTheMetersWithTagsAndQuantiles() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new TroupeMeterBinder(fx.metrics).bindTo(registry);

        int replies = runWorkload(20);
        int samples = replies + 2;
        String scrape = registry.scrape();

        assertThat(scrape).contains(
                "troupe_actors_alive{actor_type=\"worker\",system=\"meters\"} 2.0\n",
                "troupe_actors_spawned_total{actor_type=\"worker\",system=\"meters\"} 2.0\n",
                "troupe_messages_processed_total{actor_type=\"worker\",system=\"meters\"} " + samples + ".0\n",
                "troupe_actor_restarts_total{actor_type=\"worker\",cause=\"java.lang.IllegalStateException\","
                        + "system=\"meters\"} 2.0\n",
                "troupe_processing_time_seconds_count{actor_type=\"worker\",system=\"meters\"} " + samples + "\n",
                "troupe_mailbox_depth_count{actor_type=\"worker\",system=\"meters\"} " + samples + "\n",
                "troupe_actor_memory_bytes{actor_type=\"worker\",system=\"meters\"}");
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            assertThat(scrape).contains(
                    "troupe_processing_time_seconds{actor_type=\"worker\",system=\"meters\",quantile=\"" + quantile,
                    "troupe_mailbox_time_seconds{actor_type=\"worker\",system=\"meters\",quantile=\"" + quantile,
                    "troupe_mailbox_depth{actor_type=\"worker\",system=\"meters\",quantile=\"" + quantile);
        }
    }

    @Test
    void aThrottledSampleCountsInTheTimersOnceForEachFullRateSampleItStandsFor() {
        // every message would be timed, but the sending pool thread samples more often than once a second
        try (MetricsFixture throttled = new MetricsFixture("throttled",
                MetricsFixture.everyMessage().minSampleSpacing(Duration.ofSeconds(1)).build())) {
            MeterRegistry registry = new SimpleMeterRegistry();
            new TroupeMeterBinder(throttled.metrics).bindTo(registry);
            TestProbe<String> done = throttled.kit.createTestProbe();
            ActorRef<String> sink = throttled.kit.spawn(Behaviors.receiveMessage(message -> {
                if (message.equals("last")) {
                    done.ref().tell("done");
                }
                return Behaviors.same();
            }), "sink", Props.empty().withActorType("sink"));
            ActorRef<String> sender = throttled.kit.spawn(Behaviors.receiveMessage(go -> {
                for (int i = 0; i < 20_000; i++) {
                    sink.tell("work");
                }
                sink.tell("last");
                return Behaviors.same();
            }), "sender");
            sender.tell("go");
            done.expectMessage("done");

            Tags sinkTags = Tags.of("system", "throttled", "actor.type", "sink");
            // a few hundred samples, each counted as the messages it stands for: about the 20,001 messages
            await().atMost(DEADLINE).untilAsserted(() -> {
                long timed = registry.get("troupe.processing.time").tags(sinkTags).timer().count();
                assertThat(timed).isBetween(17_000L, 23_000L)
                        .isEqualTo(throttled.type("sink").processingTime().count())
                        .isEqualTo(registry.get("troupe.mailbox.depth").tags(sinkTags).summary().count());
            });
        }
    }

    @Test
    void bindingMetricsThatServeNoSystemFails() {
        ActorMetrics unbound = ActorMetrics.create();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "unbound");
        try {
            assertThatThrownBy(() -> new TroupeMeterBinder(unbound).bindTo(new SimpleMeterRegistry()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Create the actor system with this ActorMetrics");
        } finally {
            system.terminate();
        }
        assertThatThrownBy(() -> new TroupeMeterBinder(null)).isInstanceOf(NullPointerException.class);
    }
}
