package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A restart resets state and behavior but keeps the mailbox: only the failing messages are lost. */
class RestartKeepsMailboxTest {
    private TestSystem sys;

    @BeforeEach
    void start() {
        sys = TestSystem.create("restart-mailbox");
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    sealed interface Cmd {
        record Numbered(int n) implements Cmd {}

        record Report(ActorRef<Result> replyTo) implements Cmd {}
    }

    /** Every number processed since the start, and the state of the current incarnation. */
    record Result(List<Integer> processed, int processedSinceRestart, int setups) {}

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void restartKeepsMailboxButResetsState(Props props) {
        // 10,000 numbered messages; every 100th throws; the actor restarts each time.
        List<Integer> processed = new ArrayList<>();
        int[] setups = {0};
        Behavior<Cmd> counting = Behaviors.setup(ctx -> {
            setups[0]++;
            int[] sinceRestart = {0};
            return Behaviors.receiveMessage(msg -> switch (msg) {
                case Cmd.Numbered(int n) -> {
                    if (n % 100 == 0) {
                        throw new IllegalStateException("injected failure at " + n);
                    }
                    processed.add(n);
                    sinceRestart[0]++;
                    yield Behaviors.same();
                }
                case Cmd.Report(var replyTo) -> {
                    replyTo.tell(new Result(List.copyOf(processed), sinceRestart[0], setups[0]));
                    yield Behaviors.same();
                }
            });
        });
        ActorRef<Cmd> actor = sys.spawn(Behaviors.supervise(counting)
                .onFailure(IllegalStateException.class, SupervisorStrategy.restart()), props);
        Probe<Result> report = sys.probe();

        for (int n = 1; n <= 10_000; n++) {
            actor.tell(new Cmd.Numbered(n));
        }
        actor.tell(new Cmd.Report(report.ref()));

        Result result = report.receive();
        List<Integer> expected = IntStream.rangeClosed(1, 10_000).filter(n -> n % 100 != 0).boxed().toList();
        assertThat(result.processed()).isEqualTo(expected); // exactly the 100 failing ones missing, in order
        assertThat(result.setups()).isEqualTo(101); // the first start and 100 restarts
        assertThat(result.processedSinceRestart()).isZero(); // the last message (10,000) failed: fresh state
    }
}
