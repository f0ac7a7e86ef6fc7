package dev.troupe.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.AskPattern;
import dev.troupe.remote.RemoteNodeTest.Chat;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke test across two JVMs: ask a node in a child JVM, SIGKILL it, and the watcher here gets Terminated. */
class OtherJvmTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path devKeys;

    private Process child;
    private ActorTestKit kit;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (kit != null) {
            kit.shutdown();
        }
    }

    @Test
    void askANodeInAnotherJvmThenKillItAndTheWatcherGetsTerminated() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                GreeterNodeMain.class.getName(), "far", "0", devKeys.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        while (ready != null && !ready.startsWith("READY ")) { // log lines come first
            ready = out.readLine();
        }
        assertThat(ready).as("the child's READY line").isNotNull();
        String address = ready.split(" ")[1];

        kit = ActorTestKit.create("near");
        RemoteSettings.FailureDetection quick = new RemoteSettings.FailureDetection(Duration.ofMillis(200), 8.0, 100,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(500));
        RemoteNode node = RemoteNode.start(kit.system(), RemoteSettings.defaults().withBind("127.0.0.1", 0)
                .withTls(new RemoteSettings.Tls.Development(devKeys)).withFailureDetection(quick), RemoteNodeTest.TYPES);
        ActorRef<Chat> greeter = node.resolve(address + "user");

        String reply = AskPattern.<Chat, String>ask(greeter, replyTo -> new Chat.Hello("other jvm", replyTo), PATIENCE,
                kit.system().scheduler()).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(reply).isEqualTo("hello other jvm");

        TestProbe<Void> watcher = kit.createTestProbe();
        TestProbe<RemoteEvent> events = kit.createTestProbe();
        kit.system().eventStream().subscribe(RemoteEvent.Quarantined.class, events.ref());
        child.destroyForcibly().waitFor(); // SIGKILL
        watcher.expectTerminated(greeter, PATIENCE);
        assertThat(events.receiveMessage(PATIENCE)).isInstanceOf(RemoteEvent.Quarantined.class);
    }
}
