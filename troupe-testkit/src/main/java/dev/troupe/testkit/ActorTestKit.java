package dev.troupe.testkit;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Props;
import dev.troupe.actor.Terminated;
import dev.troupe.testkit.internal.KitGuardian;
import dev.troupe.testkit.internal.ProbeBehavior;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An actor system for tests, with helpers to spawn and stop actors from the test thread and to create
 * {@link TestProbe}s. Create one per test class (the {@link TestKitExtension} does that) and
 * {@link #shutdown()} it at the end.
 *
 * <pre>{@code
 * ActorTestKit kit = ActorTestKit.create();
 * TestProbe<Integer> probe = kit.createTestProbe();
 * ActorRef<Counter> counter = kit.spawn(Counter.create(), "counter");
 * counter.tell(new Counter.Get(probe.ref()));
 * probe.expectMessage(0);
 * kit.shutdown();
 * }</pre>
 *
 * <p><b>Threading.</b> All methods are safe from any thread. Spawning and stopping block the caller until the
 * kit's guardian has done it, up to {@link TestKitSettings#singleExpect()}.
 *
 * <p><b>Failures.</b> Waiting longer than the time-out throws {@link AssertionError}. A spawn that the
 * runtime rejects (a taken or malformed name) throws the runtime's exception, as
 * {@link dev.troupe.actor.ActorContext#spawn} would.
 */
public final class ActorTestKit {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ActorSystem<KitGuardian.Command> system;
    private final TestKitSettings settings;
    private final AtomicInteger probeNames = new AtomicInteger();

    private ActorTestKit(ActorSystem<KitGuardian.Command> system, TestKitSettings settings) {
        this.system = system;
        this.settings = settings;
    }

    /** A kit with a system named {@code testkit-<n>} and default settings. */
    public static ActorTestKit create() {
        return create("testkit-" + NAMES.incrementAndGet());
    }

    /**
     * A kit with a system named {@code name} and default settings.
     *
     * @throws dev.troupe.actor.InvalidActorNameException if {@code name} is not a valid system name
     */
    public static ActorTestKit create(String name) {
        return create(name, ActorSystemSettings.defaults());
    }

    /** A kit with a system named {@code name} and {@code systemSettings}, e.g. with {@link ManualTime}. */
    public static ActorTestKit create(String name, ActorSystemSettings systemSettings) {
        return create(name, systemSettings, TestKitSettings.defaults());
    }

    /** A kit with a system named {@code name}, {@code systemSettings} and the kit's own time-outs. */
    public static ActorTestKit create(String name, ActorSystemSettings systemSettings, TestKitSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new ActorTestKit(ActorSystem.create(KitGuardian.create(), name, systemSettings), settings);
    }

    /** The kit's actor system. Its guardian belongs to the kit, hence the {@code Void} message type. */
    public ActorSystem<Void> system() {
        return castSystem(system);
    }

    /** The time-outs in use. */
    public TestKitSettings settings() {
        return settings;
    }

    /** Spawns {@code behavior} as an anonymous top-level actor and returns its ref once spawned. */
    public <T> ActorRef<T> spawn(Behavior<T> behavior) {
        return spawn(behavior, null, Props.empty());
    }

    /** Spawns {@code behavior} as a top-level actor named {@code name}. */
    public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
        return spawn(behavior, Objects.requireNonNull(name, "name"), Props.empty());
    }

    /** Spawns {@code behavior} as a top-level actor named {@code name} with {@code props}. */
    public <T> ActorRef<T> spawn(Behavior<T> behavior, String name, Props props) {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(props, "props");
        KitGuardian.SpawnResult<T> result = askGuardian(
                replyTo -> new KitGuardian.Spawn<>(behavior, name, props, replyTo),
                "spawn " + (name == null ? "an anonymous actor" : "[" + name + "]"));
        if (result.failure() != null) {
            throw result.failure();
        }
        return result.ref();
    }

    /** Stops {@code ref} and waits, up to the default time-out, until it has terminated. */
    public void stop(ActorRef<?> ref) {
        stop(ref, settings.singleExpect());
    }

    /**
     * Stops {@code ref} and waits, up to {@code max}, until it has terminated (its children and
     * {@link dev.troupe.actor.PostStop} included). Stopping an actor that has already stopped returns at once.
     *
     * @throws IllegalArgumentException if {@code ref} was not spawned by this kit
     * @throws AssertionError if it did not terminate in time
     */
    public void stop(ActorRef<?> ref, Duration max) {
        Objects.requireNonNull(ref, "ref");
        if (!ref.path().parent().equals(system.path())) {
            throw new IllegalArgumentException("Only actors spawned by this test kit can be stopped with "
                    + "ActorTestKit.stop; " + ref.path() + " is not one (it is not a child of " + system.path()
                    + ")");
        }
        this.<KitGuardian.Stopped>ask(replyTo -> new KitGuardian.StopChild(ref, replyTo), "stop " + ref.path(),
                settings.dilated(TestProbe.checked(max)));
    }

    /** A new probe, an actor named {@code probe-<n>}. */
    public <T> TestProbe<T> createTestProbe() {
        return createTestProbe("probe-" + probeNames.incrementAndGet());
    }

    /** A new probe, an actor named {@code name}. */
    public <T> TestProbe<T> createTestProbe(String name) {
        BlockingQueue<Object> messages = new LinkedBlockingDeque<>();
        BlockingQueue<Terminated> terminations = new LinkedBlockingDeque<>();
        ActorRef<Object> actor = spawn(ProbeBehavior.create(messages, terminations), name);
        return new TestProbe<>(actor, messages, terminations, settings);
    }

    /**
     * Terminates the system and waits for it, up to {@link TestKitSettings#shutdown()}. Calling it again
     * waits again (and returns at once once terminated).
     *
     * @throws AssertionError if the system did not terminate in time, naming the system and the time waited
     */
    public void shutdown() {
        system.terminate();
        Duration max = settings.dilated(settings.shutdown());
        try {
            system.whenTerminated().toCompletableFuture().get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Actor system " + system.name() + " did not terminate within "
                    + TestProbe.millis(max), e);
        } catch (ExecutionException e) {
            throw new AssertionError("Actor system " + system.name() + " failed to terminate", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for actor system " + system.name()
                    + " to terminate", e);
        }
    }

    /** True once the system has terminated. */
    public boolean isTerminated() {
        return system.whenTerminated().toCompletableFuture().isDone();
    }

    @Override
    public String toString() {
        return "ActorTestKit[" + system.name() + "]";
    }

    private <R> R askGuardian(Function<ActorRef<R>, KitGuardian.Command> request, String what) {
        return ask(request, what, settings.dilated(settings.singleExpect()));
    }

    private <R> R ask(Function<ActorRef<R>, KitGuardian.Command> request, String what, Duration max) {
        CompletionStage<R> reply = AskPattern.ask(system, request, max, system.scheduler());
        try {
            // The time-out is also applied here: with ManualTime the ask's own time-out never fires by itself.
            return reply.toCompletableFuture().get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Timeout (" + TestProbe.millis(max) + ") while waiting for the test kit to "
                    + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError("The test kit could not " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the test kit to " + what, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ActorSystem<Void> castSystem(ActorSystem<?> system) {
        return (ActorSystem<Void>) system;
    }
}
