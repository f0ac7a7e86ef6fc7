package dev.troupe.remote.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.ActorSystemImpl;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.remote.RemoteEvent;
import dev.troupe.remote.RemoteSettings;
import dev.troupe.remote.internal.tls.TestCertificates;
import dev.troupe.remote.internal.tls.TlsContexts;
import dev.troupe.remote.internal.wire.Frame;
import dev.troupe.remote.internal.wire.Lane;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path devKeys;
    @TempDir
    Path otherDevKeys;

    private final List<ActorTestKit> kits = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();

    /** A node's transport and the frames delivered to it. */
    private record Node(Transport transport, List<Frame> delivered, ActorTestKit kit) {}

    private Node node(String system, RemoteSettings.Tls tls, int maxFrameSize) {
        return node(system, RemoteSettings.defaults().withTls(tls).withMaxFrameSize(maxFrameSize), frame -> { });
    }

    /** A node that hands each frame to {@code beforeDelivery} (which may block) before it counts as delivered. */
    private Node node(String system, RemoteSettings settings, Consumer<Frame> beforeDelivery) {
        ActorTestKit kit = ActorTestKit.create(system);
        kits.add(kit);
        List<Frame> delivered = new CopyOnWriteArrayList<>();
        Transport transport = new Transport((ActorSystemImpl<?>) kit.system(), settings.withBind("127.0.0.1", 0),
                TlsContexts.of(settings.tls()), System.nanoTime() | 1, (from, frame) -> {
                    beforeDelivery.accept(frame);
                    delivered.add(frame);
                });
        transports.add(transport);
        transport.bind();
        return new Node(transport, delivered, kit);
    }

    private static Frame.Message message(String recipient, int n) {
        return new Frame.Message(recipient, 1, "m", new byte[] {(byte) n});
    }

    private static void send(Node from, Node to, Frame frame) {
        InternalRef<?> recipient = (InternalRef<?>) from.kit.system().deadLetters();
        from.transport.association(to.transport.address()).send(Lane.ORDINARY, new Outgoing(frame, 0, "m", recipient));
    }

    @AfterEach
    void stop() {
        transports.forEach(Transport::close);
        kits.forEach(ActorTestKit::shutdown);
    }

    @Test
    void framesArriveInOrderOverDevelopmentTls() {
        Node a = node("a", new RemoteSettings.Tls.Development(devKeys), 64 * 1024);
        Node b = node("b", new RemoteSettings.Tls.Development(devKeys), 64 * 1024);

        IntStream.range(0, 500).forEach(i -> send(a, b, message("troupe://b@x:1/user/r", i)));

        await().atMost(PATIENCE).until(() -> b.delivered.size() == 500);
        assertThat(b.delivered).extracting(f -> ((Frame.Message) f).payload()[0])
                .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> (byte) i).toList());
    }

    @Test
    void framesArriveOverPlaintextAndTheHandshakeTellsBothSidesTheIncarnation() {
        Node a = node("a", new RemoteSettings.Tls.Plaintext(), 64 * 1024);
        Node b = node("b", new RemoteSettings.Tls.Plaintext(), 64 * 1024);

        send(a, b, message("troupe://b@x:1/user/r", 7));

        await().atMost(PATIENCE).until(() -> b.delivered.size() == 1);
        assertThat(a.transport.association(b.transport.address()).incarnation()).isEqualTo(b.transport.incarnation());
        assertThat(b.transport.association(a.transport.address()).incarnation()).isEqualTo(a.transport.incarnation());
    }

    @Test
    void aNodeWithAnotherDevelopmentKeyCannotSend() {
        Node a = node("a", new RemoteSettings.Tls.Development(otherDevKeys), 64 * 1024);
        Node b = node("b", new RemoteSettings.Tls.Development(devKeys), 64 * 1024);
        TestProbe<RemoteEvent> aEvents = a.kit.createTestProbe();
        TestProbe<RemoteEvent> bEvents = b.kit.createTestProbe();
        a.kit.system().eventStream().subscribe(RemoteEvent.class, aEvents.ref());
        b.kit.system().eventStream().subscribe(RemoteEvent.class, bEvents.ref());

        send(a, b, message("troupe://b@x:1/user/r", 1));

        assertThat(aEvents.expectMessageClass(RemoteEvent.ConnectionFailed.class, PATIENCE).reason()).contains("TLS");
        assertThat(bEvents.expectMessageClass(RemoteEvent.ConnectionFailed.class, PATIENCE).reason()).contains("TLS");
        assertThat(b.delivered).isEmpty();
    }

    @Test
    void nodesWithCertificatesFromTheTrustedAuthorityTalkOverMutualTls() throws Exception {
        TestCertificates authority = TestCertificates.authority(devKeys, "Troupe test CA");
        Node a = node("a", authority.node("a", true), 64 * 1024);
        Node b = node("b", authority.node("b", true), 64 * 1024);

        send(a, b, message("troupe://b@x:1/user/r", 7));

        await().atMost(PATIENCE).until(() -> b.delivered.size() == 1);
    }

    @Test
    void aNodeWithACertificateFromAnotherAuthorityCannotJoin() throws Exception {
        TestCertificates authority = TestCertificates.authority(devKeys, "Troupe test CA");
        TestCertificates impostor = TestCertificates.authority(otherDevKeys, "Troupe test CA");
        Node b = node("b", authority.node("b", true), 64 * 1024);
        // The impostor trusts the cluster's authority, so only the cluster node's check can keep it out.
        Node a = node("a", impostor.node("a", true, authority), 64 * 1024);
        TestProbe<RemoteEvent> bEvents = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.class, bEvents.ref());

        send(a, b, message("troupe://b@x:1/user/r", 7));

        assertThat(bEvents.expectMessageClass(RemoteEvent.ConnectionFailed.class, PATIENCE).reason()).contains("TLS");
        assertThat(b.delivered).isEmpty();
    }

    @Test
    void withNameChecksANodeWhoseCertificateDoesNotNameTheHostItClaimsCannotJoin() throws Exception {
        TestCertificates authority = TestCertificates.authority(devKeys, "Troupe test CA");
        Node b = node("b", authority.node("b", true), 64 * 1024);
        // trusted, but issued for another host than the 127.0.0.1 in the address it claims
        Node a = node("a", authority.node("a", true, authority, "10.1.2.3"), 64 * 1024);
        TestProbe<RemoteEvent> bEvents = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.class, bEvents.ref());

        send(a, b, message("troupe://b@x:1/user/r", 7));

        assertThat(bEvents.expectMessageClass(RemoteEvent.ConnectionFailed.class, PATIENCE).reason())
                .contains("handshake rejected").contains("does not name 127.0.0.1");
        assertThat(b.delivered).isEmpty();
    }

    @Test
    void withoutNameChecksAnyTrustedCertificateMayClaimAnyAddress() throws Exception {
        TestCertificates authority = TestCertificates.authority(devKeys, "Troupe test CA");
        Node b = node("b", authority.node("b", false), 64 * 1024);
        Node a = node("a", authority.node("a", false, authority, "10.1.2.3"), 64 * 1024);

        send(a, b, message("troupe://b@x:1/user/r", 7));

        await().atMost(PATIENCE).until(() -> b.delivered.size() == 1);
    }

    @Test
    void anOversizedFrameClosesItsConnectionAndTheNodeKeepsWorking() throws Exception {
        Node b = node("b", new RemoteSettings.Tls.Plaintext(), 4096);
        TestProbe<RemoteEvent> events = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.class, events.ref());
        ActorPath address = b.transport.address();

        try (Socket socket = new Socket(address.host().orElseThrow(), address.port())) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            new DataOutputStream(socket.getOutputStream()).writeInt(Integer.MAX_VALUE);
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the node closes the connection").isEqualTo(-1);
        }
        assertThat(events.expectMessageClass(RemoteEvent.ConnectionFailed.class, PATIENCE).reason())
                .contains("frame too long");

        Node a = node("a", new RemoteSettings.Tls.Plaintext(), 4096);
        send(a, b, message("troupe://b@x:1/user/r", 1));
        await().atMost(PATIENCE).until(() -> b.delivered.size() == 1);
    }

    @Test
    void aHandshakeForAnotherAddressIsRejected() {
        Node a = node("a", new RemoteSettings.Tls.Plaintext(), 64 * 1024);
        Node b = node("b", new RemoteSettings.Tls.Plaintext(), 64 * 1024);
        TestProbe<RemoteEvent> events = a.kit.createTestProbe();
        a.kit.system().eventStream().subscribe(RemoteEvent.class, events.ref());
        ActorPath wrongSystem = ActorPath.root("c", "127.0.0.1", b.transport.address().port());

        a.transport.association(wrongSystem).send(Lane.ORDINARY, new Outgoing(message("troupe://c@x:1/user/r", 1), 0,
                "m", (InternalRef<?>) a.kit.system().deadLetters()));

        assertThat(events.expectMessageClass(RemoteEvent.ConnectionFailed.class, PATIENCE).reason())
                .contains("handshake rejected").contains("not " + wrongSystem.address());
        assertThat(b.delivered).isEmpty();
    }

    @Test
    void aControlFrameIsDeliveredWhileTheOrdinaryLaneIsStuckInDelivery() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Node a = node("a", new RemoteSettings.Tls.Plaintext(), 64 * 1024);
        Node b = node("b", RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Plaintext()), frame -> {
            if (frame instanceof Frame.Message) {
                stuck.countDown();
                awaitUninterruptibly(release); // a slow deserializer, say
            }
        });
        send(a, b, message("troupe://b@x:1/user/r", 1));
        assertThat(stuck.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Frame.Watch watch = new Frame.Watch("troupe://b@x:1/user/r", "troupe://a@x:2/user/w");
        a.transport.association(b.transport.address()).send(Lane.CONTROL,
                new Outgoing(watch, 0, null, (InternalRef<?>) a.kit.system().deadLetters()));

        await().atMost(PATIENCE).until(() -> b.delivered.contains(watch));
        assertThat(b.delivered).hasSize(1);
        release.countDown();
        await().atMost(PATIENCE).until(() -> b.delivered.size() == 2);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnceAndClosedOnesMakeRoomAgain() throws Exception {
        Node b = node("b", RemoteSettings.defaults().withTls(new RemoteSettings.Tls.Plaintext())
                .withMaxInboundConnections(2).withTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(1)), f -> { });
        TestProbe<RemoteEvent> events = b.kit.createTestProbe();
        b.kit.system().eventStream().subscribe(RemoteEvent.class, events.ref());
        ActorPath address = b.transport.address();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket(address.host().orElseThrow(), address.port());
                socket.setSoTimeout(50);
                sockets.add(socket);
            }

            assertThat(events.expectMessageClass(RemoteEvent.ConnectionFailed.class, PATIENCE).reason())
                    .contains("already has 2 inbound connections");
            Set<Socket> closedByTheNode = new HashSet<>();
            await().atMost(PATIENCE).until(() -> {
                sockets.stream().filter(TransportTest::atEndOfStream).forEach(closedByTheNode::add);
                return closedByTheNode.size() == 1;
            });
            assertThat(sockets).filteredOn(socket -> !closedByTheNode.contains(socket))
                    .noneMatch(TransportTest::atEndOfStream);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }

        Node a = node("a", new RemoteSettings.Tls.Plaintext(), 64 * 1024);
        send(a, b, message("troupe://b@x:1/user/r", 1));
        await().atMost(PATIENCE).until(() -> b.delivered.size() == 1);
    }

    /** Whether the other end closed {@code socket}; false if it is open (its read timed out). */
    private static boolean atEndOfStream(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
