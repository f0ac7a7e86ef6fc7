package dev.troupe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.AskPattern;
import dev.troupe.examples.HelloActor.Greeter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HelloActorTest {
    private final ActorSystem<Greeter> system = ActorSystem.create(HelloActor.greeter(0), "hello-test");

    @AfterEach
    void terminate() {
        system.terminate();
        system.whenTerminated().toCompletableFuture().join();
    }

    @Test
    void greetsByNameAndCountsGreetings() {
        assertThat(ask(replyTo -> new Greeter.Greet("Ada", replyTo))).isEqualTo("Hello, Ada!");
        assertThat(ask(replyTo -> new Greeter.Greet("Alan", replyTo))).isEqualTo("Hello, Alan!");
        assertThat(HelloActorTest.<Integer>ask(system, Greeter.HowMany::new)).isEqualTo(2);
    }

    private String ask(java.util.function.Function<dev.troupe.actor.ActorRef<String>, Greeter> request) {
        return ask(system, request);
    }

    private static <R> R ask(ActorSystem<Greeter> system,
                             java.util.function.Function<dev.troupe.actor.ActorRef<R>, Greeter> request) {
        return AskPattern.ask(system, request, Duration.ofSeconds(3), system.scheduler())
                .toCompletableFuture().join();
    }
}
