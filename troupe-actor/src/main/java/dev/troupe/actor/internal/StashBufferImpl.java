package dev.troupe.actor.internal;

import dev.troupe.actor.Behavior;
import dev.troupe.actor.StashBuffer;
import dev.troupe.actor.StashOverflowException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/** A bounded FIFO stash. Only used on the actor's thread (checked). */
public final class StashBufferImpl<T> implements StashBuffer<T> {
    private final ContextBase<T> ctx;
    private final int capacity;
    private final ArrayDeque<T> messages = new ArrayDeque<>();

    public StashBufferImpl(ContextBase<T> ctx, int capacity) {
        this.ctx = ctx;
        this.capacity = capacity;
    }

    @Override
    public void stash(T message) {
        ctx.checkThread();
        Objects.requireNonNull(message, "message");
        if (messages.size() >= capacity) {
            throw new StashOverflowException("Stash of " + ctx.self().path() + " is full (capacity " + capacity
                    + "); could not stash " + message.getClass().getName());
        }
        messages.addLast(message);
    }

    @Override
    public Behavior<T> unstashAll(Behavior<T> behavior) {
        ctx.checkThread();
        Objects.requireNonNull(behavior, "behavior");
        try {
            Behavior<T> current = BehaviorInterpreter.start(behavior, ctx);
            for (int left = messages.size(); left > 0 && !BehaviorInterpreter.endsBehavior(current); left--) {
                current = ctx.interpretUnstashed(current, messages.pollFirst());
            }
            return current;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new UnstashException(e);
        }
    }

    @Override
    public T head() {
        ctx.checkThread();
        T head = messages.peekFirst();
        if (head == null) {
            throw new NoSuchElementException("Stash of " + ctx.self().path() + " is empty");
        }
        return head;
    }

    @Override
    public boolean isEmpty() {
        ctx.checkThread();
        return messages.isEmpty();
    }

    @Override
    public boolean isFull() {
        ctx.checkThread();
        return messages.size() >= capacity;
    }

    @Override
    public int size() {
        ctx.checkThread();
        return messages.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void forEach(Consumer<T> action) {
        ctx.checkThread();
        messages.forEach(action);
    }

    @Override
    public void clear() {
        ctx.checkThread();
        messages.clear();
    }

    /** A checked exception thrown by a handler while unstashing, carried out unchanged as the cause. */
    public static final class UnstashException extends RuntimeException {
        UnstashException(Exception cause) {
            super(cause.toString(), cause);
        }
    }
}
