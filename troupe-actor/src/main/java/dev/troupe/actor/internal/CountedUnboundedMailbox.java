package dev.troupe.actor.internal;

import dev.troupe.actor.OfferResult;

/*
 * The depth in O(1), for instrumented actors, at the cost of the plain mailbox's one atomic instruction per
 * message and no more. Each node carries a sequence number one above its predecessor's (the mailbox as stub
 * counts as 0), written before the CAS that makes the node the tail, so whoever reads a node from `tail` or
 * `head` sees its number; the depth is seq(tail) - seq(head), in int arithmetic, which stays right across
 * overflow while fewer than 2^31 messages wait. A producer needs its predecessor's number before publishing its
 * own node, which a getAndSet cannot give: hence a CAS loop on `tail`, retried when another producer (or the
 * consumer moving the stub back to the mailbox) got there first.
 *
 * The CAS keeps every argument of UnboundedMailbox: a producer whose CAS succeeds took `expected` as its
 * predecessor exactly as a getAndSet would have, and links to it the same way. `tail` can come back to the
 * mailbox (the consumer's reset); a producer whose CAS expects the mailbox computes nothing from it except
 * "empty, number 0", which is true whenever the mailbox is the tail, so that ABA is harmless. Nodes never come
 * back.
 */

/**
 * The default mailbox of an instrumented actor: the same queue, with its depth known in O(1) (the plain queue
 * counts by walking its nodes, which a sample taken under overload cannot afford). Made only when the system
 * has an instrumentation. Thread-safe as a {@link Mailbox}; the depth read while producers are active may be off
 * by the messages in flight, and is never negative.
 */
final class CountedUnboundedMailbox extends UnboundedMailbox {

    @Override
    protected OfferResult offerUser(Object message) {
        Node node = new Node(message);
        Object previous;
        do {
            previous = tail();
            node.seq = seqOf(previous) + 1;
        } while (!casTail(previous, node));
        link(previous, node);
        return OfferResult.ENQUEUED;
    }

    /**
     * The tail's number minus the head's, from a head and tail read together: the head is read again after the
     * tail, and the pair is read again if it moved (a few times at most, then the last pair counts). Read that
     * way, the two belong to one numbering except in the consumer's moment between moving `tail` back to the
     * mailbox and moving `head`, where the difference is clamped to zero; once more than 2^31 messages have passed
     * without the queue emptying, such a moment may instead read as a large depth, once.
     */
    @Override
    public int userMessageCount() {
        for (int attempt = 0; ; attempt++) {
            Object first = head();
            Object last = tail();
            if (last == this) {
                return 0;
            }
            if (head() == first || attempt == 3) {
                return Math.max(0, seqOf(last) - seqOf(first));
            }
        }
    }

    private int seqOf(Object stub) {
        return stub == this ? 0 : ((Node) stub).seq;
    }
}
