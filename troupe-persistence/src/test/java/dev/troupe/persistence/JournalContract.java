package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.persistence.Shelf.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Journal} must show, TCK style: extend this class with a factory for a fresh,
 * empty journal per test. Events are {@link Event.Placed} records, with tags.
 */
abstract class JournalContract {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final PersistenceId A = PersistenceId.of("contract", "a");
    private static final PersistenceId B = PersistenceId.of("contract", "b");

    private Journal journal;

    /** A new journal holding no events. Called before each test. */
    protected abstract Journal createJournal() throws Exception;

    @BeforeEach
    void createTheJournal() throws Exception {
        journal = createJournal();
    }

    static PersistentEvent event(PersistenceId id, long sequenceNr, String... tags) {
        return new PersistentEvent(id, sequenceNr, new Event.Placed(id.value() + "#" + sequenceNr), Set.of(tags));
    }

    static List<PersistentEvent> batch(PersistenceId id, long from, long to) {
        return IntStream.rangeClosed((int) from, (int) to).mapToObj(nr -> event(id, nr)).toList();
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("The journal did not answer within " + DEADLINE, e);
        }
    }

    private List<PersistentEvent> readAll(PersistenceId id) {
        return await(journal.read(id, 1, Integer.MAX_VALUE));
    }

    @Test
    void writtenEventsAreReadBackInOrderWithTheirTags() {
        List<PersistentEvent> written = List.of(event(A, 1, "shelf"), event(A, 2), event(A, 3, "shelf", "long"));
        await(journal.write(written.subList(0, 1)));
        await(journal.write(written.subList(1, 3)));

        assertThat(readAll(A)).containsExactlyElementsOf(written);
        assertThat(await(journal.highestSequenceNr(A))).isEqualTo(3);
    }

    @Test
    void readsStartAtTheGivenSequenceNumberAndReturnAtMostMax() {
        await(journal.write(batch(A, 1, 10)));

        assertThat(await(journal.read(A, 4, 3))).extracting(PersistentEvent::sequenceNr).containsExactly(4L, 5L, 6L);
        assertThat(await(journal.read(A, 9, 100))).extracting(PersistentEvent::sequenceNr).containsExactly(9L, 10L);
        assertThat(await(journal.read(A, 11, 100))).isEmpty();
    }

    @Test
    void anUnknownPersistenceIdHasNoEvents() {
        assertThat(readAll(A)).isEmpty();
        assertThat(await(journal.highestSequenceNr(A))).isZero();
    }

    @Test
    void persistenceIdsAreIndependent() {
        await(journal.write(batch(A, 1, 2)));
        await(journal.write(batch(B, 1, 3)));

        assertThat(readAll(A)).containsExactlyElementsOf(batch(A, 1, 2));
        assertThat(readAll(B)).containsExactlyElementsOf(batch(B, 1, 3));
    }

    @Test
    void aDuplicateSequenceNumberIsAConflictAndStoresNothingOfItsBatch() {
        await(journal.write(batch(A, 1, 2)));
        List<PersistentEvent> overlapping = List.of(
                new PersistentEvent(A, 2, new Event.Placed("intruder"), Set.of()),
                new PersistentEvent(A, 3, new Event.Placed("intruder"), Set.of()));

        assertThatThrownBy(() -> await(journal.write(overlapping))).hasCauseInstanceOf(SequenceConflictException.class);
        assertThat(readAll(A)).containsExactlyElementsOf(batch(A, 1, 2));
        assertThat(await(journal.highestSequenceNr(A))).isEqualTo(2);
        await(journal.write(batch(A, 3, 3)));
        assertThat(readAll(A)).containsExactlyElementsOf(batch(A, 1, 3));
    }

    @Test
    void aBatchThatWouldLeaveAGapFails() {
        await(journal.write(batch(A, 1, 1)));

        assertThatThrownBy(() -> await(journal.write(batch(A, 3, 3)))).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(readAll(A)).hasSize(1);
    }

    @Test
    void deletedEventsAreGoneButTheHighestSequenceNumberStays() {
        await(journal.write(batch(A, 1, 5)));

        await(journal.deleteUpTo(A, 3));
        assertThat(readAll(A)).extracting(PersistentEvent::sequenceNr).containsExactly(4L, 5L);
        await(journal.deleteUpTo(A, 3)); // again: no error
        await(journal.deleteUpTo(A, 100));
        assertThat(readAll(A)).isEmpty();
        assertThat(await(journal.highestSequenceNr(A))).isEqualTo(5);
        assertThatThrownBy(() -> await(journal.write(batch(A, 5, 5)))).hasCauseInstanceOf(SequenceConflictException.class);
        await(journal.write(batch(A, 6, 6)));
        assertThat(readAll(A)).containsExactly(event(A, 6));
    }

    @Test
    void concurrentWritersOfOneIdGetEachSequenceNumberExactlyOnce() {
        List<CompletableFuture<Void>> attempts = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            String name = "writer-" + writer;
            attempts.add(CompletableFuture.runAsync(() -> {
                for (long nr = 1; nr <= 20; nr++) {
                    try {
                        await(journal.write(List.of(new PersistentEvent(A, nr, new Event.Placed(name), Set.of()))));
                    } catch (CompletionException e) {
                        assertThat(e).hasCauseInstanceOf(SequenceConflictException.class);
                    }
                }
            }));
        }
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();

        assertThat(readAll(A)).extracting(PersistentEvent::sequenceNr)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList());
    }

    @Test
    void writesOfManyIdsInFlightAtOnceAllSucceed() {
        List<PersistenceId> ids = IntStream.range(0, 50).mapToObj(i -> PersistenceId.of("many", "id-" + i)).toList();
        for (long nr = 1; nr <= 5; nr++) {
            long round = nr;
            List<CompletableFuture<Void>> inFlight = ids.stream()
                    .map(id -> journal.write(batch(id, round, round)).toCompletableFuture()).toList();
            inFlight.forEach(JournalContract::await);
        }
        for (PersistenceId id : ids) {
            assertThat(readAll(id)).containsExactlyElementsOf(batch(id, 1, 5));
        }
    }

    private List<EventEnvelope> byTag(String tag, long afterOffset, int max) {
        return await(journal.eventsByTag(tag, afterOffset, max));
    }

    @Test
    void eventsByTagComeInWriteOrderAcrossIdsWithGrowingOffsets() {
        await(journal.write(List.of(event(A, 1, "shelf"), event(A, 2))));
        await(journal.write(List.of(event(B, 1, "shelf", "long"))));
        await(journal.write(List.of(event(A, 3, "long"), event(A, 4, "shelf"))));

        List<EventEnvelope> shelf = byTag("shelf", 0, 100);
        assertThat(shelf).extracting(EventEnvelope::event)
                .containsExactly(event(A, 1, "shelf"), event(B, 1, "shelf", "long"), event(A, 4, "shelf"));
        assertThat(shelf).extracting(EventEnvelope::offset).isSorted().doesNotHaveDuplicates()
                .allMatch(offset -> offset > 0);
        assertThat(byTag("long", 0, 100)).extracting(EventEnvelope::event)
                .containsExactly(event(B, 1, "shelf", "long"), event(A, 3, "long"));
        assertThat(byTag("nobody", 0, 100)).isEmpty();
    }

    @Test
    void eventsByTagStartAfterTheGivenOffsetAndReturnAtMostMax() {
        for (long nr = 1; nr <= 6; nr++) {
            await(journal.write(List.of(event(nr % 2 == 0 ? A : B, (nr + 1) / 2, "t"))));
        }
        List<EventEnvelope> all = byTag("t", 0, 100);
        assertThat(all).hasSize(6);

        assertThat(byTag("t", 0, 2)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(byTag("t", all.get(1).offset(), 3)).containsExactlyElementsOf(all.subList(2, 5));
        assertThat(byTag("t", all.get(5).offset(), 3)).isEmpty();
    }

    @Test
    void deletedEventsAreNotReturnedByTagAndLaterOnesGetGreaterOffsets() {
        await(journal.write(List.of(event(A, 1, "t"), event(A, 2, "t"))));
        long before = byTag("t", 0, 100).getLast().offset();

        await(journal.deleteUpTo(A, 2));
        assertThat(byTag("t", 0, 100)).isEmpty();
        await(journal.write(List.of(event(A, 3, "t"))));
        assertThat(byTag("t", 0, 100)).singleElement()
                .satisfies(envelope -> assertThat(envelope.offset()).isGreaterThan(before))
                .extracting(EventEnvelope::event).isEqualTo(event(A, 3, "t"));
    }

    @Test
    void badArgumentsThrowAtTheCall() {
        assertThatThrownBy(() -> journal.eventsByTag(" ", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.eventsByTag("t", -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.eventsByTag("t", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.eventsByTag(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> journal.write(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.write(List.of(event(A, 1), event(B, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixes");
        assertThatThrownBy(() -> journal.write(List.of(event(A, 1), event(A, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive");
        assertThatThrownBy(() -> journal.read(A, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.read(A, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.deleteUpTo(A, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.write(null)).isInstanceOf(NullPointerException.class);
    }
}
