package dev.troupe.persistence;

import static dev.troupe.persistence.JournalContract.await;
import static dev.troupe.persistence.JournalContract.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.persistence.Shelf.Event;
import dev.troupe.testkit.ActorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of an at-least-once {@link Projection} over a store's journal and offset store; extend it with
 * the two, both of one fresh, empty store per test.
 */
abstract class ProjectionContract {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final PersistenceId A = PersistenceId.of("projected", "a");
    static final PersistenceId B = PersistenceId.of("projected", "b");

    private ActorTestKit kit;
    private final List<String> handled = new CopyOnWriteArrayList<>();

    protected abstract Journal journal();

    protected abstract OffsetStore offsetStore();

    @BeforeEach
    void startTheKit() {
        kit = ActorTestKit.create("projection");
    }

    @AfterEach
    void stopTheKit() {
        kit.shutdown();
    }

    static String item(EventEnvelope envelope) {
        return ((Event.Placed) envelope.event().event()).item();
    }

    /** What the handler does before it records an event: nothing, or throw. */
    private interface Before {
        void accept(EventEnvelope envelope);
    }

    private Projection recording(Before before) {
        return Projection.atLeastOnce("shelf-view", journal(), "shelf", offsetStore(), envelope -> {
            before.accept(envelope);
            handled.add(item(envelope));
            return CompletableFuture.completedFuture(null);
        }).withPollInterval(Duration.ofMillis(20)).withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private void write(PersistentEvent... events) {
        for (PersistentEvent event : events) {
            await(journal().write(List.of(event)));
        }
    }

    @Test
    void theEventsOfATagArriveInWriteOrderAlsoThoseWrittenLater() {
        write(event(A, 1, "shelf"), event(B, 1, "other"), event(B, 2, "shelf"), event(A, 2, "shelf", "long"));
        kit.spawn(recording(envelope -> {}).behavior());
        await().atMost(DEADLINE).until(() -> handled.size() == 3);

        write(event(A, 3, "shelf"), event(B, 3));
        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(handled)
                        .containsExactly("projected|a#1", "projected|b#2", "projected|a#2", "projected|a#3"));
    }

    @Test
    void aRestartedProjectionGoesOnFromItsStoredOffset() {
        write(event(A, 1, "shelf"), event(A, 2, "shelf"));
        ActorRef<Void> first = kit.spawn(recording(envelope -> {}).behavior());
        await().atMost(DEADLINE).until(() -> await(offsetStore().load("shelf-view")) > 0 && handled.size() == 2);
        kit.stop(first);
        long stored = await(offsetStore().load("shelf-view"));
        handled.clear();

        write(event(B, 1, "shelf"));
        kit.spawn(recording(envelope -> {}).behavior());
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(handled).containsExactly("projected|b#1"));
        await().atMost(DEADLINE).until(() -> await(offsetStore().load("shelf-view")) > stored);
    }

    @Test
    void aHandlerFailureRedeliversTheEventsSinceTheStoredOffset() {
        write(event(A, 1, "shelf"), event(A, 2, "shelf"), event(A, 3, "shelf"), event(A, 4, "shelf"));
        AtomicBoolean failed = new AtomicBoolean();
        kit.spawn(recording(envelope -> {
            if (item(envelope).equals("projected|a#3") && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("the read model is down");
            }
        }).behavior());

        // The first page is handled up to a#2, fails on a#3 before its offset is saved: all of it comes again.
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(handled).containsExactly(
                "projected|a#1", "projected|a#2", "projected|a#1", "projected|a#2", "projected|a#3", "projected|a#4"));
        long last = await(journal().eventsByTag("shelf", 0, 10)).getLast().offset();
        await().atMost(DEADLINE).until(() -> await(offsetStore().load("shelf-view")) == last);
    }

    @Test
    void offsetsAreKeptPerProjectionAndBadArgumentsThrow() {
        await(offsetStore().save("one", 7));
        assertThat(await(offsetStore().load("one"))).isEqualTo(7);
        assertThat(await(offsetStore().load("two"))).isZero();
        await(offsetStore().save("one", 9));
        assertThat(await(offsetStore().load("one"))).isEqualTo(9);

        assertThatThrownBy(() -> offsetStore().save(" ", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> offsetStore().save("one", -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Projection.atLeastOnce("p", journal(), "",
                offsetStore(), envelope -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recording(envelope -> {}).withBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recording(envelope -> {})
                .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
