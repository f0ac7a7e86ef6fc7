package dev.troupe.actor.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;

/*
 * Implementation overview
 *
 * Every live child is linked into a doubly linked list through its own cell (ActorCell.prevSibling and
 * nextSibling), in the order of spawning: adding, removing and the membership test touch only the cells
 * concerned and their neighbours, which the parent has just allocated or is working on anyway.
 *
 * Why not a hash table of every child. A parent that spawns a million children would probe a table of two
 * million slots, 8 MB, at a random place per spawn (to check the name and then to insert): a cache and TLB miss
 * each, plus a rehash of everything at each doubling. Measured on the spawn benchmark, that was three quarters
 * of the parent's time per spawn (about 370 of 500 ns).
 *
 * Names. A named child is also put in a ChildTable, so that the uniqueness check of spawn(name) and
 * child(name) stay O(1). An anonymous child is looked up by name only by child("$...") and after the parent's
 * anonymous numbers have wrapped around; the first such lookup indexes every anonymous child in the table,
 * and from then on anonymous children are indexed as they come and go (`anonymousIndexed`). So a lookup by an
 * anonymous name costs O(children) once per parent, and nothing is paid by parents that never make one.
 *
 * Membership. A child cell belongs to one parent only, so it is here exactly when it is linked: it has a
 * predecessor, or it is the head. Removal unlinks it and clears both links.
 */

/**
 * The live children of one actor. Confined to the parent's turn, like the rest of its cell. Iteration sees
 * every child once, in the order they were spawned; the children must not change while they are iterated.
 */
final class Children implements Iterable<ActorCell<?>> {
    private ActorCell<?> head;
    private ActorCell<?> tail;
    private int size;
    /** Named children always; anonymous ones too once {@link #anonymousIndexed}. Null until needed. */
    private ChildTable index;
    private boolean anonymousIndexed;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a child whose name the caller has checked to be free. */
    void add(ActorCell<?> child) {
        if (indexes(child)) {
            index().add(child);
        }
        child.prevSibling = tail;
        if (tail == null) {
            head = child;
        } else {
            tail.nextSibling = child;
        }
        tail = child;
        size++;
    }

    /** True if this very child (not merely one of the same name) is here. */
    boolean contains(ActorCell<?> child) {
        return child.prevSibling != null || head == child;
    }

    /** Removes this very child, if it is here. */
    boolean remove(ActorCell<?> child) {
        if (!contains(child)) {
            return false;
        }
        ActorCell<?> before = child.prevSibling;
        ActorCell<?> after = child.nextSibling;
        if (before == null) {
            head = after;
        } else {
            before.nextSibling = after;
        }
        if (after == null) {
            tail = before;
        } else {
            after.prevSibling = before;
        }
        child.prevSibling = null;
        child.nextSibling = null;
        size--;
        if (indexes(child)) {
            index.remove(child);
        }
        return true;
    }

    /** The child of that name, or null; the first lookup of an anonymous name indexes the anonymous children. */
    ActorCell<?> get(String name) {
        if (name.startsWith("$")) {
            indexAnonymous();
        }
        return index == null ? null : index.get(name);
    }

    /** The anonymous child of that number, or null; indexes the anonymous children on first use. */
    ActorCell<?> getAnonymous(int number) {
        indexAnonymous();
        return index.getAnonymous(number);
    }

    @Override
    public Iterator<ActorCell<?>> iterator() {
        return new Iterator<>() {
            private ActorCell<?> next = head;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ActorCell<?> next() {
                ActorCell<?> cell = next;
                if (cell == null) {
                    throw new NoSuchElementException();
                }
                next = cell.nextSibling;
                return cell;
            }
        };
    }

    private boolean indexes(ActorCell<?> child) {
        return !child.anonymous || anonymousIndexed;
    }

    private ChildTable index() {
        if (index == null) {
            index = new ChildTable();
        }
        return index;
    }

    private void indexAnonymous() {
        if (anonymousIndexed) {
            return;
        }
        anonymousIndexed = true;
        ChildTable table = index();
        for (ActorCell<?> child = head; child != null; child = child.nextSibling) {
            if (child.anonymous) {
                table.add(child);
            }
        }
    }
}
