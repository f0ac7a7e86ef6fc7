package dev.troupe.actor;

import java.util.concurrent.CompletableFuture;

/** An actor that runs test code inside its own turn and reports notes and signals to a probe. */
final class Scripted {
    private Scripted() {}

    @FunctionalInterface
    interface Action<R> {
        R apply(ActorContext<Cmd> ctx) throws Exception;
    }

    sealed interface Cmd {
        record Run(Action<?> action, CompletableFuture<Object> result) implements Cmd {}
        record Note(Object payload) implements Cmd {}
    }

    static Behavior<Cmd> behavior(ActorRef<Object> report) {
        return Behaviors.receive((ctx, msg) -> {
            switch (msg) {
                case Cmd.Run(var action, var result) -> {
                    try {
                        result.complete(action.apply(ctx));
                    } catch (Exception | Error e) {
                        result.completeExceptionally(e);
                    }
                }
                case Cmd.Note(var payload) -> report.tell(payload);
            }
            return Behaviors.same();
        }, (ctx, signal) -> {
            report.tell(signal);
            return Behaviors.same();
        });
    }

    /** Runs {@code action} in the actor's turn and returns its result (rethrowing what it threw). */
    @SuppressWarnings("unchecked")
    static <R> R run(ActorRef<Cmd> actor, Action<R> action) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        actor.tell(new Cmd.Run(action, result));
        return (R) TestSystem.await(result);
    }

    /** Like {@link #run} for actions without a result. */
    static void exec(ActorRef<Cmd> actor, Action<?> action) {
        run(actor, action);
    }
}
