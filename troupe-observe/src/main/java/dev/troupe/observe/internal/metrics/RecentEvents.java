package dev.troupe.observe.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The latest {@code capacity} events, for a page that shows recent restarts or alerts. Lock-free: an add
 * takes a sequence number and writes its slot, overwriting the event {@code capacity} adds older (never a newer
 * one).
 *
 * <p>Threading: any thread. {@link #list} returns the events in the order of their sequence numbers; an event
 * added while it runs may or may not be in it.
 */
public final class RecentEvents<E> {
    private final AtomicReferenceArray<Slot<E>> slots;
    private final AtomicLong nextSequence = new AtomicLong();

    public RecentEvents(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    public void add(E event) {
        long sequence = nextSequence.getAndIncrement();
        int index = (int) (sequence % slots.length());
        Slot<E> mine = new Slot<>(sequence, event);
        while (true) {
            Slot<E> current = slots.get(index);
            if (current != null && current.sequence > sequence) {
                return; // a newer event took the slot while this add was delayed: this one is already too old
            }
            if (slots.compareAndSet(index, current, mine)) {
                return;
            }
        }
    }

    /** Oldest first. */
    public List<E> list() {
        List<Slot<E>> present = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            Slot<E> slot = slots.get(i);
            if (slot != null) {
                present.add(slot);
            }
        }
        present.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        return present.stream().map(Slot::event).toList();
    }

    private record Slot<E>(long sequence, E event) {}
}
