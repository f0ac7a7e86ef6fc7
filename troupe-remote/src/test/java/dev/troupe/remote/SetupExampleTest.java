package dev.troupe.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behaviors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup shown in docs/remote.md, run as written. */
class SetupExampleTest {
    record Greet(String name, ActorRef<String> replyTo) {}

    @TempDir
    Path keyDirectory;

    @Test
    void twoNodesAskAcrossTheWire() throws Exception {
        ActorSystem<Greet> shop = ActorSystem.create(Behaviors.receiveMessage(greet -> {
            greet.replyTo().tell("Hello, " + greet.name());
            return Behaviors.same();
        }), "shop");
        ActorSystem<Void> client = ActorSystem.create(Behaviors.empty(), "client");
        try {
            // tag::setup[]
            MessageTypes types = MessageTypes.builder().register(Greet.class, "greet").build();
            RemoteSettings settings = RemoteSettings.defaults()
                    .withBind("127.0.0.1", 0)                                  // 0: an ephemeral port
                    .withTls(new RemoteSettings.Tls.Development(keyDirectory)); // one key for the dev cluster

            RemoteNode shopNode = RemoteNode.start(shop, settings, types);
            shopNode.publish(shop);                       // the guardian: troupe://shop@127.0.0.1:<port>/user

            RemoteNode clientNode = RemoteNode.start(client, settings, types);
            ActorRef<Greet> greeter = clientNode.resolve(shopNode.address() + "user");
            CompletionStage<String> reply = AskPattern.ask(greeter, replyTo -> new Greet("Ada", replyTo),
                    Duration.ofSeconds(10), client.scheduler());
            // end::setup[]

            assertThat(reply.toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo("Hello, Ada");
        } finally {
            shop.terminate();
            client.terminate();
            shop.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            client.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
