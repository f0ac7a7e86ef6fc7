package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.Behavior;

/**
 * Chooses an actor's logger name from the class that defines its behavior (the user's class, not a lambda's
 * synthetic one), so that log configuration works per actor type without a logger per actor.
 */
final class LoggerNames {
    private LoggerNames() {}

    static String forBehavior(Behavior<?> behavior, ActorPath path) {
        Object source = switch (behavior) {
            case BehaviorImpl.Receive<?> b -> b.onMessage;
            case BehaviorImpl.ReceiveMessage<?> b -> b.onMessage;
            case BehaviorImpl.Intercept<?> b -> b.inner;
            case null -> null;
            default -> behavior;
        };
        if (behavior instanceof BehaviorImpl.Intercept<?> intercept) {
            return forBehavior(intercept.inner, path);
        }
        if (source == null || source instanceof BehaviorImpl<?>) {
            return "dev.troupe.actor.Actor";
        }
        String name = source.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda > 0 ? name.substring(0, lambda) : name;
    }
}
