package dev.troupe.actor;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Every mailbox × dispatcher combination the runtime offers, as {@link Props} for parameterized tests
 * ({@code @MethodSource("dev.troupe.actor.RuntimeMatrix#props")}). Add new kinds to {@link #MAILBOXES} or
 * {@link #DISPATCHERS} and every runtime test runs with them. The named dispatchers are defined in
 * {@link TestSystem#settings()}, so the tests must create their system with those settings.
 */
final class RuntimeMatrix {
    private RuntimeMatrix() {}

    /**
     * The runtime tests assume nothing is dropped and each sender's messages stay in order, so the bounded
     * mailbox gets room for every message they send, and the priority mailbox gives all messages one priority:
     * they exercise those kinds' own queues, locks and scheduling, not their overflow or reordering (which
     * MailboxKindsTest covers).
     */
    static final List<Named<MailboxSelector>> MAILBOXES = List.of(
            Named.of("unbounded", MailboxSelector.defaultMailbox()),
            Named.of("bounded", MailboxSelector.bounded(10_000_000, MailboxSelector.OverflowStrategy.REJECT)),
            Named.of("priority", MailboxSelector.priority(message -> 0)),
            Named.of("control-aware", MailboxSelector.controlAware()));

    static final List<Named<DispatcherSelector>> DISPATCHERS = List.of(
            Named.of("fork-join", DispatcherSelector.defaultDispatcher()),
            Named.of("same-as-parent", DispatcherSelector.sameAsParent()),
            Named.of(TestSystem.FIXED_POOL, DispatcherSelector.fromSettings(TestSystem.FIXED_POOL)),
            Named.of(TestSystem.PINNED, DispatcherSelector.fromSettings(TestSystem.PINNED)),
            Named.of(TestSystem.VIRTUAL, DispatcherSelector.fromSettings(TestSystem.VIRTUAL)),
            Named.of(TestSystem.CALLING_THREAD, DispatcherSelector.fromSettings(TestSystem.CALLING_THREAD)));

    /** Every combination. */
    static Stream<Named<Props>> props() {
        return combinations(true);
    }

    /**
     * Every combination except those on the calling-thread dispatcher, for tests that need actors to run
     * concurrently with the test thread or with each other (a test that blocks one actor on a latch while
     * another must run, or that floods an actor from several threads at once).
     */
    static Stream<Named<Props>> concurrentProps() {
        return combinations(false);
    }

    /**
     * Every combination whose mailbox delivers in arrival order (all but the priority mailbox, which lets the
     * runtime's own wake-ups overtake waiting messages), for tests whose timing relies on that order.
     */
    static Stream<Named<Props>> fifoProps() {
        return combinations(true).filter(p -> !(p.getPayload().mailbox() instanceof MailboxSelector.Priority));
    }

    private static Stream<Named<Props>> combinations(boolean withCallingThread) {
        return MAILBOXES.stream().flatMap(m -> DISPATCHERS.stream()
                .filter(d -> withCallingThread || !d.getName().equals(TestSystem.CALLING_THREAD))
                .map(d -> Named.of(m.getName() + " × " + d.getName(),
                        Props.empty().withMailbox(m.getPayload()).withDispatcher(d.getPayload()))));
    }
}
