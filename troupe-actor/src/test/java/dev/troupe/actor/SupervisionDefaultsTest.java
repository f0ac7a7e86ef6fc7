package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.troupe.actor.Supervisee.Cmd;
import dev.troupe.actor.Supervisee.Processed;
import dev.troupe.actor.Supervisee.SignalSeen;
import dev.troupe.actor.Supervisee.Started;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The system-wide default strategy, and fatal JVM errors, which no strategy handles. */
class SupervisionDefaultsTest {
    private static final String MATRIX = "dev.troupe.actor.RuntimeMatrix#props";

    @Test
    void theDefaultStrategyIsStop() {
        assertThat(ActorSystemSettings.defaults().defaultSupervisorStrategy()).isEqualTo(SupervisorStrategy.stop());
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void byDefaultAnUnsupervisedActorStopsOnFailure(Props props) {
        try (TestSystem sys = TestSystem.create("default-stop")) {
            Probe<Object> report = sys.probe();
            Probe<Object> parentSees = sys.probe();
            ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentSees.ref()), props);
            ActorRef<Cmd> w = Watcher.spawnChild(parent, Supervisee.behavior("w", report.ref(), new AtomicInteger()),
                    "w");
            assertThat(report.receive()).isEqualTo(new Started("w", 1));

            IllegalStateException failure = new IllegalStateException("unsupervised");
            w.tell(new Cmd.Fail(failure));

            assertThat(report.receive()).isEqualTo(new SignalSeen("w", 1, PostStop.INSTANCE));
            assertThat(parentSees.receive(ChildFailed.class).cause()).isSameAs(failure);
        }
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void withADefaultOfRestartAnUnsupervisedActorRestartsAndItsOwnRulesStillComeFirst(Props props) {
        // tag::default-strategy[]
        ActorSystemSettings settings = ActorSystemSettings.builder()
                .defaultSupervisorStrategy(SupervisorStrategy.restart())
                .build();
        // end::default-strategy[]
        try (TestSystem sys = TestSystem.create("default-restart", settings)) {
            Probe<Object> report = sys.probe();
            ActorRef<Cmd> plain = sys.spawn(Supervisee.behavior("plain", report.ref(), new AtomicInteger()), props);
            assertThat(report.receive()).isEqualTo(new Started("plain", 1));
            plain.tell(new Cmd.Fail(new IllegalStateException("restart by default")));
            plain.tell(new Cmd.Work(1));
            assertThat(report.receiveN(3)).containsExactly(new SignalSeen("plain", 1, PreRestart.INSTANCE),
                    new Started("plain", 2), new Processed("plain", 2, 1));

            ActorRef<Cmd> own = sys.spawn(Behaviors.supervise(
                            Supervisee.behavior("own", report.ref(), new AtomicInteger()))
                    .onFailure(IllegalArgumentException.class, SupervisorStrategy.resume()), props);
            assertThat(report.receive()).isEqualTo(new Started("own", 1));
            own.tell(new Cmd.Fail(new IllegalArgumentException("its own rule: resume")));
            own.tell(new Cmd.Work(1));
            own.tell(new Cmd.Fail(new IllegalStateException("no rule of its own: the default restarts")));
            own.tell(new Cmd.Work(2));
            assertThat(report.receiveN(4)).containsExactly(new Processed("own", 1, 1),
                    new SignalSeen("own", 1, PreRestart.INSTANCE), new Started("own", 2), new Processed("own", 2, 2));
        }
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void aFatalErrorTerminatesTheSystemEvenUnderResumeAndLogsTheActor(Props props) throws Exception {
        try (LogCapture cellLog = LogCapture.of("dev.troupe.actor.internal.ActorCell");
             TestSystem sys = TestSystem.create("fatal", TestSystem.settings()
                     .defaultSupervisorStrategy(SupervisorStrategy.restart()).build())) {
            // tag::fatal[]
            Behavior<String> careless = Behaviors.supervise(Behaviors.<String>receiveMessage(m -> {
                throw new OutOfMemoryError("injected");
            })).onFailure(Throwable.class, SupervisorStrategy.resume()); // still terminates the system
            // end::fatal[]
            ActorRef<String> actor = sys.spawn(careless, "careless", props);

            actor.tell("allocate");

            sys.system().whenTerminated().toCompletableFuture().get(TestSystem.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<ILoggingEvent> fatal = cellLog.events().stream()
                    .filter(e -> e.getFormattedMessage().startsWith("Fatal error")).toList();
            assertThat(fatal).hasSize(1);
            assertThat(fatal.get(0).getLevel()).isEqualTo(Level.ERROR);
            assertThat(fatal.get(0).getFormattedMessage()).contains(actor.path().toString())
                    .contains(sys.system().name());
            assertThat(fatal.get(0).getThrowableProxy().getClassName()).isEqualTo(OutOfMemoryError.class.getName());
            assertThat(fatal.get(0).getThrowableProxy().getMessage()).isEqualTo("injected");
        }
    }
}
