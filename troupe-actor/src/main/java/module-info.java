/**
 * Troupe's actor runtime: typed actors, behaviors, the mailboxes and dispatchers that run them.
 *
 * <p>The public API is the package {@code dev.troupe.actor}. The implementation in
 * {@code dev.troupe.actor.internal} is open only to other Troupe modules that extend the runtime.
 */
module dev.troupe.actor {
    requires transitive org.slf4j;

    exports dev.troupe.actor;
    exports dev.troupe.actor.routing;
    exports dev.troupe.actor.instrument;
    exports dev.troupe.actor.internal to dev.troupe.testkit, dev.troupe.remote;
}
