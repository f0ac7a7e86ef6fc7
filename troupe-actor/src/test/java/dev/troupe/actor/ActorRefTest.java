package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ActorRef and ActorPath: null messages, equality by path and uid, printed form, narrowing. */
class ActorRefTest {

    sealed interface Animal {
        record Cat(String name) implements Animal {}
        record Dog(String name) implements Animal {}
    }

    TestSystem sys;
    Probe<Object> probe;

    @BeforeEach
    void start() {
        sys = TestSystem.create("refs");
        probe = sys.probe();
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    @Test
    void tellingNullThrowsANullPointerExceptionNamingTheTarget() {
        ActorRef<Animal> a = sys.spawn(Behaviors.ignore(), "target");
        assertThatThrownBy(() -> a.tell(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining(a.path().toString());
        assertThatThrownBy(() -> sys.system().tell(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("troupe://" + sys.system().name() + "/user");
        assertThatThrownBy(() -> sys.system().deadLetters().tell(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("deadLetters");
        ActorRef<String> adapter = Scripted.run(sys.spawn(Scripted.behavior(probe.ref())),
                ctx -> ctx.messageAdapter((String s) -> new Scripted.Cmd.Note(s)));
        assertThatThrownBy(() -> adapter.tell(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining(adapter.path().toString());
    }

    @Test
    void refsAreEqualByPathAndUidSoARespawnedChildIsADifferentRef() {
        ActorRef<Animal> first = sys.spawn(Behaviors.receiveMessage(m -> Behaviors.stopped()), "pet");
        ActorRef<Object> self = Scripted.run(sys.spawn(Scripted.behavior(probe.ref()), "scripted"),
                ctx -> ctx.self().unsafeUpcast());
        assertThat(self.path().name()).isEqualTo("scripted");

        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(probe.ref()));
        watcher.tell(new Watcher.Cmd.Watch(first));
        probe.receive(Watcher.Watching.class);
        first.tell(new Animal.Cat("x"));
        Terminated t = probe.receive(Terminated.class);
        assertThat(t.ref()).isEqualTo(first).hasSameHashCodeAs(first); // a ref obtained another way, still equal
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            boolean[] gone = new boolean[1];
            sys.inGuardian(ctx -> gone[0] = ctx.child("pet").isEmpty());
            return gone[0];
        });
        ActorRef<Animal> second = sys.spawn(Behaviors.ignore(), "pet");
        assertThat(second.path().toString()).isEqualTo(first.path().toString());
        assertThat(second).isNotEqualTo(first);
        assertThat(second.path()).isNotEqualTo(first.path());
        assertThat(second.path().toStringWithUid()).isNotEqualTo(first.path().toStringWithUid());
    }

    @Test
    void pathsPrintAsTroupeUrisWithoutTheUid() {
        String name = sys.system().name();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(probe.ref()), "parent");
        ActorRef<Void> child = Watcher.spawnChild(parent, Behaviors.<Void>empty(), "child");
        assertThat(child.path().toString()).isEqualTo("troupe://" + name + "/user/parent/child");
        assertThat(child.path().toStringWithUid()).isEqualTo("troupe://" + name + "/user/parent/child#"
                + child.path().uid());
        assertThat(child.path().elements()).isEqualTo(List.of("user", "parent", "child"));
        assertThat(child.path().name()).isEqualTo("child");
        assertThat(child.path().parent().toString()).isEqualTo("troupe://" + name + "/user/parent");
        assertThat(child.path().systemName()).isEqualTo(name);
        assertThat(child.path().address()).isEqualTo("troupe://" + name);
        assertThat(child.path().root().toString()).isEqualTo("troupe://" + name + "/");
        assertThat(sys.system().path().toString()).isEqualTo("troupe://" + name + "/user");
        assertThat(ActorPath.root("sys").child("a", 0).toString()).isEqualTo("troupe://sys/a");
    }

    @Test
    void narrowGivesTheSameRefForASubtype() {
        ActorRef<Animal> animals = sys.spawn(Behaviors.receiveMessage(m -> {
            probe.ref().tell(m);
            return Behaviors.same();
        }));
        ActorRef<Animal.Cat> cats = animals.narrow();
        cats.tell(new Animal.Cat("Tom"));
        assertThat(probe.receive()).isEqualTo(new Animal.Cat("Tom"));
        assertThat(cats).isEqualTo(animals);
    }

    @Test
    void theSystemIsTheRefOfItsGuardian() {
        assertThat(Scripted.<Object>run(sys.spawn(Scripted.behavior(probe.ref())), ctx -> ctx.system().path()))
                .isEqualTo(sys.system().path());
        assertThat(sys.system().path().parent().toString()).isEqualTo("troupe://" + sys.system().name() + "/");
    }
}
