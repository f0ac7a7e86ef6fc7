package dev.troupe.actor.internal;

import dev.troupe.actor.OfferResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * The user queue is Dmitry Vyukov's intrusive-style MPSC linked queue, with the queue pointers kept as
 * fields of the mailbox so that an actor costs no separate queue object.
 *
 *   producers:  node = new Node(m); prev = getAndSet(tail, node); prev.next = node (release)
 *   consumer:   next = head.next (acquire); if non-null: head = next, take next.message
 *
 * `head` is a stub whose message was already taken. Producers never contend except on the one getAndSet;
 * no locks, one allocation (the node) per message. Between a producer's getAndSet and its link the queue
 * looks empty to the consumer while `tail != head`; hasUserMessages() reports that state as non-empty, which
 * is what the mailbox's scheduling argument relies on.
 */

/** The default mailbox: unbounded, FIFO, lock-free. */
final class UnboundedMailbox extends Mailbox {

    static final class Node {
        Object message;
        volatile Node next;

        Node(Object message) {
            this.message = message;
        }
    }

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(UnboundedMailbox.class, "tail", Node.class);
            HEAD = lookup.findVarHandle(UnboundedMailbox.class, "head", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Last node added; producers swap it. */
    private volatile Node tail;
    /** Stub node before the oldest message; written only by the consumer (release), read by anyone. */
    private volatile Node head;

    UnboundedMailbox() {
        Node stub = new Node(null);
        HEAD.set(this, stub);
        TAIL.set(this, stub);
    }

    @Override
    protected OfferResult offerUser(Object message) {
        Node node = new Node(message);
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
        return OfferResult.ENQUEUED;
    }

    @Override
    protected Object pollUser() {
        return poll(false);
    }

    @Override
    protected Object pollPlainUser() {
        return poll(true);
    }

    private Object poll(boolean onlyPlain) {
        Node first = (Node) HEAD.getAcquire(this);
        Node next = (Node) NEXT.getAcquire(first);
        if (next == null || (onlyPlain && next.message instanceof InternalMessage)) {
            return null;
        }
        Object message = next.message;
        next.message = null;
        HEAD.setRelease(this, next);
        // No producer writes first.next again (it was linked already). Pointing it at itself keeps a consumed
        // node that reached the old generation from holding younger nodes alive (GC nepotism).
        NEXT.set(first, first);
        return message;
    }

    @Override
    protected boolean hasUserMessages() {
        return tail != head;
    }

    @Override
    public int userMessageCount() {
        int count = 0;
        Node node = (Node) HEAD.getAcquire(this);
        for (Node next; (next = (Node) NEXT.getAcquire(node)) != null && count < Integer.MAX_VALUE; node = next) {
            if (next == node) { // consumed under our feet: start again from the current head
                next = (Node) HEAD.getAcquire(this);
                count = 0;
                continue;
            }
            count++;
        }
        return count;
    }
}
