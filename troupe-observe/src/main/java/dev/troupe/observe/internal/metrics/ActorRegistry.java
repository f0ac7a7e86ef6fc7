package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.InvalidActorNameException;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.observe.ActorSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/*
 * The live actors, as an index from a parent's path to its children: the actor tree without the actors'
 * cooperation, and lookup by path (parent first, then the child). An actor costs one entry of its parent's
 * child map; an actor with children also owns one map, removed when it stops. Leaves, most actors, own none.
 *
 * Why no child is lost: a child registers in its parent's map while the parent lives (the parent's turn
 * spawns it), so the map it registers in is the one that stays until the parent unregisters; a child that
 * unregisters after its parent (the runtime tells the parent before it tells the instrumentation) finds no map
 * and has nothing to remove.
 */

/** Thread-safe; registering and unregistering are lock-free except for the first child of a parent. */
public final class ActorRegistry {
    private final ConcurrentHashMap<ActorPath, ConcurrentHashMap<ActorPath, InstrumentedActor>> childrenByParent =
            new ConcurrentHashMap<>();

    void register(InstrumentedActor actor) {
        ActorPath path = actor.path();
        childrenByParent.computeIfAbsent(path.parent(), parent -> new ConcurrentHashMap<>()).put(path, actor);
    }

    void unregister(InstrumentedActor actor) {
        ActorPath path = actor.path();
        Map<ActorPath, InstrumentedActor> siblings = childrenByParent.get(path.parent());
        if (siblings != null) {
            siblings.remove(path);
        }
        childrenByParent.remove(path);
    }

    public Optional<InstrumentedActor> get(ActorPath path) {
        Map<ActorPath, InstrumentedActor> siblings = childrenByParent.get(path.parent());
        return Optional.ofNullable(siblings == null ? null : siblings.get(path));
    }

    public Optional<ActorSnapshot> snapshotOf(ActorPath path) {
        return get(path).map(actor -> snapshot(actor, System.nanoTime()));
    }

    public int childCount(ActorPath parent) {
        Map<ActorPath, InstrumentedActor> children = childrenByParent.get(parent);
        return children == null ? 0 : children.size();
    }

    /** Every live actor, in no particular order. */
    public void forEach(Consumer<InstrumentedActor> visitor) {
        for (Map<ActorPath, InstrumentedActor> siblings : childrenByParent.values()) {
            siblings.values().forEach(visitor);
        }
    }

    /**
     * A cursor over the live actors that visits them a batch at a time, across calls: CHM iterators are weakly
     * consistent, so one may be kept between calls while actors come and go. An actor present for a whole pass
     * is visited once in it; one that comes or goes meanwhile may or may not be. Not thread-safe.
     */
    public final class Sweep {
        /** Null between passes: an iterator sees the table as it was when made, so each pass makes its own. */
        private Iterator<ConcurrentHashMap<ActorPath, InstrumentedActor>> parents;
        private Iterator<InstrumentedActor> siblings = Collections.emptyIterator();

        /**
         * Visits up to {@code budget} actors.
         *
         * @return true if the pass ended (the next call starts a new one)
         */
        public boolean visit(int budget, Consumer<InstrumentedActor> visitor) {
            if (parents == null) {
                parents = childrenByParent.values().iterator();
            }
            for (int visited = 0; visited < budget; visited++) {
                while (!siblings.hasNext()) {
                    if (!parents.hasNext()) {
                        parents = null;
                        siblings = Collections.emptyIterator();
                        return true;
                    }
                    siblings = parents.next().values().iterator();
                }
                visitor.accept(siblings.next());
            }
            return false;
        }
    }

    /** The first {@code limit} children of {@code parent} by name. */
    public List<ActorSnapshot> children(ActorPath parent, int limit) {
        Map<ActorPath, InstrumentedActor> children = childrenByParent.get(parent);
        if (children == null) {
            return List.of();
        }
        Comparator<Named> byName = Comparator.comparing(Named::name);
        PriorityQueue<Named> firstByName = new PriorityQueue<>(byName.reversed());
        for (InstrumentedActor child : children.values()) {
            firstByName.add(new Named(child.path().name(), child));
            if (firstByName.size() > limit) {
                firstByName.poll();
            }
        }
        List<Named> sorted = new ArrayList<>(firstByName);
        sorted.sort(byName);
        long now = System.nanoTime();
        return sorted.stream().map(named -> snapshot(named.actor(), now)).toList();
    }

    /** The {@code n} live actors with the largest {@code measure}, largest first. */
    public List<ActorSnapshot> hottest(int n, ToLongFunction<InstrumentedActor> measure) {
        record Measured(long value, InstrumentedActor actor) {}
        Comparator<Measured> byValue = Comparator.comparingLong(Measured::value);
        PriorityQueue<Measured> top = new PriorityQueue<>(byValue);
        forEach(actor -> {
            long value = measure.applyAsLong(actor);
            if (top.size() < n) {
                top.add(new Measured(value, actor));
            } else if (value > top.peek().value()) { // most actors are not among the hottest: no allocation
                top.poll();
                top.add(new Measured(value, actor));
            }
        });
        List<Measured> sorted = new ArrayList<>(top);
        sorted.sort(byValue.reversed());
        long now = System.nanoTime();
        return sorted.stream().map(m -> snapshot(m.actor(), now)).toList();
    }

    /**
     * The live actor printed as {@code printed} ({@code troupe://system/a/b}, optionally {@code #uid}): walks
     * down from the root, scanning the children at each level for the name (the last level is one lookup when
     * the uid is given).
     */
    public Optional<ActorPath> find(String printed) {
        Optional<PrintedPath> parsed = PrintedPath.parse(printed);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        PrintedPath target = parsed.get();
        ActorPath current;
        try {
            current = ActorPath.root(target.systemName());
        } catch (InvalidActorNameException e) {
            return Optional.empty();
        }
        List<String> names = target.elements();
        for (int level = 0; level < names.size(); level++) {
            boolean last = level == names.size() - 1;
            Optional<ActorPath> next = last && target.uid() != 0
                    ? withUid(current, names.get(level), target.uid())
                    : childNamed(current, names.get(level));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(current);
    }

    private Optional<ActorPath> withUid(ActorPath parent, String name, long uid) {
        try {
            return get(parent.child(name, uid)).map(InstrumentedActor::path);
        } catch (InvalidActorNameException e) {
            return Optional.empty();
        }
    }

    private Optional<ActorPath> childNamed(ActorPath parent, String name) {
        Map<ActorPath, InstrumentedActor> children = childrenByParent.get(parent);
        if (children == null) {
            return Optional.empty();
        }
        return children.keySet().stream().filter(child -> child.name().equals(name)).findAny();
    }

    ActorSnapshot snapshot(InstrumentedActor actor, long nowNanos) {
        ActorPath path = actor.path();
        return new ActorSnapshot(path, actor.actorType(), actor.mailboxKind(), actor.dispatcherName(),
                Math.max(0, actor.mailboxDepth()), actor.messagesProcessed(), actor.estimatedProcessingNanos(),
                actor.estimatedMemoryBytes(), nowNanos - actor.spawnedAtNanos(), !actor.isTerminated(),
                childCount(path));
    }

    private record Named(String name, InstrumentedActor actor) {}
}
