/**
 * Testing support for Troupe actors: {@link dev.troupe.testkit.ActorTestKit} with
 * {@link dev.troupe.testkit.TestProbe}s, {@link dev.troupe.testkit.ManualTime}, the synchronous
 * {@link dev.troupe.testkit.BehaviorTestKit}, log and dead-letter capture, and a JUnit 5 extension.
 */
module dev.troupe.testkit {
    requires transitive dev.troupe.actor;
    requires transitive org.junit.jupiter.api;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    exports dev.troupe.testkit;
}
