package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact sequence of {@link SupervisionEvent}s published for each kind of decision. */
class SupervisionEventsTest {
    private TestSystem sys;
    private Probe<SupervisionEvent> events;
    private ActorRef<Object> sink;

    @BeforeEach
    void start() {
        sys = TestSystem.create("supervision-events");
        events = sys.probe();
        sink = sys.spawn(Behaviors.ignore());
        // tag::subscribe-events[]
        sys.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
        // end::subscribe-events[]
    }

    @AfterEach
    void close() {
        sys.close();
    }

    /** A user class, so that the events' actor type has a name to check. */
    static final class Thermostat extends AbstractBehavior<String> {
        private final ActorRef<String> report;

        Thermostat(ActorContext<String> context, ActorRef<String> report) {
            super(context);
            this.report = report;
        }

        @Override
        public Behavior<String> onMessage(String message) {
            if (message.startsWith("fail")) {
                throw new IllegalStateException(message);
            }
            report.tell(message);
            return this;
        }

        @Override
        public Behavior<String> onSignal(Signal signal) {
            return signal instanceof ChildFailed ? Behaviors.unhandled() : Behaviors.same();
        }
    }

    private static final String THERMOSTAT = Thermostat.class.getName();

    private ActorRef<String> spawn(ActorRef<Watcher.Cmd> parent, SupervisorStrategy strategy, String name) {
        Behavior<String> thermostat = Behaviors.<String>setup(ctx -> new Thermostat(ctx, sink.narrow()));
        Behavior<String> behavior = strategy == null ? thermostat
                : Behaviors.supervise(thermostat).onFailure(IllegalStateException.class, strategy);
        return parent == null ? sys.spawn(behavior, name) : Watcher.spawnChild(parent, behavior, name);
    }

    /** Fails {@code actor} with "fail-{@code n}" and returns the events: Failed and the decision. */
    private List<SupervisionEvent> fail(ActorRef<String> actor, int n) {
        actor.tell("fail-" + n);
        return events.receiveN(2);
    }

    private static void expectEvents(List<SupervisionEvent> actual, ActorRef<?> actor, String type, String cause,
                                     Object... kindsAndCounts) {
        assertThat(actual).hasSize(kindsAndCounts.length / 2);
        for (int i = 0; i < actual.size(); i++) {
            SupervisionEvent event = actual.get(i);
            assertThat(event).as("event %d", i).isInstanceOf((Class<?>) kindsAndCounts[2 * i]);
            assertThat(event.actor()).isEqualTo(actor.path());
            assertThat(event.actorType()).isEqualTo(type);
            assertThat(event.cause()).hasMessage(cause);
            assertThat(event.restartCount()).as("restartCount of %s", event).isEqualTo(kindsAndCounts[2 * i + 1]);
        }
    }

    @Test
    void resumeIsFailedThenResumed() {
        ActorRef<String> actor = spawn(null, SupervisorStrategy.resume(), "resumes");
        expectEvents(fail(actor, 1), actor, THERMOSTAT, "fail-1",
                SupervisionEvent.Failed.class, 0, SupervisionEvent.Resumed.class, 0);
    }

    @Test
    void limitedRestartsCountUpThenTheLastFailureEscalates() {
        ActorRef<String> actor = spawn(null, SupervisorStrategy.restart().withLimit(3, Duration.ofMinutes(10)),
                "restarts");
        for (int n = 1; n <= 3; n++) {
            expectEvents(fail(actor, n), actor, THERMOSTAT, "fail-" + n,
                    SupervisionEvent.Failed.class, n - 1, SupervisionEvent.Restarted.class, n);
        }
        expectEvents(fail(actor, 4), actor, THERMOSTAT, "fail-4",
                SupervisionEvent.Failed.class, 3, SupervisionEvent.Escalated.class, 3);
    }

    @Test
    void anUnlimitedRestartCountsEveryRestartSoFar() {
        ActorRef<String> actor = spawn(null, SupervisorStrategy.restart(), "restarts-forever");
        for (int n = 1; n <= 3; n++) {
            expectEvents(fail(actor, n), actor, THERMOSTAT, "fail-" + n,
                    SupervisionEvent.Failed.class, n - 1, SupervisionEvent.Restarted.class, n);
        }
    }

    @Test
    void backoffRestartsCountTheConsecutiveRestarts() {
        ActorRef<String> actor = spawn(null, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(1),
                Duration.ofMinutes(1), 0.0), "backs-off");
        for (int n = 1; n <= 3; n++) {
            expectEvents(fail(actor, n), actor, THERMOSTAT, "fail-" + n,
                    SupervisionEvent.Failed.class, n - 1, SupervisionEvent.Restarted.class, n);
        }
    }

    @Test
    void stopAndTheDefaultForAnUnsupervisedActorAreFailedThenStoppedOnFailure() {
        for (SupervisorStrategy strategy : new SupervisorStrategy[] {SupervisorStrategy.stop(), null}) {
            ActorRef<String> actor = spawn(null, strategy, strategy == null ? "unsupervised" : "stops");
            expectEvents(fail(actor, 1), actor, THERMOSTAT, "fail-1",
                    SupervisionEvent.Failed.class, 0, SupervisionEvent.StoppedOnFailure.class, 0);
        }
    }

    @Test
    void anEscalationIsEscalatedForTheChildThenTheParentsOwnDecision() {
        ActorRef<Watcher.Cmd> grandparent = sys.spawn(Watcher.behavior(sink));
        Behavior<Supervisee.Cmd> parentBehavior = Behaviors.supervise(
                        Supervisee.behavior("p", sink, new java.util.concurrent.atomic.AtomicInteger()))
                .onFailure(IllegalStateException.class, SupervisorStrategy.restart());
        ActorRef<Supervisee.Cmd> parent = Watcher.spawnChild(grandparent, parentBehavior, "parent");
        ActorRef<String> child = Supervisee.spawnChild(parent, Behaviors.supervise(
                        Behaviors.<String>setup(ctx -> new Thermostat(ctx, sink.narrow())))
                .onFailure(IllegalStateException.class, SupervisorStrategy.escalate()), "child");

        List<SupervisionEvent> all = fail(child, 1);
        expectEvents(all, child, THERMOSTAT, "fail-1",
                SupervisionEvent.Failed.class, 0, SupervisionEvent.Escalated.class, 0);
        List<SupervisionEvent> parents = events.receiveN(2);
        expectEvents(parents, parent, Supervisee.class.getName(), "fail-1",
                SupervisionEvent.Failed.class, 0, SupervisionEvent.Restarted.class, 1);
        assertThat(parents.get(0).cause()).isSameAs(all.get(0).cause());
    }
}
