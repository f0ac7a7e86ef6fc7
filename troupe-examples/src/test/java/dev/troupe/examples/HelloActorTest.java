package dev.troupe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.examples.HelloActor.Greeter;
import dev.troupe.testkit.BehaviorTestKit;
import dev.troupe.testkit.TestInbox;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HelloActorTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension().failOnUnexpectedDeadLetters().failOnErrorLogs();

    // tag::hello-test[]
    @Test
    void greetsByNameAndCountsGreetings() {
        ActorRef<Greeter> greeter = testKit.kit().spawn(HelloActor.greeter(0));
        TestProbe<String> replies = testKit.kit().createTestProbe();
        TestProbe<Integer> counts = testKit.kit().createTestProbe();

        greeter.tell(new Greeter.Greet("Ada", replies.ref()));
        replies.expectMessage("Hello, Ada!");
        greeter.tell(new Greeter.HowMany(counts.ref()));
        counts.expectMessage(1);
    }
    // end::hello-test[]

    @Test
    void greetingsCanBeTestedSynchronously() {
        BehaviorTestKit<Greeter> greeter = BehaviorTestKit.create(HelloActor.greeter(0));
        TestInbox<String> replies = TestInbox.create("replies");
        TestInbox<Integer> counts = TestInbox.create("counts");

        greeter.run(new Greeter.Greet("Alan", replies.ref()));
        greeter.run(new Greeter.Greet("Grace", replies.ref()));
        greeter.run(new Greeter.HowMany(counts.ref()));

        assertThat(replies.receiveAll()).containsExactly("Hello, Alan!", "Hello, Grace!");
        counts.expectMessage(2);
        assertThat(greeter.hasEffects()).isFalse();
    }

    @Test
    void theMainMethodGreetsAndShutsDown() {
        var out = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            HelloActor.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Hello, Ada!");
    }
}
