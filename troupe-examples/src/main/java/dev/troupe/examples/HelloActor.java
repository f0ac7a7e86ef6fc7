package dev.troupe.examples;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import java.time.Duration;

/** The README's first example: a greeter that counts whom it greeted. */
public final class HelloActor {
    private HelloActor() {}

    // tag::hello[]
    public sealed interface Greeter {
        record Greet(String name, ActorRef<String> replyTo) implements Greeter {}
        record HowMany(ActorRef<Integer> replyTo) implements Greeter {}
    }

    public static Behavior<Greeter> greeter(int greeted) {
        return Behaviors.receiveMessage(message -> switch (message) {
            case Greeter.Greet(String name, var replyTo) -> {
                replyTo.tell("Hello, " + name + "!");
                yield greeter(greeted + 1);
            }
            case Greeter.HowMany(var replyTo) -> {
                replyTo.tell(greeted);
                yield Behaviors.same();
            }
        });
    }
    // end::hello[]

    /** Greets once, prints the reply and shuts down. */
    public static void main(String[] args) {
        // tag::hello-main[]
        ActorSystem<Greeter> system = ActorSystem.create(greeter(0), "hello");
        String reply = AskPattern.<Greeter, String>ask(system, replyTo -> new Greeter.Greet("Ada", replyTo),
                Duration.ofSeconds(3), system.scheduler()).toCompletableFuture().join();
        System.out.println(reply); // Hello, Ada!
        system.terminate();
        // end::hello-main[]
        system.whenTerminated().toCompletableFuture().join();
    }
}
