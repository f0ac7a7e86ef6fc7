package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviors.withStash: order, capacity, and unstashing into behaviors that change. */
class StashTest {

    sealed interface Cmd {
        record Msg(int n) implements Cmd {}
        record Open() implements Cmd {}
        record Inspect(ActorRef<Object> replyTo) implements Cmd {}
    }

    record StashState(int size, boolean empty, boolean full, int capacity, List<Cmd> contents) {}

    /** Stashes Msgs until Open; when open, reports Msgs and closes again at {@code closeAt}. */
    static Behavior<Cmd> gate(int capacity, int closeAt, ActorRef<Object> report) {
        return Behaviors.withStash(capacity, stash -> closed(stash, closeAt, report));
    }

    static Behavior<Cmd> closed(StashBuffer<Cmd> stash, int closeAt, ActorRef<Object> report) {
        return Behaviors.receiveMessage(msg -> switch (msg) {
            case Cmd.Msg m -> {
                try {
                    stash.stash(m);
                } catch (StashOverflowException e) {
                    report.tell(e);
                }
                yield Behaviors.same();
            }
            case Cmd.Open open -> stash.unstashAll(open(stash, closeAt, report));
            case Cmd.Inspect(var replyTo) -> {
                List<Cmd> contents = new ArrayList<>();
                stash.forEach(contents::add);
                replyTo.tell(new StashState(stash.size(), stash.isEmpty(), stash.isFull(), stash.capacity(), contents));
                yield Behaviors.same();
            }
        });
    }

    static Behavior<Cmd> open(StashBuffer<Cmd> stash, int closeAt, ActorRef<Object> report) {
        return Behaviors.receiveMessage(msg -> switch (msg) {
            case Cmd.Msg m -> {
                report.tell(m);
                yield m.n() == closeAt ? closed(stash, -1, report) : Behaviors.same();
            }
            case Cmd.Open open -> Behaviors.same();
            case Cmd.Inspect(var replyTo) -> {
                replyTo.tell(new StashState(stash.size(), stash.isEmpty(), stash.isFull(), stash.capacity(), List.of()));
                yield Behaviors.same();
            }
        });
    }

    TestSystem sys;
    Probe<Object> probe;

    @BeforeEach
    void start() {
        sys = TestSystem.create("stash");
        probe = sys.probe();
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    @Test
    void unstashAllProcessesStashedMessagesOldestFirstBeforeNewOnes() {
        ActorRef<Cmd> gate = sys.spawn(gate(100, -1, probe.ref()));
        for (int i = 1; i <= 5; i++) {
            gate.tell(new Cmd.Msg(i));
        }
        gate.tell(new Cmd.Inspect(probe.ref()));
        StashState state = (StashState) probe.receive();
        assertThat(state.size()).isEqualTo(5);
        assertThat(state.empty()).isFalse();
        assertThat(state.full()).isFalse();
        assertThat(state.capacity()).isEqualTo(100);
        assertThat(state.contents()).containsExactly(new Cmd.Msg(1), new Cmd.Msg(2), new Cmd.Msg(3), new Cmd.Msg(4),
                new Cmd.Msg(5));
        gate.tell(new Cmd.Open());
        gate.tell(new Cmd.Msg(6));
        for (int i = 1; i <= 6; i++) {
            assertThat(probe.receive()).isEqualTo(new Cmd.Msg(i));
        }
    }

    @Test
    void stashingIntoAFullBufferThrowsStashOverflowException() {
        ActorRef<Cmd> gate = sys.spawn(gate(3, -1, probe.ref()));
        for (int i = 1; i <= 4; i++) {
            gate.tell(new Cmd.Msg(i));
        }
        assertThat(probe.receive()).isInstanceOf(StashOverflowException.class);
        gate.tell(new Cmd.Inspect(probe.ref()));
        StashState state = (StashState) probe.receive();
        assertThat(state.full()).isTrue();
        assertThat(state.contents()).containsExactly(new Cmd.Msg(1), new Cmd.Msg(2), new Cmd.Msg(3));
    }

    @Test
    void anUncaughtStashOverflowFailsTheActor() {
        Probe<Object> parentEvents = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref()));
        ActorRef<Cmd.Msg> stasher = Watcher.spawnChild(parent, Behaviors.<Cmd.Msg>withStash(1, stash ->
                Behaviors.receiveMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })), "stasher");
        try (LogCapture ignored = LogCapture.of(dev.troupe.actor.internal.ActorCell.class, null)) {
            stasher.tell(new Cmd.Msg(1));
            stasher.tell(new Cmd.Msg(2));
            assertThat(parentEvents.receive(ChildFailed.class).cause()).isInstanceOf(StashOverflowException.class)
                    .hasMessageContaining(stasher.path().toString());
        }
    }

    @Test
    void aBehaviorChangeDuringUnstashingLeavesTheRestStashedInOrder() {
        ActorRef<Cmd> gate = sys.spawn(gate(100, 3, probe.ref()));
        for (int i = 1; i <= 5; i++) {
            gate.tell(new Cmd.Msg(i));
        }
        gate.tell(new Cmd.Open()); // unstashes 1..3, closes at 3, so 4 and 5 are stashed again
        gate.tell(new Cmd.Msg(6));
        gate.tell(new Cmd.Inspect(probe.ref()));
        assertThat(probe.receiveN(3)).containsExactly(new Cmd.Msg(1), new Cmd.Msg(2), new Cmd.Msg(3));
        StashState state = (StashState) probe.receive();
        assertThat(state.contents()).containsExactly(new Cmd.Msg(4), new Cmd.Msg(5), new Cmd.Msg(6));
        gate.tell(new Cmd.Open());
        assertThat(probe.receiveN(3)).containsExactly(new Cmd.Msg(4), new Cmd.Msg(5), new Cmd.Msg(6));
    }

    @Test
    void unstashingIntoAStoppedBehaviorStopsAndTheRestIsNotProcessed() {
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(probe.ref()));
        ActorRef<Cmd> actor = sys.spawn(Behaviors.<Cmd>withStash(10, stash -> Behaviors.receiveMessage(msg ->
                switch (msg) {
                    case Cmd.Msg m -> {
                        stash.stash(m);
                        yield Behaviors.same();
                    }
                    case Cmd.Open open -> stash.unstashAll(Behaviors.receiveMessage(m -> {
                        probe.ref().tell(m);
                        return m instanceof Cmd.Msg(int n) && n == 2 ? Behaviors.stopped() : Behaviors.same();
                    }));
                    case Cmd.Inspect inspect -> Behaviors.same();
                })));
        watcher.tell(new Watcher.Cmd.Watch(actor));
        probe.receive(Watcher.Watching.class);
        for (int i = 1; i <= 4; i++) {
            actor.tell(new Cmd.Msg(i));
        }
        actor.tell(new Cmd.Open());
        assertThat(probe.receive()).isEqualTo(new Cmd.Msg(1));
        assertThat(probe.receive()).isEqualTo(new Cmd.Msg(2));
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(actor));
    }

    @Test
    void headClearAndCapacityValidation() {
        assertThatThrownBy(() -> Behaviors.withStash(0, s -> Behaviors.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        ActorRef<Cmd> actor = sys.spawn(Behaviors.<Cmd>withStash(5, stash -> Behaviors.receiveMessage(msg -> {
            switch (msg) {
                case Cmd.Msg m -> stash.stash(m);
                case Cmd.Open open -> {
                    probe.ref().tell(stash.head());
                    stash.clear();
                    probe.ref().tell(stash.isEmpty());
                    try {
                        stash.head();
                    } catch (java.util.NoSuchElementException e) {
                        probe.ref().tell("empty head");
                    }
                }
                case Cmd.Inspect inspect -> { }
            }
            return Behaviors.same();
        })));
        actor.tell(new Cmd.Msg(7));
        actor.tell(new Cmd.Msg(8));
        actor.tell(new Cmd.Open());
        assertThat(probe.receive()).isEqualTo(new Cmd.Msg(7));
        assertThat(probe.receive()).isEqualTo(true);
        assertThat(probe.receive()).isEqualTo("empty head");
    }
}
