package dev.troupe.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DeadLetter;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteNodeTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    sealed interface Chat {
        record Hello(String text, ActorRef<String> replyTo) implements Chat {}

        record Numbered(int n) implements Chat {}

        record Payload(byte[] bytes) implements Chat {}

        record Introduce(ActorRef<Chat> who) implements Chat {}
    }

    /** Known to the sending node only. */
    record OnlyOnOneSide(String text) {}

    /** Known to no node. */
    record Unregistered(String text) {}

    static final MessageTypes TYPES = MessageTypes.builder().register(Chat.class, "chat").build();
    static final MessageTypes MORE_TYPES = MessageTypes.builder().register(Chat.class, "chat")
            .register(OnlyOnOneSide.class, "only-on-one-side").build();

    @TempDir
    Path devKeys;

    private final List<ActorTestKit> kits = new ArrayList<>();

    /** A system with a remote node on an ephemeral port of 127.0.0.1. */
    record Node(ActorTestKit kit, RemoteNode remote) {
        /** The path other nodes use for {@code ref}, an actor of this node. */
        String pathOf(ActorRef<?> ref) {
            return ref.path().withRoot(remote.address()).toString();
        }

        /** The ref this node uses for {@code ref}, an actor of {@code other}. */
        <T> ActorRef<T> refTo(Node other, ActorRef<?> ref) {
            return remote.resolve(other.pathOf(ref));
        }

        /** The {@link #greeter()}, spawned as "greeter" and published. */
        ActorRef<Chat> publishedGreeter() {
            ActorRef<Chat> greeter = kit.spawn(greeter(), "greeter");
            remote.publish(greeter);
            return greeter;
        }

        /** A probe that other nodes can reach. */
        <T> TestProbe<T> publishedProbe() {
            TestProbe<T> probe = kit.createTestProbe();
            remote.publish(probe.ref());
            return probe;
        }
    }

    Node node(String name, RemoteSettings settings, MessageTypes types) {
        ActorTestKit kit = ActorTestKit.create(name);
        kits.add(kit);
        return new Node(kit, RemoteNode.start(kit.system(), settings.withBind("127.0.0.1", 0), types));
    }

    Node node(String name) {
        return node(name, RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Development(devKeys)), TYPES);
    }

    static Behavior<Chat> greeter() {
        return Behaviors.receiveMessage(message -> {
            if (message instanceof Chat.Hello(String text, ActorRef<String> replyTo)) {
                replyTo.tell("hello " + text);
            }
            return Behaviors.same();
        });
    }

    @AfterEach
    void shutDown() {
        kits.forEach(ActorTestKit::shutdown);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {true, false})
    void aTellReachesAPublishedActorOnAnotherNode(boolean tls) {
        RemoteSettings settings = RemoteSettings.defaults().withTls(tls
                ? new RemoteSettings.Tls.Development(devKeys) : new RemoteSettings.Tls.Plaintext());
        Node a = node("a", settings, TYPES);
        Node b = node("b", settings, TYPES);
        TestProbe<Chat> inbox = b.publishedProbe();

        ActorRef<Chat> remote = a.refTo(b, inbox.ref());
        remote.tell(new Chat.Numbered(42));

        inbox.expectMessage(PATIENCE, new Chat.Numbered(42));
    }

    @Test
    void aRefInsideAMessageIsUsableOnTheReceivingNode() {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Chat> greeter = b.publishedGreeter();
        TestProbe<String> replies = a.kit.createTestProbe();

        a.<Chat>refTo(b, greeter).tell(new Chat.Hello("from a", replies.ref()));

        replies.expectMessage(PATIENCE, "hello from a");
    }

    @Test
    void askWorksAcrossNodes() throws Exception {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Chat> greeter = b.publishedGreeter();
        ActorRef<Chat> remote = a.refTo(b, greeter);

        CompletionStage<String> reply = AskPattern.ask(remote, replyTo -> new Chat.Hello("asker", replyTo), PATIENCE,
                a.kit.system().scheduler());

        assertThat(reply.toCompletableFuture().get()).isEqualTo("hello asker");
    }

    @Test
    void anActorAsksAnActorOnAnotherNode() {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Chat> greeter = b.publishedGreeter();
        TestProbe<String> answers = a.kit.createTestProbe();
        a.kit.spawn(Behaviors.<String>setup(ctx -> {
            ctx.ask(a.<Chat>refTo(b, greeter), (ActorRef<String> replyTo) -> new Chat.Hello("actor", replyTo),
                    PATIENCE, (reply, failure) -> reply != null ? reply : "failed: " + failure);
            return Behaviors.receiveMessage(answer -> {
                answers.ref().tell(answer);
                return Behaviors.same();
            });
        }), "asker");

        answers.expectMessage(PATIENCE, "hello actor");
    }

    @Test
    void messagesFromOneSenderArriveInOrder() {
        Node a = node("a");
        Node b = node("b");
        TestProbe<Chat> inbox = b.publishedProbe();
        ActorRef<Chat> remote = a.refTo(b, inbox.ref());

        IntStream.range(0, 2_000).forEach(i -> remote.tell(new Chat.Numbered(i)));

        assertThat(inbox.receiveMessages(2_000, PATIENCE)).extracting(m -> ((Chat.Numbered) m).n())
                .containsExactlyElementsOf(IntStream.range(0, 2_000).boxed().toList());
    }

    @Test
    void threeNodesPassARefAlong() {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        ActorRef<Chat> greeterOnC = c.publishedGreeter();
        // b forwards every Hello to c's greeter: the reply ref from a passes through b to c and is used on c.
        ActorRef<Chat> forwarderOnB = b.kit.spawn(Behaviors.<Chat>setup(ctx -> {
            ActorRef<Chat> toC = b.refTo(c, greeterOnC);
            return Behaviors.receiveMessage(message -> {
                toC.tell(message);
                return Behaviors.same();
            });
        }), "forwarder");
        b.remote.publish(forwarderOnB);
        TestProbe<String> replies = a.kit.createTestProbe();

        a.<Chat>refTo(b, forwarderOnB).tell(new Chat.Hello("via b", replies.ref()));

        replies.expectMessage(PATIENCE, "hello via b");
    }

    @Test
    void anUnregisteredTypeIsRejectedAtTheSendingCall() {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Object> remote = a.remote.resolve(b.remote.address() + "user/anyone");

        assertThatThrownBy(() -> remote.tell(new Unregistered("no")))
                .isInstanceOf(NotSerializableMessageException.class).hasMessageContaining(Unregistered.class.getName());
    }

    @Test
    void aTypeTheReceivingNodeDoesNotKnowIsRejectedThereWithAnEvent() {
        Node a = node("a", RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Development(devKeys)), MORE_TYPES);
        Node b = node("b");
        TestProbe<Object> inbox = b.publishedProbe();
        TestProbe<RemoteEvent> events = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.DeliveryFailed.class, events.ref());
        ActorRef<Object> remote = a.refTo(b, inbox.ref());

        remote.tell(new OnlyOnOneSide("unknown there"));
        remote.tell(new Chat.Numbered(1));

        RemoteEvent.DeliveryFailed failed = (RemoteEvent.DeliveryFailed) events.receiveMessage(PATIENCE);
        assertThat(failed.reason()).contains("only-on-one-side");
        assertThat(failed.node()).isEqualTo(a.remote.address());
        inbox.expectMessage(PATIENCE, new Chat.Numbered(1));
    }

    @Test
    void aMessageToAnActorThatIsNotPublishedIsADeadLetterOnTheReceivingNode() {
        Node a = node("a");
        Node b = node("b");
        TestProbe<Chat> hidden = b.kit.createTestProbe();
        TestProbe<DeadLetter> deadLetters = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());

        a.<Chat>refTo(b, hidden.ref()).tell(new Chat.Numbered(7));

        assertThat(deadLetters.receiveMessage(PATIENCE).message()).isEqualTo(new Chat.Numbered(7));
        hidden.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aMessageLargerThanTheFrameLimitIsADeadLetterOnTheSendingNode() {
        Node a = node("a", RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Development(devKeys))
                .withMaxFrameSize(16 * 1024), TYPES);
        Node b = node("b");
        TestProbe<Chat> inbox = b.publishedProbe();
        TestProbe<DeadLetter> deadLetters = a.kit.createTestProbe();
        a.kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        ActorRef<Chat> remote = a.refTo(b, inbox.ref());

        remote.tell(new Chat.Payload(new byte[32 * 1024]));
        remote.tell(new Chat.Numbered(2));

        assertThat(deadLetters.receiveMessage(PATIENCE).message()).isInstanceOf(Chat.Payload.class);
        inbox.expectMessage(PATIENCE, new Chat.Numbered(2));
    }

    @Test
    void aFrameAboveTheReceiversLimitClosesThatConnectionAndTheNodeKeepsWorking() {
        Node a = node("a");
        Node b = node("b", RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Development(devKeys))
                .withMaxFrameSize(16 * 1024), TYPES);
        Node c = node("c");
        TestProbe<Chat> inbox = b.publishedProbe();
        TestProbe<RemoteEvent> events = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.ConnectionFailed.class, events.ref());

        a.<Chat>refTo(b, inbox.ref()).tell(new Chat.Payload(new byte[64 * 1024]));

        assertThat(((RemoteEvent.ConnectionFailed) events.receiveMessage(PATIENCE)).reason()).contains("frame too long");
        c.<Chat>refTo(b, inbox.ref()).tell(new Chat.Numbered(3));
        inbox.expectMessage(PATIENCE, new Chat.Numbered(3));
    }

    @Test
    void watchingARemoteActorGivesTerminatedWhenItStops() {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Chat> greeter = b.publishedGreeter();
        ActorRef<Chat> remote = a.refTo(b, greeter);
        TestProbe<String> replies = a.kit.createTestProbe();
        remote.tell(new Chat.Hello("before", replies.ref()));
        replies.expectMessage(PATIENCE, "hello before");
        TestProbe<Void> watcher = a.kit.createTestProbe();

        b.kit.stop(greeter);

        watcher.expectTerminated(remote, PATIENCE);
    }

    @Test
    void afterUnwatchARemoteActorsStopGivesNoTerminated() {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Chat> greeter = b.publishedGreeter();
        ActorRef<Chat> remote = a.refTo(b, greeter);
        TestProbe<String> events = a.kit.createTestProbe();
        ActorRef<String> watcher = a.kit.spawn(Behaviors.<String>receive((ctx, command) -> {
            switch (command) {
                case "watch" -> ctx.watchWith(remote, "terminated");
                case "unwatch" -> ctx.unwatch(remote);
                default -> events.ref().tell(command);
            }
            events.ref().tell("did " + command);
            return Behaviors.same();
        }), "watcher");

        watcher.tell("watch");
        watcher.tell("unwatch");
        events.expectMessage(PATIENCE, "did watch");
        events.expectMessage(PATIENCE, "did unwatch");
        b.kit.stop(greeter);

        events.expectNoMessage(Duration.ofSeconds(1));
    }

    @Test
    void aPublishedActorIsForgottenWhenItStops() {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Chat> greeter = b.publishedGreeter();
        b.kit.stop(greeter);
        ActorRef<Chat> again = b.kit.spawn(greeter(), "greeter");
        TestProbe<DeadLetter> deadLetters = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        TestProbe<String> replies = a.kit.createTestProbe();

        a.<Chat>refTo(b, again).tell(new Chat.Hello("anyone?", replies.ref()));

        assertThat(deadLetters.receiveMessage(PATIENCE).message()).isInstanceOf(Chat.Hello.class);
    }

    @Test
    void aPublishedNameReachesTheActorPublishedUnderItAfterTheFirstStopped() {
        Node a = node("a");
        Node b = node("b");
        ActorRef<Chat> first = b.publishedGreeter();
        ActorRef<Chat> byName = a.refTo(b, first);
        TestProbe<String> replies = a.kit.createTestProbe();
        byName.tell(new Chat.Hello("first", replies.ref()));
        replies.expectMessage(PATIENCE, "hello first");

        b.kit.stop(first);
        b.publishedGreeter();
        byName.tell(new Chat.Hello("second", replies.ref()));

        replies.expectMessage(PATIENCE, "hello second");
    }

    @Test
    void publishingARefOfAnotherSystemIsRefused() {
        Node a = node("a");
        Node b = node("b");
        TestProbe<Chat> ofB = b.kit.createTestProbe();

        assertThatThrownBy(() -> a.remote.publish(ofB.ref())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Only actors of this node's system (a)");
    }

    @Test
    void resolvingAPathWithoutAnAddressIsRefused() {
        Node a = node("a");

        assertThatThrownBy(() -> a.remote.resolve("troupe://b/user/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("troupe://system@host:port");
    }

    @Test
    void aLargeMessageThatKillsItsLaneLeavesTheOrdinaryAndControlLanesWorking() {
        RemoteSettings dev = RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Development(devKeys));
        Node a = node("a", dev.withLargeMessageThreshold(1024), TYPES);
        Node b = node("b", dev.withMaxFrameSize(4 * 1024), TYPES);
        TestProbe<Chat> inbox = b.publishedProbe();
        ActorRef<Chat> greeter = b.publishedGreeter();
        TestProbe<RemoteEvent> events = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.ConnectionFailed.class, events.ref());
        ActorRef<Chat> remoteInbox = a.refTo(b, inbox.ref());
        ActorRef<Chat> remoteGreeter = a.refTo(b, greeter);
        TestProbe<Void> watcher = a.kit.createTestProbe();

        remoteInbox.tell(new Chat.Payload(new byte[8 * 1024])); // above a's large threshold and b's frame limit
        assertThat(((RemoteEvent.ConnectionFailed) events.receiveMessage(PATIENCE)).reason()).contains("frame too long");
        remoteInbox.tell(new Chat.Numbered(1));
        inbox.expectMessage(PATIENCE, new Chat.Numbered(1));
        b.kit.stop(greeter);
        watcher.expectTerminated(remoteGreeter, PATIENCE);
    }
}
