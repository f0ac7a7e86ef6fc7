package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.CircuitBreaker;
import dev.troupe.actor.CircuitBreakerOpenException;
import dev.troupe.actor.CircuitBreakerSettings;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An actor calls an unreliable cloud service through a breaker and learns each outcome by pipeToSelf. */
class CircuitBreakerActorTest {

    interface CloudService {
        CompletionStage<Void> upload(String reading);
    }

    // tag::uploader[]
    sealed interface Command {}

    record Upload(String reading, ActorRef<Result> replyTo) implements Command {}

    private record Finished(Result result, ActorRef<Result> replyTo) implements Command {}

    sealed interface Result {
        record Stored(String reading) implements Result {}

        record Deferred(String reading, Duration retryIn) implements Result {}

        record Failed(String reading, String reason) implements Result {}
    }

    static Behavior<Command> uploader(CloudService cloud, CircuitBreakerSettings settings) {
        return Behaviors.setup(context -> {
            CircuitBreaker breaker = CircuitBreaker.create(context.system(), settings);
            return Behaviors.receiveMessage(message -> switch (message) {
                case Upload(var reading, var replyTo) -> {
                    context.pipeToSelf(breaker.call(() -> cloud.upload(reading)),
                            (ok, failure) -> new Finished(outcome(reading, failure), replyTo));
                    yield Behaviors.same();
                }
                case Finished(var result, var replyTo) -> {
                    replyTo.tell(result);
                    yield Behaviors.same();
                }
            });
        });
    }

    static Result outcome(String reading, Throwable failure) {
        return switch (failure) {
            case null -> new Result.Stored(reading);
            case CircuitBreakerOpenException open -> new Result.Deferred(reading, open.remaining());
            default -> new Result.Failed(reading, failure.getClass().getSimpleName());
        };
    }
    // end::uploader[]

    /** The cloud as the test sees it: each upload waits until the test answers it. */
    private static final class FlakyCloud implements CloudService {
        final BlockingQueue<CompletableFuture<Void>> requests = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<Void> upload(String reading) {
            CompletableFuture<Void> reply = new CompletableFuture<>();
            requests.add(reply);
            return reply;
        }

        /** The next upload the actor started; by then its call time-out is scheduled too. */
        CompletableFuture<Void> nextRequest() throws InterruptedException {
            CompletableFuture<Void> next = requests.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("an upload reached the cloud").isNotNull();
            return next;
        }
    }

    private final ManualTime time = ManualTime.create();
    private final ActorTestKit kit = ActorTestKit.create("CircuitBreakerActorTest", time.systemSettings());

    @AfterEach
    void shutdown() {
        kit.shutdown();
    }

    @Test
    void actorStopsCallingTheFailingCloudAndResumesAfterTheResetTimeout() throws InterruptedException {
        // tag::uploader-test[]
        FlakyCloud cloud = new FlakyCloud();
        CircuitBreakerSettings settings =
                CircuitBreakerSettings.of(2, Duration.ofSeconds(1), Duration.ofSeconds(30));
        ActorRef<Command> uploader = kit.spawn(uploader(cloud, settings), "uploader");
        TestProbe<Result> probe = kit.createTestProbe();

        uploader.tell(new Upload("r1", probe.ref()));
        cloud.nextRequest().complete(null);
        probe.expectMessage(new Result.Stored("r1"));

        uploader.tell(new Upload("r2", probe.ref()));
        cloud.nextRequest().completeExceptionally(new IllegalStateException("cloud down"));
        probe.expectMessage(new Result.Failed("r2", "IllegalStateException"));

        uploader.tell(new Upload("r3", probe.ref()));
        CompletableFuture<Void> hanging = cloud.nextRequest();
        time.timePasses(Duration.ofSeconds(1));                 // the call time-out: second failure, it opens
        probe.expectMessage(new Result.Failed("r3", "TimeoutException"));

        time.timePasses(Duration.ofSeconds(10));
        uploader.tell(new Upload("r4", probe.ref()));
        probe.expectMessage(new Result.Deferred("r4", Duration.ofSeconds(20)));
        assertThat(cloud.requests).as("refused without calling the cloud").isEmpty();

        time.timePasses(Duration.ofSeconds(20));                // half-open: the next upload is the trial
        uploader.tell(new Upload("r5", probe.ref()));
        cloud.nextRequest().complete(null);
        probe.expectMessage(new Result.Stored("r5"));
        // end::uploader-test[]

        hanging.complete(null);
        uploader.tell(new Upload("r6", probe.ref()));
        cloud.nextRequest().complete(null);
        probe.expectMessage(new Result.Stored("r6"));
        probe.expectNoMessage();
    }
}
