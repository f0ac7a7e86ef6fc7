package dev.troupe.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Death watch keeps working while the ordinary and large lanes are stuck in a user's deserializer. */
class LaneIsolationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    record Slow(String text) {}

    /** Writes Slow as its text; reading one waits until released, as a serializer stuck on a big input would. */
    static final class StuckSerializer implements RemoteSerializer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public int id() {
            return 100;
        }

        @Override
        public Set<Class<?>> types() {
            return Set.of(Slow.class);
        }

        @Override
        public byte[] toBinary(Object message) {
            return ((Slow) message).text().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object fromBinary(byte[] payload, String manifest) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Slow(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private final List<ActorTestKit> kits = new ArrayList<>();
    private final StuckSerializer stuck = new StuckSerializer();

    @AfterEach
    void shutDown() {
        stuck.release.countDown();
        kits.forEach(ActorTestKit::shutdown);
    }

    private RemoteNode node(String name) {
        ActorTestKit kit = ActorTestKit.create(name);
        kits.add(kit);
        RemoteSettings settings = RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Plaintext())
                .withBind("127.0.0.1", 0).withLargeMessageThreshold(1024);
        return RemoteNode.start(kit.system(), settings, RemoteNodeTest.TYPES, List.of(stuck));
    }

    private static <T> ActorRef<T> refOn(RemoteNode node, RemoteNode owner, ActorRef<T> ref) {
        return node.resolve(ref.path().withRoot(owner.address()).toString());
    }

    @Test
    void aRemoteActorsStopReachesItsWatcherWhileTheOtherLanesAreStuckInDeserialization() throws Exception {
        RemoteNode a = node("a");
        RemoteNode b = node("b");
        ActorTestKit aKit = kits.get(0);
        ActorTestKit bKit = kits.get(1);
        TestProbe<Slow> inbox = aKit.createTestProbe();
        a.publish(inbox.ref());
        ActorRef<RemoteNodeTest.Chat> greeter = bKit.spawn(RemoteNodeTest.greeter(), "greeter");
        b.publish(greeter);
        ActorRef<Slow> inboxFromB = refOn(b, a, inbox.ref());

        inboxFromB.tell(new Slow("ordinary"));
        inboxFromB.tell(new Slow("large " + "x".repeat(4096)));
        assertThat(stuck.entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        bKit.stop(greeter);

        TestProbe<Void> watcher = aKit.createTestProbe();
        watcher.expectTerminated(refOn(a, b, greeter), PATIENCE);

        stuck.release.countDown();
        assertThat(List.of(inbox.receiveMessage(PATIENCE), inbox.receiveMessage(PATIENCE)))
                .extracting(slow -> slow.text().substring(0, 5)).containsExactlyInAnyOrder("ordin", "large");
    }
}
