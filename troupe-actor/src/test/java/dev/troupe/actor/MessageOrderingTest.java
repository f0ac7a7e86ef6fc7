package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Per sender–receiver FIFO order, with exact counts (no loss, no duplication). */
class MessageOrderingTest {
    static final int SENDERS = 4;
    static final int PER_SENDER = 100_000;

    sealed interface In {
        record Msg(int sender, int seq) implements In {}
        record SenderDone(int sender) implements In {}
        record Report(ActorRef<Result> replyTo) implements In {}
    }

    /** What a receiver saw: per sender, how many messages in order, and the first violation if any. */
    record Result(int[] inOrder, long total, String firstViolation) {}

    sealed interface SenderCmd {
        record Go(List<ActorRef<In>> receivers) implements SenderCmd {}
    }

    static Behavior<In> receiver(ActorRef<Result> reportTo) {
        int[] next = new int[SENDERS];
        long[] total = new long[1];
        int[] done = new int[1];
        String[] violation = new String[1];
        return Behaviors.receiveMessage(msg -> {
            switch (msg) {
                case In.Msg(int sender, int seq) -> {
                    total[0]++;
                    if (seq == next[sender]) {
                        next[sender]++;
                    } else if (violation[0] == null) {
                        violation[0] = "sender " + sender + ": expected " + next[sender] + " got " + seq;
                    }
                }
                case In.SenderDone(int sender) -> {
                    if (++done[0] == SENDERS) {
                        reportTo.tell(new Result(next.clone(), total[0], violation[0]));
                    }
                }
                case In.Report(var replyTo) -> replyTo.tell(new Result(next.clone(), total[0], violation[0]));
            }
            return Behaviors.same();
        });
    }

    static Behavior<SenderCmd> sender(int id) {
        return Behaviors.receiveMessage(msg -> switch (msg) {
            case SenderCmd.Go(var receivers) -> {
                for (int seq = 0; seq < PER_SENDER; seq++) {
                    for (ActorRef<In> r : receivers) {
                        r.tell(new In.Msg(id, seq));
                    }
                }
                receivers.forEach(r -> r.tell(new In.SenderDone(id)));
                yield Behaviors.stopped();
            }
        });
    }

    TestSystem sys;

    @BeforeEach
    void start() {
        sys = TestSystem.create("ordering");
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    private static void assertComplete(Result r) {
        assertThat(r.firstViolation()).as("first order violation").isNull();
        assertThat(r.total()).as("messages received").isEqualTo((long) SENDERS * PER_SENDER);
        assertThat(r.inOrder()).as("in-order messages per sender").containsOnly(PER_SENDER);
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void fourConcurrentThreadsSendingToTwoReceiversAreSeenInOrderPerSenderExactlyOnce(Props props)
            throws Exception {
        Probe<Result> results = sys.probe();
        List<ActorRef<In>> receivers = List.of(sys.spawn(receiver(results.ref()), props),
                sys.spawn(receiver(results.ref()), props));
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int id = s;
            threads.add(Thread.ofPlatform().name("sender-" + s).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int seq = 0; seq < PER_SENDER; seq++) {
                    for (ActorRef<In> r : receivers) {
                        r.tell(new In.Msg(id, seq));
                    }
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            assertThat(t.join(java.time.Duration.ofSeconds(60))).as("sender finished").isTrue();
        }
        // the senders' tells happen-before join, so a Report sent now is queued behind all of them
        for (ActorRef<In> r : receivers) {
            assertComplete(sys.ask(r, In.Report::new));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void fourConcurrentSenderActorsAreSeenInOrderPerSenderExactlyOnce(Props props) {
        Probe<Result> results = sys.probe();
        List<ActorRef<In>> receivers = List.of(sys.spawn(receiver(results.ref()), props),
                sys.spawn(receiver(results.ref()), props));
        for (int s = 0; s < SENDERS; s++) {
            sys.spawn(sender(s), props).tell(new SenderCmd.Go(receivers));
        }
        // each receiver reports once it has every sender's SenderDone, which each sender sends last
        assertComplete(results.receive());
        assertComplete(results.receive());
        assertThat(results.poll(java.time.Duration.ZERO)).isNull();
    }
}
