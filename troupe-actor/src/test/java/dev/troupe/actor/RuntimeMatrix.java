package dev.troupe.actor;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Every mailbox × dispatcher combination the runtime offers, as {@link Props} for parameterized tests
 * ({@code @MethodSource("dev.troupe.actor.RuntimeMatrix#props")}). Add new kinds here and every runtime
 * test runs with them.
 */
final class RuntimeMatrix {
    private RuntimeMatrix() {}

    static Stream<Named<Props>> props() {
        MailboxSelector[] mailboxes = {MailboxSelector.defaultMailbox()};
        DispatcherSelector[] dispatchers = {DispatcherSelector.defaultDispatcher(), DispatcherSelector.sameAsParent()};
        return Stream.of(mailboxes).flatMap(m -> Stream.of(dispatchers).map(d ->
                Named.of(m + " × " + d, Props.empty().withMailbox(m).withDispatcher(d))));
    }
}
