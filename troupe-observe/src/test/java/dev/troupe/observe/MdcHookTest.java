package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DispatcherSelector;
import dev.troupe.actor.Props;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcHookTest {
    private static final Props ON_CALLING_THREAD =
            Props.empty().withDispatcher(DispatcherSelector.fromSettings(HookOnlyInstrumentation.CALLING_THREAD));

    private final ActorTestKit kit = ActorTestKit.create("mdc", HookOnlyInstrumentation.settings(new MdcHook()));
    private final CapturedLog log = CapturedLog.create();

    record Greet(String name, ActorRef<String> replyTo) {}

    record Relay(ActorRef<String> inner, ActorRef<String> replyTo) {}

    @AfterEach
    void tearDown() {
        log.close();
        kit.shutdown();
        MDC.clear();
    }

    /** An actor that logs each text it gets; its turns run inside tell, on the sending thread. */
    private ActorRef<String> spawnLoggerOnCallingThread() {
        return kit.spawn(Behaviors.<String>receiveMessage(text -> {
            log.logger().info(text);
            return Behaviors.same();
        }), "echo", ON_CALLING_THREAD);
    }

    @Test
    void everyLineWrittenInsideAnActorThroughAnyLoggerCarriesItsPathTypeAndMessage() {
        ActorRef<Greet> greeter = kit.spawn(Behaviors.<Greet>receiveMessage(greet -> {
            log.logger().info("greeting {}", greet.name());
            log.logger().warn("greeted {}", greet.name());
            greet.replyTo().tell("done");
            return Behaviors.same();
        }), "greeter", Props.empty().withActorType("greeters"));
        TestProbe<String> done = kit.createTestProbe();

        greeter.tell(new Greet("ada", done.ref()));
        done.expectMessage("done");

        Map<String, String> expected = Map.of(
                MdcHook.MDC_ACTOR, greeter.path().toString(),
                MdcHook.MDC_ACTOR_TYPE, "greeters",
                MdcHook.MDC_MESSAGE, Greet.class.getName());
        assertThat(log.mdcOfLines()).hasSize(2).allSatisfy(mdc -> assertThat(mdc).containsAllEntriesOf(expected));
    }

    @Test
    void theKeysAreGoneAfterTheMessageAndOtherKeysAreKept() {
        ActorRef<String> echo = spawnLoggerOnCallingThread();
        MDC.put("request", "r-1");

        echo.tell("inside");

        assertThat(log.mdcOfLines()).singleElement().satisfies(mdc -> assertThat(mdc)
                .containsEntry(MdcHook.MDC_ACTOR, echo.path().toString())
                .containsEntry(MdcHook.MDC_MESSAGE, String.class.getName())
                .containsEntry("request", "r-1"));
        assertThat(MDC.getCopyOfContextMap()).containsExactly(Map.entry("request", "r-1"));
    }

    @Test
    void aNestedTurnGivesTheOuterActorItsKeysBack() {
        ActorRef<String> inner = kit.spawn(Behaviors.<String>receiveMessage(text -> {
            log.logger().info("inner {}", text);
            return Behaviors.same();
        }), "inner", ON_CALLING_THREAD);
        ActorRef<Relay> outer = kit.spawn(Behaviors.<Relay>receiveMessage(relay -> {
            log.logger().info("outer before");
            relay.inner().tell("hello"); // runs inner's turn right here, on this thread
            log.logger().info("outer after");
            relay.replyTo().tell("done");
            return Behaviors.same();
        }), "outer");
        TestProbe<String> done = kit.createTestProbe();

        outer.tell(new Relay(inner, done.ref()));
        done.expectMessage("done");

        assertThat(log.lines()).containsExactly("outer before", "inner hello", "outer after");
        assertThat(log.mdcOfLines()).extracting(mdc -> mdc.get(MdcHook.MDC_ACTOR), mdc -> mdc.get(MdcHook.MDC_MESSAGE))
                .containsExactly(
                        tuple(outer.path().toString(), Relay.class.getName()),
                        tuple(inner.path().toString(), String.class.getName()),
                        tuple(outer.path().toString(), Relay.class.getName()));
    }

    @Test
    void valuesTheThreadHadBeforeAreRestored() {
        ActorRef<String> echo = spawnLoggerOnCallingThread();
        MDC.put(MdcHook.MDC_ACTOR, "not an actor");

        echo.tell("inside");

        assertThat(log.mdcOfLines()).singleElement()
                .satisfies(mdc -> assertThat(mdc).containsEntry(MdcHook.MDC_ACTOR, echo.path().toString()));
        assertThat(MDC.getCopyOfContextMap()).containsExactly(Map.entry(MdcHook.MDC_ACTOR, "not an actor"));
    }
}
