package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Anonymous children's numbers: unique among live siblings, also once the parent's counter has wrapped around. */
class AnonymousNumbersTest {

    /** Runs {@code body} in the setup of the guardian of a fresh system and returns what it returns. */
    private static <R> R inGuardian(Function<ActorContext<Void>, R> body) throws Exception {
        CompletableFuture<R> result = new CompletableFuture<>();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
            try {
                result.complete(body.apply(ctx));
            } catch (RuntimeException | AssertionError e) {
                result.completeExceptionally(e);
            }
            return Behaviors.ignore();
        }), "anonymous-numbers");
        try {
            return result.get(20, TimeUnit.SECONDS);
        } finally {
            system.terminate();
            system.whenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    private static List<String> names(List<? extends ActorRef<?>> refs) {
        return refs.stream().map(r -> r.path().name()).toList();
    }

    @Test
    void afterTheCounterWrapsNumbersOfLiveChildrenAreSkipped() throws Exception {
        Behavior<Object> idle = Behaviors.ignore();
        List<String> names = inGuardian(ctx -> {
            List<ActorRef<Object>> spawned = new ArrayList<>();
            spawned.add(ctx.spawnAnonymous(idle)); // $0
            spawned.add(ctx.spawnAnonymous(idle)); // $1
            ActorRef<Object> two = ctx.spawnAnonymous(idle); // $2: stopping keeps its name until it has stopped
            spawned.add(two);
            ctx.stop(two);
            ((ActorCell<?>) ctx).skipAnonymousNumbersTo(-2);
            spawned.add(ctx.spawnAnonymous(idle)); // $-2
            spawned.add(ctx.spawnAnonymous(idle)); // $-1, after which the counter is back at 0
            spawned.add(ctx.spawnAnonymous(idle)); // 0, 1 and 2 are taken: $3
            spawned.add(ctx.spawnAnonymous(idle)); // $4
            return names(spawned);
        });

        assertThat(names).containsExactly("$0", "$1", "$2", "$-2", "$-1", "$3", "$4");
    }

    @Test
    void aWrapByAMessageAdapterCountsToo() throws Exception {
        Behavior<Object> idle = Behaviors.ignore();
        List<String> names = inGuardian(ctx -> {
            List<ActorRef<?>> refs = new ArrayList<>();
            refs.add(ctx.spawnAnonymous(idle)); // $0
            ((ActorCell<?>) ctx).skipAnonymousNumbersTo(-1);
            refs.add(ctx.messageAdapter((String s) -> null)); // $$-1, after which the counter is back at 0
            refs.add(ctx.spawnAnonymous(idle)); // 0 is taken: $1
            return names(refs);
        });

        assertThat(names).containsExactly("$0", "$$-1", "$1");
    }

    @Test
    void beforeTheCounterWrapsEveryNumberIsNewAndAdaptersShareTheCounter() throws Exception {
        Behavior<Object> idle = Behaviors.ignore();
        List<String> names = inGuardian(ctx -> {
            List<ActorRef<?>> refs = new ArrayList<>();
            refs.add(ctx.spawnAnonymous(idle));
            refs.add(ctx.messageAdapter((String s) -> null));
            ActorRef<Object> second = ctx.spawnAnonymous(idle);
            refs.add(second);
            ctx.stop(second);
            refs.add(ctx.spawnAnonymous(idle));
            return names(refs);
        });

        assertThat(names).containsExactly("$0", "$$1", "$2", "$3");
    }

    @Test
    void anAnonymousChildIsFoundByItsNameAmongNamedOnes() throws Exception {
        Behavior<Object> idle = Behaviors.ignore();
        List<Optional<ActorRef<Void>>> found = inGuardian(ctx -> {
            ActorRef<Object> first = ctx.spawnAnonymous(idle);
            ctx.spawn(idle, "named");
            ActorRef<Object> third = ctx.spawnAnonymous(idle);
            List<Optional<ActorRef<Void>>> lookups = new ArrayList<>();
            lookups.add(ctx.child(first.path().name()));
            lookups.add(ctx.child("named"));
            lookups.add(ctx.child(third.path().name()));
            ctx.stop(first);
            lookups.add(ctx.child(first.path().name())); // still stopping: still a child
            ActorRef<Object> fourth = ctx.spawnAnonymous(idle); // after the index was built
            lookups.add(ctx.child(fourth.path().name()));
            lookups.add(ctx.child("$zz"));
            return lookups;
        });

        assertThat(found).extracting(o -> o.map(r -> r.path().name()).orElse("-"))
                .containsExactly("$0", "named", "$1", "$0", "$2", "-");
    }
}
