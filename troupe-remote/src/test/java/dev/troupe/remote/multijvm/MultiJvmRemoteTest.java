package dev.troupe.remote.multijvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.testkit.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes in separate JVMs on 127.0.0.1 ({@link NodeMain}), sharing a development TLS key: messages and asks
 * across them, remote death watch when an actor stops and when its JVM is killed (SIGKILL), a paused JVM
 * (SIGSTOP) that is unreachable and then reachable again (SIGCONT), and a restarted node that is a new
 * incarnation, to which refs learned from the old one do not deliver.
 *
 * <p>The nodes beat every 200 ms and accept a pause of 1 s, so a silent node is unreachable after a few seconds;
 * {@value #DOWN_AFTER_MS} ms later it is quarantined and its watchers get {@code Terminated}.
 */
class MultiJvmRemoteTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long HEARTBEAT_MS = 200;
    private static final long ACCEPTABLE_PAUSE_MS = 1_000;
    private static final long DOWN_AFTER_MS = 2_000;
    /**
     * Killing a node to its watchers' Terminated, at most: phi passes 8 within about the acceptable pause plus a
     * few heartbeat intervals, then the down-after period; the rest is slack for a loaded machine.
     */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(20);

    @TempDir
    Path devKeys;

    private final List<ChildJvm> jvms = new ArrayList<>();

    /** A running node: its JVM, address (a root path ending in '/') and incarnation. */
    record Node(ChildJvm jvm, String address, long incarnation) {
        String echo() {
            return address + "user/echo";
        }

        void send(String command) {
            jvm.send(command);
        }

        Matcher expect(String regex) throws InterruptedException {
            return jvm.expectLine(Pattern.compile(regex), PATIENCE);
        }
    }

    private Node start(String name, int port, long downAfterMs) throws InterruptedException {
        ChildJvm jvm = ChildJvm.start(name, NodeMain.class, List.of("-Xmx192m", "-XX:+UseSerialGC"),
                List.of(name, Integer.toString(port), devKeys.toString(), Long.toString(HEARTBEAT_MS),
                        Long.toString(ACCEPTABLE_PAUSE_MS), Long.toString(downAfterMs)));
        jvms.add(jvm);
        Matcher listening = jvm.expectLine(Pattern.compile("listening (\\S+) (-?\\d+)"), START);
        return new Node(jvm, listening.group(1), Long.parseLong(listening.group(2)));
    }

    private Node start(String name) throws InterruptedException {
        return start(name, 0, DOWN_AFTER_MS);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ChildJvm jvm : jvms) {
            jvm.close();
        }
    }

    @Test
    void messagesAsksAndDeathWatchAcrossThreeJvms() throws InterruptedException {
        Node a = start("a");
        Node b = start("b");
        Node c = start("c");

        a.send("ping b " + b.echo() + " 500");
        c.send("ping a " + a.echo() + " 500");
        assertThat(a.expect("pongs b 500 (\\w+) (-?\\d+)").group(1)).isEqualTo("true");
        a.send("ping c " + c.echo() + " 500");
        assertThat(a.expect("pongs c 500 true (-?\\d+)").group(1)).isEqualTo(Long.toString(c.incarnation()));
        assertThat(c.expect("pongs a 500 true (-?\\d+)").group(1)).isEqualTo(Long.toString(a.incarnation()));
        b.send("ask " + c.echo());
        assertThat(b.expect("answer (-?\\d+)").group(1)).isEqualTo(Long.toString(c.incarnation()));

        a.send("watch " + c.echo());
        a.expect("watching .*");
        c.send("stop-echo");
        c.expect("echo-stopped");
        a.expect("terminated " + Pattern.quote(c.echo()));
        b.send("ask " + c.echo());
        c.expect("dead-letter .*/user/echo");
        assertThat(b.expect("ask-failed (\\w+)").group(1)).contains("Timeout");
    }

    @Test
    void watchersOfAKilledNodeGetTerminatedWithinTheDetectorsBound() throws InterruptedException {
        Node a = start("a");
        Node b = start("b");
        Node c = start("c");
        for (Node watcher : List.of(a, c)) {
            watcher.send("ping b " + b.echo() + " 1");
            watcher.expect("pongs b 1 true .*");
            watcher.send("watch " + b.echo());
            watcher.expect("watching .*");
        }

        long killed = System.nanoTime();
        b.jvm().kill();
        a.expect("event Unreachable " + Pattern.quote(b.address()));
        a.expect("terminated " + Pattern.quote(b.echo()));
        Duration detected = Duration.ofNanos(System.nanoTime() - killed);
        c.expect("terminated " + Pattern.quote(b.echo()));
        System.out.println("Killed node's watchers got Terminated after " + detected.toMillis() + " ms");
        assertThat(detected).isLessThan(DETECTION_BOUND);
        a.send("ask " + c.echo()); // the survivors still talk
        assertThat(a.expect("answer (-?\\d+)").group(1)).isEqualTo(Long.toString(c.incarnation()));
    }

    @Test
    void aPausedNodeIsUnreachableThenReachableAgainAndKeepsItsWatchers() throws InterruptedException {
        Node a = start("a", 0, 120_000); // quarantine only after two minutes, far beyond the pause
        Node b = start("b", 0, 120_000);
        a.send("ping b " + b.echo() + " 1");
        a.expect("pongs b 1 true .*");
        a.send("watch " + b.echo());
        a.expect("watching .*");

        b.jvm().suspend();
        expectWithout(a, "event Unreachable " + Pattern.quote(b.address()), "terminated .*");
        b.jvm().resume();
        expectWithout(a, "event Reachable " + Pattern.quote(b.address()), "terminated .*");
        a.send("ping b " + b.echo() + " 100");
        Matcher pongs = expectWithout(a, "pongs b (\\d+) (\\w+) (-?\\d+)", "terminated .*");
        assertThat(pongs.group(2)).isEqualTo("true");
        assertThat(pongs.group(3)).isEqualTo(Long.toString(b.incarnation()));
    }

    @Test
    void aRestartedNodeIsANewIncarnationAndRefsToTheOldOneAreDead() throws Exception {
        int port = freePort();
        Node a = start("a");
        Node b = start("b", port, DOWN_AFTER_MS);
        a.send("ping old " + b.echo() + " 5");
        assertThat(a.expect("pongs old 5 true (-?\\d+)").group(1)).isEqualTo(Long.toString(b.incarnation()));

        b.jvm().kill();
        Node restarted = start("b", port, DOWN_AFTER_MS);
        assertThat(restarted.address()).isEqualTo(b.address());
        assertThat(restarted.incarnation()).isNotEqualTo(b.incarnation());

        a.send("ping new " + b.echo() + " 5"); // the path without uid: whichever incarnation answers
        assertThat(a.expect("pongs new 5 true (-?\\d+)").group(1)).isEqualTo(Long.toString(restarted.incarnation()));
        a.send("ping-learned old 1"); // the ref the old incarnation sent: dead, never delivered to the new one
        a.expect("dead-letter " + Pattern.quote(b.echo()));
        a.send("ping-learned new 3"); // while the new one's refs work
        a.expect("pongs new 3 true " + restarted.incarnation());
    }

    /** Waits for a line matching {@code wanted}, failing if a line matching {@code forbidden} comes first. */
    private static Matcher expectWithout(Node node, String wanted, String forbidden) throws InterruptedException {
        Pattern want = Pattern.compile(wanted);
        Pattern not = Pattern.compile(forbidden);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (;;) {
            String line = node.jvm().nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertThat(not.matcher(line).matches()).as("%s came before a line matching %s", line, wanted).isFalse();
            Matcher matcher = want.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
