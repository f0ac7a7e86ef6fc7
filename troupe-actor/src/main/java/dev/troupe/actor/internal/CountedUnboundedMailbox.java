package dev.troupe.actor.internal;

/*
 * A depth that a sample can afford, at no cost to the producers. The consumer counts the queue's nodes beyond
 * its head incrementally: `counted` is the last node it has counted (null: none), `known` how many nodes lie
 * after the head up to and including it. A sample walks on from `counted` (or the head) to the last linked node
 * and adds what it passes; taking a message takes the first node after the head, which is always a counted one
 * while `known` > 0, and lowers `known`. Each node is walked over at most once, so the count costs O(1) per
 * message amortized, on the consumer's thread, and the producers do exactly what they do for a plain actor.
 * The counted nodes are always the first `known` after the head, so `counted` is never a consumed node: when
 * the head reaches it, `known` is 0 and `counted` is dropped. A producer between its getAndSet and its link is
 * not counted yet: the sampled depth may miss the messages in flight, as any concurrent depth does.
 *
 * An earlier version numbered the nodes (a CAS loop on `tail`, reading the line before the CAS: two coherence
 * transactions per message), and the one after it kept an atomic count of enqueued messages; with the producer
 * and the consumer on different cores both made the counting benchmark's producer slower, which that bistable
 * workload turns into a much slower run (see docs/observability.md). Other threads, which read the depth rarely
 * (the metrics' monitor, once per check), walk the queue as for a plain actor.
 */

/**
 * The default mailbox of an instrumented actor: the plain queue, whose consumer keeps a count of the waiting
 * messages for its samples. Made only when the system has an instrumentation. Thread-safe as a {@link Mailbox};
 * {@link #depthSeenByConsumer()} only from the actor's turn.
 */
final class CountedUnboundedMailbox extends UnboundedMailbox {
    /** The last node counted, or null if none after the head is; the consumer's. */
    private Object counted;
    /** Nodes after the head up to and including {@link #counted}; the consumer's. */
    private int known;

    @Override
    protected Object pollUser() {
        return taken(super.pollUser());
    }

    @Override
    protected Object pollPlainUser() {
        return taken(super.pollPlainUser());
    }

    private Object taken(Object message) {
        if (message != null && known > 0 && --known == 0) {
            counted = null;
        }
        return message;
    }

    @Override
    int depthSeenByConsumer() {
        Object node = counted != null ? counted : consumerHead();
        int count = known;
        for (Object next; (next = nextAfter(node)) != null; node = next) {
            count++;
        }
        if (count > known) {
            known = count;
            counted = node;
        }
        return count;
    }
}
