package dev.troupe.actor.internal;

import dev.troupe.actor.OfferResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * The user queue is Dmitry Vyukov's intrusive-style MPSC linked queue, with the queue pointers kept as
 * fields of the mailbox, and the mailbox itself standing in as the stub node whenever the queue is empty, so
 * that an idle actor costs no queue node at all.
 *
 *   producers:  node = new Node(m); prev = getAndSet(tail, node); prev's next = node (release)
 *   consumer:   next = head's next (acquire); if non-null: head = next, take next.message
 *
 * "Next" of the mailbox is its field `stubNext`, of a node its field `next`. `head` is the stub: the mailbox,
 * or the node whose message was taken last. Producers never contend except on the one getAndSet; no locks, one
 * allocation (the node) per message. Between a producer's getAndSet and its link the queue looks empty to the
 * consumer while `tail != head`; hasUserMessages() reports that state as non-empty, which is what the
 * mailbox's scheduling argument relies on.
 *
 * Back to the mailbox as stub. When the consumer finds nothing after a node head, it CASes `tail` from that
 * node to the mailbox and, if it wins, sets `head` to the mailbox; the node becomes garbage. Winning means no
 * producer had taken the node as its predecessor, so none will link to it. Losing means a producer has and
 * will link to it, and the queue carries on as usual. Nodes are never reused, so `tail` cannot come back to
 * the node (no ABA). The reset costs one CAS each time the consumer drains the queue, that is, at most once per
 * turn, on a cache line the consumer has just written (`head`).
 *
 * `stubNext` has one writer at a time. The mailbox becomes the tail by construction or by the consumer's CAS,
 * and then exactly one producer's getAndSet returns it as predecessor; that producer writes `stubNext`. The
 * consumer reads it, moves `head` on and clears it before any later CAS can make the mailbox the tail again,
 * and the next producer to write it swaps `tail` after that CAS, so its write is ordered after the clearing.
 *
 * userMessageCount() walks from `head` and stops at the first node not linked yet; if `tail` lies beyond it,
 * the messages behind that gap count as one, so the count is below the truth while producers are mid-link but
 * never 0 while a message waits.
 *
 * hasUserMessages() never reads empty while a message is queued: `tail == head` needs both to be the same
 * object, which happens only when the last queued message was taken and no producer swapped `tail` since.
 * During a reset `tail` is already the mailbox while `head` is still the node: that reads as non-empty for a
 * moment, which costs at most one needless scheduling check.
 */

/** The default mailbox: unbounded, FIFO, lock-free. */
sealed class UnboundedMailbox extends Mailbox permits CountedUnboundedMailbox {

    private static final class Node {
        Object message;
        volatile Node next;

        Node(Object message) {
            this.message = message;
        }
    }

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle STUB_NEXT;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(UnboundedMailbox.class, "tail", Object.class);
            HEAD = lookup.findVarHandle(UnboundedMailbox.class, "head", Object.class);
            STUB_NEXT = lookup.findVarHandle(UnboundedMailbox.class, "stubNext", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Last node added, or this mailbox; producers swap it. */
    private volatile Object tail = this;
    /** The stub before the oldest message: this mailbox or a Node; written only by the consumer, read by anyone. */
    private volatile Object head = this;
    /** The first node after this mailbox while the mailbox is the stub; see the overview for its writers. */
    private volatile Node stubNext;

    @Override
    protected OfferResult offerUser(Object message) {
        Node node = new Node(message);
        link(TAIL.getAndSet(this, node), node);
        return OfferResult.ENQUEUED;
    }

    /** Links {@code node} behind {@code previous}, the tail it replaced: the step that shows it to the consumer. */
    private void link(Object previous, Node node) {
        if (previous == this) {
            STUB_NEXT.setRelease(this, node);
        } else {
            NEXT.setRelease((Node) previous, node);
        }
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
        Object first = HEAD.getAcquire(this);
        Node next = nextOf(first);
        if (next == null) {
            if (first != this && TAIL.compareAndSet(this, first, this)) {
                HEAD.setRelease(this, this);
            }
            return null;
        }
        if (onlyPlain && next.message instanceof InternalMessage) {
            return null;
        }
        Object message = next.message;
        next.message = null;
        HEAD.setRelease(this, next);
        if (first == this) {
            STUB_NEXT.set(this, null);
        } else {
            // No producer writes first.next again (it was linked already). Pointing it at itself keeps a consumed
            // node that reached the old generation from holding younger nodes alive (GC nepotism).
            NEXT.set((Node) first, (Node) first);
        }
        return message;
    }

    /** The consumer's stub: this mailbox or the node taken last; for the consumer. */
    final Object consumerHead() {
        return head;
    }

    /** The node after {@code stub} (this mailbox or a node), or null if none is linked yet. */
    final Object nextAfter(Object stub) {
        return nextOf(stub);
    }

    private Node nextOf(Object stub) {
        return stub == this ? (Node) STUB_NEXT.getAcquire(this) : (Node) NEXT.getAcquire((Node) stub);
    }

    @Override
    protected boolean hasUserMessages() {
        return tail != head;
    }

    @Override
    public int userMessageCount() {
        int count = 0;
        Object node = HEAD.getAcquire(this);
        while (count < Integer.MAX_VALUE) {
            Node next = nextOf(node);
            // A consumed node points at itself; the mailbox as consumed stub has its stubNext cleared.
            if (next == node || (next == null && node == this && HEAD.getAcquire(this) != this)) {
                node = HEAD.getAcquire(this); // consumed under our feet: start again from the current head
                count = 0;
                continue;
            }
            if (next == null) {
                // A producer between its getAndSet and its link hides itself and everyone behind it from the
                // walk. The tail shows they are there: count them as one, so that a waiting message never
                // reads as an empty queue. (tail == this with node != this is the consumer's reset to the
                // stub, when nothing is behind node.)
                Object last = TAIL.getAcquire(this);
                if (last != node && last != this) {
                    count++;
                }
                break;
            }
            count++;
            node = next;
        }
        return count;
    }
}
