package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of the supervision guide (docs/supervision.md), run as written. */
class GroupSupervisorGuideTest {

    sealed interface Service {
        record Crash() implements Service {}

        record Ping(ActorRef<String> replyTo) implements Service {}
    }

    /** A service that reports its starts and stops, and fails on Crash. */
    private static Behavior<Service> service(String name, ActorRef<String> log) {
        return Behaviors.setup(ctx -> {
            log.tell(name + " started");
            return Behaviors.receive((c, msg) -> switch (msg) {
                case Service.Crash() -> throw new IllegalStateException(name + " crashed");
                case Service.Ping(var replyTo) -> {
                    replyTo.tell(name);
                    yield Behaviors.same();
                }
            }, (c, signal) -> {
                if (signal instanceof PostStop) {
                    log.tell(name + " stopped");
                }
                return Behaviors.same();
            });
        });
    }

    @Test
    void restForOneRestartsTheFailedChildAndThoseStartedAfterIt() {
        try (TestSystem sys = TestSystem.create("guide")) {
            Probe<String> log = sys.probe();
            Behavior<Service> database = service("database", log.ref());
            Behavior<Service> cache = service("cache", log.ref());
            Behavior<Service> audit = service("audit", log.ref());

            // tag::group-spec[]
            Behavior<SupervisorCommand> shop = Supervisors.group(SupervisorSpec.of(GroupStrategy.REST_FOR_ONE,
                            ChildSpec.of("database", database),
                            ChildSpec.of("cache", cache), // reads the database: restart it with it
                            ChildSpec.of("audit", audit).withRestartType(RestartType.TEMPORARY))
                    .withIntensity(3, Duration.ofSeconds(10)));
            // end::group-spec[]
            ActorRef<SupervisorCommand> supervisor = sys.spawn(shop, "shop");
            assertThat(log.receiveN(3)).containsExactly("database started", "cache started", "audit started");

            Probe<List<SupervisorCommand.ChildInfo>> children = sys.probe();
            supervisor.tell(new SupervisorCommand.WhichChildren(children.ref()));
            ActorRef<Service> db = children.receive().get(0).ref().orElseThrow().unsafeUpcast();
            db.tell(new Service.Crash());

            // the database failed; audit (temporary) and cache are stopped in reverse order, the database and
            // the cache start again in order, and the temporary audit child is not restarted
            assertThat(log.receiveN(5)).containsExactly("database stopped", "audit stopped", "cache stopped",
                    "database started", "cache started");
            supervisor.tell(new SupervisorCommand.WhichChildren(children.ref()));
            assertThat(children.receive()).extracting(SupervisorCommand.ChildInfo::name)
                    .containsExactly("database", "cache");
        }
    }
}
