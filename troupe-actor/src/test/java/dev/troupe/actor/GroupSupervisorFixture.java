package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.SupervisorCommand.ChildInfo;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Workers for group supervisor tests: each incarnation writes "name start" from its setup and
 * "name stop" from PostStop (any other signal as "name SignalName") into a shared journal, and keeps a counter
 * that tells a fresh incarnation from an old one.
 */
final class GroupSupervisorFixture {
    private GroupSupervisorFixture() {}

    sealed interface Work {
        record Incr() implements Work {}
        record Get(ActorRef<Integer> replyTo) implements Work {}
        record Fail(String why) implements Work {}
        record StopSelf() implements Work {}
    }

    /** Thrown by a worker told to fail. */
    static final class Boom extends RuntimeException {
        Boom(String message) {
            super(message);
        }
    }

    /** A shared, ordered record of what the workers did. */
    static final class Journal {
        final Queue<String> lines = new ConcurrentLinkedQueue<>();

        void add(String line) {
            lines.add(line);
        }

        List<String> snapshot() {
            return List.copyOf(lines);
        }

        /** Waits until the journal holds {@code n} lines and returns them. */
        List<String> awaitSize(int n) {
            Awaitility.await().atMost(TestSystem.TIMEOUT).until(() -> lines.size() >= n);
            return snapshot();
        }
    }

    static Behavior<Work> worker(String name, Journal journal) {
        return worker(name, journal, null);
    }

    /** A worker whose setup first waits for {@code gate} (if not null), counting {@code entered} down. */
    static Behavior<Work> worker(String name, Journal journal, Gate gate) {
        return Behaviors.setup(ctx -> {
            if (gate != null) {
                gate.pass(name, journal);
            }
            journal.add(name + " start");
            int[] count = {0};
            return Behaviors.receive((c, msg) -> {
                switch (msg) {
                    case Work.Incr() -> count[0]++;
                    case Work.Get(var replyTo) -> replyTo.tell(count[0]);
                    case Work.Fail(var why) -> throw new Boom(why);
                    case Work.StopSelf() -> {
                        return Behaviors.stopped();
                    }
                }
                return Behaviors.same();
            }, (c, signal) -> {
                journal.add(name + (signal instanceof PostStop ? " stop" : " " + signal.getClass().getSimpleName()));
                return Behaviors.same();
            });
        });
    }

    /** Blocks the setups of the incarnations numbered {@code blockFrom} and later until released. */
    static final class Gate {
        final int blockFrom;
        final CountDownLatch release = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger incarnations = new java.util.concurrent.atomic.AtomicInteger();

        Gate(int blockFrom) {
            this.blockFrom = blockFrom;
        }

        void pass(String name, Journal journal) throws InterruptedException {
            if (incarnations.incrementAndGet() >= blockFrom) {
                journal.add(name + " blocked");
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never released");
                }
            }
        }

        void open() {
            release.countDown();
        }
    }

    static List<ChildInfo> which(TestSystem ts, ActorRef<SupervisorCommand> sup) {
        return ts.ask(sup, SupervisorCommand.WhichChildren::new);
    }

    static ActorRef<Work> child(TestSystem ts, ActorRef<SupervisorCommand> sup, String name) {
        ChildInfo info = which(ts, sup).stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + name));
        assertThat(info.running()).as(name + " running").isTrue();
        return info.ref().orElseThrow().unsafeUpcast();
    }

    static int count(TestSystem ts, ActorRef<SupervisorCommand> sup, String name) {
        return ts.ask(child(ts, sup, name), Work.Get::new);
    }

    static void incr(TestSystem ts, ActorRef<SupervisorCommand> sup, String... names) {
        for (String name : names) {
            child(ts, sup, name).tell(new Work.Incr());
        }
    }

    static List<String> names(List<ChildInfo> infos) {
        return infos.stream().map(ChildInfo::name).toList();
    }

    static TestSystem system(String prefix) {
        return TestSystem.create(prefix, TestSystem.settings()
                .unhandledMessagePolicy(UnhandledMessagePolicy.FAIL).build());
    }

    static TestSystem system(String prefix, Scheduler scheduler) {
        return TestSystem.create(prefix, TestSystem.settings().scheduler(() -> scheduler)
                .unhandledMessagePolicy(UnhandledMessagePolicy.FAIL).build());
    }

    static final Duration LONG = Duration.ofMinutes(10);
}
