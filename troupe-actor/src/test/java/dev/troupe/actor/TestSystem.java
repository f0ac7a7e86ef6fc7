package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.internal.ActorSystemImpl;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A real actor system whose guardian spawns actors on request, so that tests can create actors from the test
 * thread. Test-tree helper only (the test kit module is not used here).
 */
final class TestSystem implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger IDS = new AtomicInteger();

    /** What the test guardian understands. */
    sealed interface GuardianCmd {
        record Spawn<U>(Behavior<U> behavior, String name, Props props, CompletableFuture<ActorRef<U>> result)
                implements GuardianCmd {
            void run(ActorContext<GuardianCmd> ctx) {
                try {
                    result.complete(name == null ? ctx.spawnAnonymous(behavior, props)
                            : ctx.spawn(behavior, name, props));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        }

        record Run(Consumer<ActorContext<GuardianCmd>> action, CompletableFuture<Void> done) implements GuardianCmd {}
    }

    private final ActorSystem<GuardianCmd> system;

    private TestSystem(ActorSystem<GuardianCmd> system) {
        this.system = system;
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    static TestSystem create(String prefix) {
        return create(prefix, settings().build());
    }

    /** Named dispatchers of {@link #settings()}, one of each kind, for {@link RuntimeMatrix}. */
    static final String FIXED_POOL = "fixed-pool";
    static final String PINNED = "pinned";
    static final String VIRTUAL = "virtual";
    static final String CALLING_THREAD = "calling-thread";

    /**
     * Default settings (plus the named dispatchers above), except for at least 4 dispatcher threads: several tests block one actor on a latch
     * (to line up a race deterministically) while other actors must keep running, which needs a spare thread
     * even on a one-CPU machine.
     */
    static ActorSystemSettings.Builder settings() {
        return withTestDispatchers(ActorSystemSettings.builder()
                .parallelism(Math.max(4, Runtime.getRuntime().availableProcessors())).build()).toBuilder();
    }

    /** The named dispatchers of {@link RuntimeMatrix}. */
    private static final Map<String, DispatcherConfig> TEST_DISPATCHERS = Map.of(
            FIXED_POOL, DispatcherConfig.fixedPool(4),
            PINNED, DispatcherConfig.pinned(),
            VIRTUAL, DispatcherConfig.virtualThreads(),
            CALLING_THREAD, DispatcherConfig.callingThread());

    /** A system with {@code settings}, plus the named test dispatchers it does not define itself. */
    static TestSystem create(String prefix, ActorSystemSettings settings) {
        return new TestSystem(ActorSystem.create(guardian(), uniqueName(prefix), withTestDispatchers(settings)));
    }

    private static ActorSystemSettings withTestDispatchers(ActorSystemSettings settings) {
        ActorSystemSettings.Builder builder = settings.toBuilder();
        TEST_DISPATCHERS.forEach((name, config) -> {
            if (settings.dispatcher(name).isEmpty()) {
                builder.dispatcher(name, config);
            }
        });
        return builder.build();
    }

    static Behavior<GuardianCmd> guardian() {
        return Behaviors.receive((ctx, msg) -> {
            switch (msg) {
                case GuardianCmd.Spawn<?> spawn -> spawn.run(ctx);
                case GuardianCmd.Run(var action, var done) -> {
                    try {
                        action.accept(ctx);
                        done.complete(null);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                }
            }
            return Behaviors.same();
        }, (ctx, signal) -> Behaviors.same()); // the guardian outlives failing children in tests
    }

    ActorSystem<GuardianCmd> system() {
        return system;
    }

    ActorSystemImpl<?> impl() {
        return (ActorSystemImpl<?>) system;
    }

    <U> ActorRef<U> spawn(Behavior<U> behavior) {
        return spawn(behavior, null, Props.empty());
    }

    <U> ActorRef<U> spawn(Behavior<U> behavior, Props props) {
        return spawn(behavior, null, props);
    }

    <U> ActorRef<U> spawn(Behavior<U> behavior, String name) {
        return spawn(behavior, name, Props.empty());
    }

    <U> ActorRef<U> spawn(Behavior<U> behavior, String name, Props props) {
        CompletableFuture<ActorRef<U>> result = new CompletableFuture<>();
        system.tell(new GuardianCmd.Spawn<>(behavior, name, props, result));
        return await(result);
    }

    /** Runs {@code action} inside the guardian's turn and waits for it. */
    void inGuardian(Consumer<ActorContext<GuardianCmd>> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        system.tell(new GuardianCmd.Run(action, done));
        await(done);
    }

    <T> Probe<T> probe() {
        return Probe.create(this);
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        return await(stage.toCompletableFuture());
    }

    /** Sends an ask from the test thread and waits for the reply. */
    <Req, Res> Res ask(ActorRef<Req> target, Function<ActorRef<Res>, Req> request) {
        return await(AskPattern.ask(target, request, TIMEOUT, system.scheduler()));
    }

    /** Terminates and waits until the system's threads are gone. */
    void terminateAndAwait() {
        system.terminate();
        try {
            system.whenTerminated().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("system " + system.name() + " did not terminate", e);
        }
        assertThat(impl().liveActorCount()).as("live actors after termination").isZero();
    }

    @Override
    public void close() {
        terminateAndAwait();
    }
}
