package dev.troupe.actor.internal;

/*
 * Implementation overview
 *
 * An open-addressing hash table of cells, keyed by the child's name: one array slot per entry and nothing
 * else, where a HashMap would add a 32-byte node per child. That matters for a parent of a million children.
 *
 * Keys. An anonymous child's key is its number (its name is "$" + the number in base 36, see
 * ActorPath.anonymousChild); any other child's key is its name string. Names starting with '$' are reserved
 * for anonymous children (ContextBase.requireSpawnName), so the two kinds never name the same child, and a
 * lookup by a name of the anonymous form is a lookup by number.
 *
 * Layout. The capacity is a power of two and the table is at most 3/4 full. A key's home slot is the top bits
 * of its hash times the golden ratio (Fibonacci hashing), which spreads consecutive anonymous numbers evenly.
 * Collisions probe the following slots (linear probing), so an absent key is told by reaching an empty slot.
 * Removing an entry moves later entries of the same probe run back into the hole (Knuth's algorithm R), which
 * keeps that rule true without tombstones.
 */

/**
 * Children of one actor by name: the index that {@link Children} keeps beside its list. Confined to the parent's
 * turn, like the rest of its cell.
 */
final class ChildTable {
    private static final int INITIAL_CAPACITY = 4;
    private static final int GOLDEN = 0x9E3779B9;
    /** What {@link #anonymousNumber} returns for a name that no anonymous child can have. */
    private static final long NOT_ANONYMOUS = Long.MIN_VALUE;

    private ActorCell<?>[] slots = new ActorCell<?>[INITIAL_CAPACITY];
    /** 32 - log2(capacity): the home slot is the top log2(capacity) bits of the spread hash. */
    private int shift = 32 - Integer.numberOfTrailingZeros(INITIAL_CAPACITY);
    private int size;

    int size() {
        return size;
    }

    /** The child of that name, or null. */
    ActorCell<?> get(String name) {
        long number = anonymousNumber(name);
        if (number != NOT_ANONYMOUS) {
            return getAnonymous((int) number);
        }
        int mask = slots.length - 1;
        for (int i = home(name.hashCode()); ; i = (i + 1) & mask) {
            ActorCell<?> cell = slots[i];
            if (cell == null || (!cell.anonymous && cell.selfRef().path().name().equals(name))) {
                return cell;
            }
        }
    }

    /** The anonymous child of that number, or null. */
    ActorCell<?> getAnonymous(int number) {
        int mask = slots.length - 1;
        for (int i = home(number); ; i = (i + 1) & mask) {
            ActorCell<?> cell = slots[i];
            if (cell == null || (cell.anonymous && cell.anonymousNumber == number)) {
                return cell;
            }
        }
    }

    /** Adds a child, unless one of the same name is already here. */
    boolean add(ActorCell<?> child) {
        int i = indexOf(child);
        if (slots[i] != null) {
            return false;
        }
        slots[i] = child;
        if (++size > slots.length - (slots.length >>> 2)) {
            grow();
        }
        return true;
    }

    /** Removes this very child, if it is here. */
    boolean remove(ActorCell<?> child) {
        int hole = indexOf(child);
        if (slots[hole] != child) {
            return false;
        }
        int mask = slots.length - 1;
        for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            // The entry at i may fill the hole if the hole lies on its probe run, from its home slot up to i.
            if (((i - homeOf(slots[i])) & mask) >= ((i - hole) & mask)) {
                slots[hole] = slots[i];
                hole = i;
            }
        }
        slots[hole] = null;
        size--;
        return true;
    }

    /** The slot holding the child of {@code child}'s name, or the empty slot where it would go. */
    private int indexOf(ActorCell<?> child) {
        int mask = slots.length - 1;
        for (int i = homeOf(child); ; i = (i + 1) & mask) {
            ActorCell<?> cell = slots[i];
            if (cell == null || sameName(cell, child)) {
                return i;
            }
        }
    }

    private static boolean sameName(ActorCell<?> a, ActorCell<?> b) {
        if (a.anonymous || b.anonymous) {
            return a.anonymous == b.anonymous && a.anonymousNumber == b.anonymousNumber;
        }
        return a.selfRef().path().name().equals(b.selfRef().path().name());
    }

    private int homeOf(ActorCell<?> cell) {
        return home(cell.anonymous ? cell.anonymousNumber : cell.selfRef().path().name().hashCode());
    }

    private int home(int hash) {
        return (hash * GOLDEN) >>> shift;
    }

    private void grow() {
        ActorCell<?>[] old = slots;
        slots = new ActorCell<?>[old.length * 2];
        shift--;
        int mask = slots.length - 1;
        for (ActorCell<?> cell : old) {
            if (cell != null) {
                int i = homeOf(cell);
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = cell;
            }
        }
    }

    /**
     * The number of the anonymous child that would be called {@code name} ("$" + Integer.toString(number, 36),
     * nothing else: no '+', no leading zeros, no capitals), or {@link #NOT_ANONYMOUS}.
     */
    private static long anonymousNumber(String name) {
        if (name.length() < 2 || name.charAt(0) != '$') {
            return NOT_ANONYMOUS;
        }
        try {
            int number = Integer.parseInt(name, 1, name.length(), 36);
            return ("$" + Integer.toString(number, 36)).equals(name) ? number : NOT_ANONYMOUS;
        } catch (NumberFormatException notANumber) {
            return NOT_ANONYMOUS;
        }
    }
}
