package dev.troupe.actor;

/** Chooses the dispatcher (the threads) that runs an actor, through {@link Props#withDispatcher}. */
public sealed interface DispatcherSelector {

    /** The system's default fork-join dispatcher. */
    static DispatcherSelector defaultDispatcher() {
        return Default.INSTANCE;
    }

    /** Runs the actor on the same dispatcher as its parent. */
    static DispatcherSelector sameAsParent() {
        return SameAsParent.INSTANCE;
    }

    /** The default dispatcher. */
    record Default() implements DispatcherSelector {
        static final Default INSTANCE = new Default();
    }

    /** The parent's dispatcher. */
    record SameAsParent() implements DispatcherSelector {
        static final SameAsParent INSTANCE = new SameAsParent();
    }
}
