package dev.troupe.testkit.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Connects captures to strict mode: a log event or dead letter that a capture matched was expected by the
 * test, so the strict monitors running at that time must not report it. Events are compared by identity
 * (every appender and subscriber receives the same instance). Thread-safe.
 */
public final class ClaimedEvents {
    private static final List<ClaimedEvents> ACTIVE = new CopyOnWriteArrayList<>();

    private final Set<Object> claimed = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private ClaimedEvents() {}

    /** Starts collecting claims until {@link #close()}. */
    public static ClaimedEvents open() {
        ClaimedEvents events = new ClaimedEvents();
        ACTIVE.add(events);
        return events;
    }

    /** Marks {@code event} as expected for every open collector. */
    public static void claim(Object event) {
        for (ClaimedEvents events : ACTIVE) {
            events.claimed.add(event);
        }
    }

    public boolean isClaimed(Object event) {
        return claimed.contains(event);
    }

    public void close() {
        ACTIVE.remove(this);
    }
}
