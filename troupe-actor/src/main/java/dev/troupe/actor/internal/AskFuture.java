package dev.troupe.actor.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of an ask, and of every stage derived from it. Blocking on it ({@link #get}, {@link #join}) from
 * inside a fork-join actor first queues the actor that the current turn keeps for a hand-off: the caller may be
 * waiting for exactly that actor's reply, which would otherwise come only after the wait times out. (Blocking
 * inside an actor stays a bad idea: it holds a worker thread; this only keeps it from becoming a deadlock.)
 * Thread-safe, like {@link CompletableFuture}.
 */
final class AskFuture<T> extends CompletableFuture<T> {

    @Override
    public T get() throws InterruptedException, ExecutionException {
        beforeBlocking();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        beforeBlocking();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        beforeBlocking();
        return super.join();
    }

    private void beforeBlocking() {
        if (!isDone()) {
            ForkJoinDispatcher.beforeBlocking();
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new AskFuture<>();
    }
}
