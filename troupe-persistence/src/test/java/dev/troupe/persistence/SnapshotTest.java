package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.persistence.Shelf.Event;
import dev.troupe.persistence.Shelf.Items;
import dev.troupe.persistence.internal.InMemorySnapshotStore;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    private final ControlledJournal journal = new ControlledJournal();
    private final InMemorySnapshotStore snapshots = (InMemorySnapshotStore) SnapshotStore.inMemory();
    private final TestProbe<List<String>> replies = testKit.kit().createTestProbe();
    private final TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();

    private ActorRef<Command> spawn(EventSourcedBehavior<Command, Event, Items> shelf) {
        return testKit.kit().spawn(shelf.withSignalHandler((state, signal) -> signals.ref().tell(signal)).behavior());
    }

    /** Puts {@code count} items one command at a time and returns them. */
    private List<String> putOneByOne(ActorRef<Command> shelf, int count) {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add("item-" + i);
            shelf.tell(new Command.Put("item-" + i, replies.ref()));
            replies.expectMessage(List.copyOf(items));
        }
        return items;
    }

    @Test
    void recoveryStartsFromTheLatestSnapshotAndReplaysOnlyTheEventsAfterIt() {
        PersistenceId id = PersistenceId.of("shelf", "s1");
        var shelf = Shelf.shelf("s1", journal).withSnapshots(snapshots, 3);
        ActorRef<Command> first = spawn(shelf);
        signals.expectMessage(new RecoveryCompleted(0));
        List<String> items = putOneByOne(first, 5);
        await().atMost(DEADLINE).until(() -> snapshots.sequenceNrs(id).equals(List.of(3L)));
        testKit.kit().stop(first);

        int readsBefore = journal.readsFrom().size();
        ActorRef<Command> second = spawn(shelf);
        signals.expectMessage(new RecoveryCompleted(5));
        second.tell(new Command.Get(replies.ref()));
        replies.expectMessage(items);
        assertThat(journal.readsFrom().subList(readsBefore, journal.readsFrom().size())).containsExactly(4L);
    }

    @Test
    void aSnapshotIsTakenWhenABatchCrossesAMultipleOfN() {
        PersistenceId id = PersistenceId.of("shelf", "s2");
        ActorRef<Command> shelf = spawn(Shelf.shelf("s2", journal).withSnapshots(snapshots, 3));
        shelf.tell(new Command.PutAll(List.of("a", "b"), replies.ref()));
        shelf.tell(new Command.PutAll(List.of("c", "d", "e", "f", "g"), replies.ref()));
        replies.receiveMessages(2);

        await().atMost(DEADLINE).until(() -> snapshots.sequenceNrs(id).equals(List.of(7L)));
        assertThat(snapshots.loadLatest(id).toCompletableFuture().join()).get()
                .extracting(Snapshot::state).isEqualTo(new Items(List.of("a", "b", "c", "d", "e", "f", "g")));
    }

    @Test
    void retentionKeepsTheLatestSnapshotsAndDeletesTheEventsTheyCover() {
        PersistenceId id = PersistenceId.of("shelf", "s3");
        var shelf = Shelf.shelf("s3", journal).withSnapshots(snapshots, 2).withSnapshotRetention(2, true);
        ActorRef<Command> first = spawn(shelf);
        putOneByOne(first, 10);

        await().atMost(DEADLINE).until(() -> snapshots.sequenceNrs(id).equals(List.of(8L, 10L)));
        await().atMost(DEADLINE).until(() -> journal.events(id).stream().map(PersistentEvent::sequenceNr).toList()
                .equals(List.of(8L, 9L, 10L)));
        testKit.kit().stop(first);

        ActorRef<Command> second = spawn(shelf);
        second.tell(new Command.Put("item-11", replies.ref()));
        replies.expectMessage(IntStream.rangeClosed(1, 11).mapToObj(i -> "item-" + i).toList());
    }

    @Test
    void retentionWithoutEventDeletionKeepsEveryEvent() {
        PersistenceId id = PersistenceId.of("shelf", "s4");
        ActorRef<Command> shelf = spawn(Shelf.shelf("s4", journal).withSnapshots(snapshots, 2)
                .withSnapshotRetention(1, false));
        putOneByOne(shelf, 6);

        await().atMost(DEADLINE).until(() -> snapshots.sequenceNrs(id).equals(List.of(6L)));
        assertThat(journal.events(id)).hasSize(6);
    }
}
