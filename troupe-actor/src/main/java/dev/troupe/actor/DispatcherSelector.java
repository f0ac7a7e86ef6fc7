package dev.troupe.actor;

import java.util.Objects;

/**
 * Chooses the dispatcher (the threads) that runs an actor, through {@link Props#withDispatcher}. Immutable.
 *
 * <p>Named dispatchers are configured in {@link ActorSystemSettings.Builder#dispatcher(String, DispatcherConfig)};
 * a selector only names one, and the name is resolved when the actor is spawned: spawning with a name the
 * system's settings do not define throws {@link IllegalArgumentException} from {@code spawn}, listing the
 * names that are defined.
 */
public sealed interface DispatcherSelector {

    /** The system's default fork-join dispatcher (see {@link ActorSystemSettings}). */
    static DispatcherSelector defaultDispatcher() {
        return Default.INSTANCE;
    }

    /** Runs the actor on the same dispatcher as its parent. */
    static DispatcherSelector sameAsParent() {
        return SameAsParent.INSTANCE;
    }

    /**
     * The dispatcher named {@code name} in the system's settings.
     *
     * @throws IllegalArgumentException if the name is not a valid dispatcher name (see
     *     {@link ActorSystemSettings.Builder#dispatcher(String, DispatcherConfig)})
     */
    static DispatcherSelector fromSettings(String name) {
        return new FromSettings(name);
    }

    /**
     * The built-in dispatcher for blocking calls, named {@value ActorSystemSettings#BLOCKING_DISPATCHER}: put
     * actors that block (JDBC, file or socket I/O, {@code Future.get}, locks held by others) here, so that they
     * cannot take the default dispatcher's threads, which every other actor needs. Unless the settings
     * redefine it, it is {@code DispatcherConfig.fixedPool(16).withThroughput(1)}; see
     * {@link ActorSystemSettings#BLOCKING_DISPATCHER} for why.
     */
    static DispatcherSelector blocking() {
        return FromSettings.BLOCKING;
    }

    /** The default dispatcher. */
    record Default() implements DispatcherSelector {
        static final Default INSTANCE = new Default();
    }

    /** The parent's dispatcher. */
    record SameAsParent() implements DispatcherSelector {
        static final SameAsParent INSTANCE = new SameAsParent();
    }

    /** A dispatcher named in the settings. */
    record FromSettings(String name) implements DispatcherSelector {
        static final FromSettings BLOCKING = new FromSettings(ActorSystemSettings.BLOCKING_DISPATCHER);

        /** @throws IllegalArgumentException if the name is not a valid dispatcher name */
        public FromSettings {
            ActorSystemSettings.checkDispatcherName(Objects.requireNonNull(name, "name"));
        }
    }
}
