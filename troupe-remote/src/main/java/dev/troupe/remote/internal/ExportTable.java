package dev.troupe.remote.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Secure by default: another node reaches only the actors in this table. An actor gets in by being published,
 * or by its ref going out in a message (then the other node knows its uid). Entries are keyed by the path below
 * the root, since local refs and the re-rooted paths other nodes use differ only in the root. The table watches
 * each actor it holds through `forgetter`, so an entry goes when its actor stops; removal is by value, so a
 * stopped actor's notification never removes a newer actor under the same name.
 *
 * Lookup: a path with the actor's uid finds it; a path with uid 0 (as typed by a user, "troupe://b@h:p/user/x")
 * finds only a published actor, or an entry whose own uid is 0 (an ask's reply ref, whose name is unique).
 */

/** The actors of this node that other nodes may reach. Thread-safe. */
final class ExportTable {
    private record Entry(InternalRef<?> ref, boolean published) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final InternalRef<Void> forgetter;

    ExportTable(ActorPath localRoot) {
        this.forgetter = new Forgetter(localRoot.child("system", 0).child("remote-exports", 0));
    }

    /** Makes {@code ref} reachable by its path, with or without uid. */
    void publish(InternalRef<?> ref) {
        put(ref, true);
    }

    /** Makes {@code ref} reachable by its path with uid (it is going out in a message). */
    void export(InternalRef<?> ref) {
        put(ref, false);
    }

    private void put(InternalRef<?> ref, boolean publish) {
        String key = key(ref.path());
        boolean[] added = new boolean[1];
        entries.compute(key, (k, old) -> {
            if (old != null && old.ref.equals(ref)) {
                return old.published || !publish ? old : new Entry(ref, true);
            }
            added[0] = true;
            return new Entry(ref, publish);
        });
        if (added[0]) {
            ref.sendSystem(new SystemMessage.Watch(ref, forgetter));
        }
    }

    /** The actor at {@code path} (any root), or null if other nodes may not reach it. */
    InternalRef<?> lookup(ActorPath path) {
        Entry entry = entries.get(key(path));
        if (entry == null) {
            return null;
        }
        long uid = entry.ref.path().uid();
        boolean matches = path.uid() == uid || (path.uid() == 0 && entry.published);
        return matches ? entry.ref : null;
    }

    private static String key(ActorPath path) {
        return String.join("/", path.elements());
    }

    /** Hears that an exported actor stopped and forgets it. */
    private final class Forgetter extends InternalRef<Void> {
        Forgetter(ActorPath path) {
            super(path);
        }

        @Override
        public void tell(Void message) {
            requireMessage(message); // Void has no values: only null, which this rejects
        }

        @Override
        public void sendSystem(SystemMessage message) {
            if (message instanceof SystemMessage.DeathWatchNotification death) {
                InternalRef<?> actor = death.actor();
                entries.computeIfPresent(key(actor.path()), (k, entry) -> entry.ref.equals(actor) ? null : entry);
            }
        }

        @Override
        public boolean isTerminated() {
            return false;
        }
    }
}
