package dev.troupe.actor;

import dev.troupe.actor.internal.PromiseRef;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Request–response from outside an actor: send a message that carries a reply ref and get the reply as a
 * {@link CompletionStage}. Inside an actor prefer {@link ActorContext#ask}. Safe from any thread.
 */
public final class AskPattern {
    private AskPattern() {}

    /**
     * Sends {@code createRequest.apply(replyTo)} to {@code target}. The stage completes with the first reply
     * sent to {@code replyTo}, or, after {@code timeout}, with a {@link java.util.concurrent.TimeoutException}
     * naming the target and the message type. Later replies go to dead letters. The reply ref is temporary:
     * it holds nothing once the stage has completed.
     *
     * <p>As with any {@link CompletionStage}, dependent actions added without {@code Async} run on the thread
     * that completes the stage: the replying actor's dispatcher thread, or the scheduler's thread on time-out.
     * Keep them short and non-blocking, or use the {@code *Async} variants with an executor of your own.
     *
     * <p>Completing the stage's {@code toCompletableFuture()} yourself does not complete the ask. Blocking on it
     * ({@code get}, {@code join}) inside an actor holds a thread and should be avoided, but it does not deadlock
     * on the default dispatcher's hand-off: the asked actor is first released to the other workers (see
     * {@link DispatcherConfig.ForkJoin}).
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws NullPointerException if an argument is null, or {@code createRequest} returns null
     */
    public static <Req, Res> CompletionStage<Res> ask(ActorRef<Req> target,
                                                      Function<ActorRef<Res>, Req> createRequest,
                                                      Duration timeout, Scheduler scheduler) {
        return PromiseRef.ask(target, createRequest, timeout, scheduler);
    }
}
