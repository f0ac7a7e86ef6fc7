package dev.troupe.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DeadLetter;
import dev.troupe.actor.Terminated;
import dev.troupe.remote.RemoteNodeTest.Chat;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure detection, quarantine and incarnations, with nodes in this JVM. */
class RemoteFailureTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Quick detection for tests: heartbeats every 100 ms, unreachable after about half a second of silence. */
    private static final RemoteSettings.FailureDetection QUICK = new RemoteSettings.FailureDetection(
            Duration.ofMillis(100), 8.0, 100, Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(100),
            Duration.ofMillis(300));

    @TempDir
    Path devKeys;

    private final List<ActorTestKit> kits = new ArrayList<>();

    private record Node(ActorTestKit kit, RemoteNode remote) {}

    private RemoteSettings quick(int port) {
        return RemoteSettings.defaults().withBind("127.0.0.1", port)
                .withTls(new RemoteSettings.Tls.Development(devKeys)).withFailureDetection(QUICK)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private Node node(String name, int port) {
        return node(name, quick(port));
    }

    private Node node(String name, RemoteSettings settings) {
        ActorTestKit kit = ActorTestKit.create(name);
        kits.add(kit);
        return new Node(kit, RemoteNode.start(kit.system(), settings, RemoteNodeTest.TYPES));
    }

    /** A port nothing listens on: one a node had, closed again. */
    private int deadPort() {
        Node gone = node("gone", 0);
        int port = gone.remote.address().port();
        gone.remote.close();
        return port;
    }

    @AfterEach
    void shutDown() {
        kits.forEach(ActorTestKit::shutdown);
    }

    @Test
    void aNodeThatGoesAwayIsUnreachableThenQuarantinedAndItsWatchersGetTerminated() {
        Node a = node("a", 0);
        Node b = node("b", 0);
        ActorRef<Chat> greeter = b.kit.spawn(RemoteNodeTest.greeter(), "greeter");
        b.remote.publish(greeter);
        ActorRef<Chat> remote = a.remote.resolve(greeter.path().withRoot(b.remote.address()).toString());
        TestProbe<String> replies = a.kit.createTestProbe();
        remote.tell(new Chat.Hello("are you there", replies.ref()));
        replies.expectMessage(PATIENCE, "hello are you there");
        TestProbe<RemoteEvent> events = a.kit.createTestProbe();
        a.kit.system().eventStream().subscribe(RemoteEvent.class, events.ref());
        TestProbe<Void> watcher = a.kit.createTestProbe();

        b.remote.close(); // the actor lives on, but its node is gone

        watcher.expectTerminated(remote, PATIENCE);
        List<RemoteEvent> seen = events.fishForMessage(PATIENCE, e -> e instanceof RemoteEvent.Quarantined
                ? TestProbe.FishingOutcome.COMPLETE : TestProbe.FishingOutcome.CONTINUE);
        assertThat(seen).anyMatch(e -> e.equals(new RemoteEvent.Unreachable(b.remote.address())));
        RemoteEvent.Quarantined quarantined = (RemoteEvent.Quarantined) seen.getLast();
        assertThat(quarantined.node()).isEqualTo(b.remote.address());
        assertThat(quarantined.incarnation()).isEqualTo(b.remote.incarnation());
    }

    @Test
    void aRestartedNodeIsANewIncarnationAndRefsToTheOldOneAreDead() {
        Node a = node("a", 0);
        Node b1 = node("b", 0);
        int port = b1.remote.address().port();
        TestProbe<Chat> inbox1 = b1.kit.createTestProbe("inbox");
        b1.remote.publish(inbox1.ref());
        String inboxPath = inbox1.ref().path().withRoot(b1.remote.address()).toString();
        a.remote.<Chat>resolve(inboxPath).tell(new Chat.Numbered(1));
        inbox1.expectMessage(PATIENCE, new Chat.Numbered(1));
        // A ref that arrives in a message is tied to its node's incarnation: b1 sends a ref of its own.
        TestProbe<Chat> introductions = a.kit.createTestProbe();
        a.remote.publish(introductions.ref());
        b1.remote.<Chat>resolve(introductions.ref().path().withRoot(a.remote.address()).toString())
                .tell(new Chat.Introduce(inbox1.ref()));
        ActorRef<Chat> oldRef = ((Chat.Introduce) introductions.receiveMessage(PATIENCE)).who();
        TestProbe<Void> watcher = a.kit.createTestProbe();
        TestProbe<RemoteEvent> events = a.kit.createTestProbe();
        a.kit.system().eventStream().subscribe(RemoteEvent.Quarantined.class, events.ref());
        TestProbe<DeadLetter> deadLetters = a.kit.createTestProbe();
        a.kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());

        b1.kit.shutdown();
        Node b2 = node("b", port);
        TestProbe<Chat> inbox2 = b2.kit.createTestProbe("inbox");
        b2.remote.publish(inbox2.ref());
        // Until a has seen b1's connections close, a message may be written to one of them and be lost (delivery
        // is at most once), so a sends until one reaches the new incarnation; any later copies are checked below.
        ActorRef<Chat> byPath = a.remote.resolve(inboxPath);
        inbox2.awaitAssert(PATIENCE, () -> {
            byPath.tell(new Chat.Numbered(2));
            assertThat(inbox2.receiveMessage(Duration.ofMillis(500))).isEqualTo(new Chat.Numbered(2));
        });

        assertThat(((RemoteEvent.Quarantined) events.receiveMessage(PATIENCE)).incarnation())
                .isEqualTo(b1.remote.incarnation());
        oldRef.tell(new Chat.Numbered(3));
        DeadLetter dead = deadLetters.fishForMessage(PATIENCE, d -> d.message().equals(new Chat.Numbered(3))
                ? TestProbe.FishingOutcome.COMPLETE : TestProbe.FishingOutcome.CONTINUE).getLast();
        assertThat(dead.recipient()).isEqualTo(oldRef);
        watcher.expectTerminated(oldRef, PATIENCE);
        for (Chat late; (late = nextWithin(inbox2, Duration.ofMillis(300))) != null; ) {
            assertThat(late).as("only copies of the message sent until one arrived").isEqualTo(new Chat.Numbered(2));
        }
    }

    /** The probe's next message within {@code max}, or null if none comes. */
    private static <T> T nextWithin(TestProbe<T> probe, Duration max) {
        try {
            return probe.receiveMessage(max);
        } catch (AssertionError timeout) {
            return null;
        }
    }

    @Test
    void messagesForANodeThatIsDownWaitUpToTheBufferSizeThenAreDeadLettersWithTheReason() {
        Node a = node("a", quick(0).withOutboundBufferSize(5).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)));
        TestProbe<DeadLetter> deadLetters = a.kit.createTestProbe();
        a.kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        ActorRef<Chat> nowhere = a.remote.resolve("troupe://b@127.0.0.1:" + deadPort() + "/user/inbox");

        for (int i = 0; i < 8; i++) {
            nowhere.tell(new Chat.Numbered(i));
        }

        List<DeadLetter> overflow = deadLetters.receiveMessages(3, PATIENCE);
        assertThat(overflow).extracting(DeadLetter::message)
                .containsExactly(new Chat.Numbered(5), new Chat.Numbered(6), new Chat.Numbered(7));
        // the five that waited are given up once the node has not answered within handshake timeout + down-after
        assertThat(deadLetters.receiveMessages(5, PATIENCE)).extracting(DeadLetter::message)
                .containsExactly(new Chat.Numbered(0), new Chat.Numbered(1), new Chat.Numbered(2),
                        new Chat.Numbered(3), new Chat.Numbered(4));
    }

    @Test
    void watchingAnActorOfANodeThatNeverAnswersGivesTerminated() {
        Node a = node("a", quick(0).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)));
        ActorRef<Chat> nowhere = a.remote.resolve("troupe://b@127.0.0.1:" + deadPort() + "/user/inbox");
        TestProbe<Void> watcher = a.kit.createTestProbe();

        watcher.expectTerminated(nowhere, PATIENCE);
    }

    @Test
    void aNodeWhoseActorsAreWatchedNoticesWhenTheWatchingNodeGoesAway() {
        Node a = node("a", 0);
        Node b = node("b", 0);
        ActorRef<Chat> first = b.kit.spawn(RemoteNodeTest.greeter(), "first");
        ActorRef<Chat> second = b.kit.spawn(RemoteNodeTest.greeter(), "second");
        b.remote.publish(first);
        b.remote.publish(second);
        TestProbe<String> terminations = a.kit.createTestProbe();
        a.kit.spawn(Behaviors.<Void>setup(ctx -> {
            // second first: its Watch is ahead of first's on the control lane, so first's Terminated proves both
            ctx.watch(a.remote.resolve(second.path().withRoot(b.remote.address()).toString()));
            ctx.watch(a.remote.resolve(first.path().withRoot(b.remote.address()).toString()));
            return Behaviors.receiveSignal((c, signal) -> {
                if (signal instanceof Terminated terminated) {
                    terminations.ref().tell(terminated.ref().path().name());
                }
                return Behaviors.same();
            });
        }), "watcher");
        TestProbe<RemoteEvent> events = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.Quarantined.class, events.ref());
        b.kit.stop(first);
        terminations.expectMessage(PATIENCE, "first");

        a.remote.close(); // b still holds a's watch of second: it heartbeats a and finds it gone

        RemoteEvent.Quarantined quarantined = (RemoteEvent.Quarantined) events.receiveMessage(PATIENCE);
        assertThat(quarantined.node()).isEqualTo(a.remote.address());
    }
}
