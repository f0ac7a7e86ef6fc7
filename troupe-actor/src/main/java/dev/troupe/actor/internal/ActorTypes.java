package dev.troupe.actor.internal;

import dev.troupe.actor.Behavior;

/**
 * An actor's type: the class that defines its behavior (the user's class, not a lambda's synthetic one).
 * Used as the logger name, so that log configuration works per actor type without a logger per actor, and
 * in supervision events, so that failures can be counted per type.
 */
final class ActorTypes {
    /** The type of behaviors that carry no user code of their own (empty, ignore, ...). */
    static final String UNKNOWN = "dev.troupe.actor.Actor";

    private ActorTypes() {}

    static String of(Behavior<?> behavior) {
        Object source = switch (behavior) {
            case BehaviorImpl.Intercept<?> b -> b.inner;
            case BehaviorImpl.Supervised<?> b -> b.inner;
            case BehaviorImpl.Receive<?> b -> b.onMessage;
            case BehaviorImpl.ReceiveMessage<?> b -> b.onMessage;
            case BehaviorImpl.Batching<?> b -> b.onBatch;
            case BehaviorImpl.Deferred<?> b -> b.factory;
            case null -> null;
            default -> behavior;
        };
        if (source instanceof Behavior<?> wrapped && source != behavior) {
            return of(wrapped);
        }
        if (source == null || source instanceof BehaviorImpl<?>) {
            return UNKNOWN;
        }
        return NAMES.get(source.getClass());
    }

    /** The type named by the class of a behavior's code, worked out once per class (spawns ask for it often). */
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String name = type.getName();
            int lambda = name.indexOf("$$Lambda");
            if (lambda < 0) {
                return name;
            }
            String owner = name.substring(0, lambda);
            // A lambda of our own (withTimers, withStash...) hides the user's code until the actor has started.
            return owner.startsWith("dev.troupe.actor.internal.") || owner.equals("dev.troupe.actor.Behaviors")
                    ? UNKNOWN : owner;
        }
    };
}
